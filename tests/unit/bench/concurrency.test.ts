// Tests for bench/concurrency.ts's rule that picks launchdarkly:maxConcurrency's default from the sweep: the
// smallest value whose create is within 20% of the fastest, without a limit and under it, with no failure.
import { suggestDefault, SWEEP_TOLERANCE, type SweepRow } from "../../../bench/concurrency";
import type { OpResult } from "../../../bench/figures";

/** An operation that took `wallMs`, failed or not (only the fields the rule reads matter). */
function op(wallMs: number, failed = false): OpResult {
  return { wallMs, exitCode: failed ? 1 : 0, failedResources: failed ? 1 : 0 } as OpResult;
}

/** Rows from [value, create ms without a limit, create ms under it (or null: not run)]. */
function rows(spec: Array<[number, number, number | null]>, failing: number[] = []): SweepRow[] {
  return spec.map(([c, free, limited]) => ({
    maxConcurrency: c,
    unlimited: { create: op(free, failing.includes(c)), destroy: op(free / 2) },
    limited: limited === null ? null : { create: op(limited), destroy: op(limited / 2) },
  }));
}

describe("suggestDefault", () => {
  it("the sweep of the committed run gives 32: 16 is more than 20% slower than the fastest, 32 within it", () => {
    const measured = rows([[1, 31_100, 31_600], [2, 17_100, 20_800], [4, 9_900, 17_000], [8, 6_500, 15_100], [16, 4_600, 14_400], [32, 4_000, 14_000], [64, 3_500, 13_900]]);
    expect(SWEEP_TOLERANCE).toBe(1.2);
    expect(suggestDefault(measured)).toBe(32);
  });

  it("a value must be fast under the limit too", () => {
    // 8 is fast without a limit but 50% slower than the best under it.
    expect(suggestDefault(rows([[8, 4_100, 21_000], [16, 4_000, 14_000], [32, 3_900, 14_000]]))).toBe(16);
  });

  it("without the rate-limited half, only the unlimited creates count", () => {
    expect(suggestDefault(rows([[4, 10_000, null], [8, 6_000, null], [16, 5_500, null]]))).toBe(8);
  });

  it("a value whose run failed is never suggested, nor counted as the fastest", () => {
    expect(suggestDefault(rows([[8, 6_500, null], [16, 5_000, null], [32, 1_000, null]], [32]))).toBe(16);
  });

  it("nothing to suggest when every run failed", () => {
    expect(suggestDefault(rows([[8, 6_000, null]], [8]))).toBeNull();
  });
});

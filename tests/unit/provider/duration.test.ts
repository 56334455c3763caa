// Tests for provider/duration.ts: duration strings and milliseconds, units, rounding, and the bounds the
// caller gives (here the grace-period bounds of provider/rotation.ts).

import { DAY_MS, parseDuration } from "../../../provider/duration";
import { GRACE_PERIOD_BOUNDS } from "../../../provider/rotation";

const HOUR = 3_600_000;

describe("parseDuration", () => {
  it.each<[string | number, number]>([
    ["90m", 90 * 60_000],
    ["24h", 24 * HOUR],
    ["7d", 7 * DAY_MS],
    ["1.5h", 1.5 * HOUR],
    ["1.1h", 3_960_000],
    ["2 weeks", 14 * DAY_MS],
    ["1w", 7 * DAY_MS],
    ["10s", 10_000],
    ["250ms", 250],
    ["30d", 30 * DAY_MS],
    [" 1h ", HOUR],
    ["5000", 5000],
    ["0", 0],
    [0, 0],
    [5000, 5000],
    [30 * DAY_MS, 30 * DAY_MS],
  ])("accepts %p as %d ms", (input, expected) => {
    expect(parseDuration(input, GRACE_PERIOD_BOUNDS)).toEqual({ ok: true, ms: expected });
  });

  it.each<[string | number, RegExp]>([
    ["-1h", /must not be negative/],
    [-1, /must not be negative/],
    [NaN, /invalid duration/],
    [Infinity, /invalid duration/],
    ["", /invalid duration/],
    ["soon", /invalid duration/],
    ["1h30m", /invalid duration/],
    ["1M", /invalid duration/],
    ["1y", /invalid duration/],
    ["1.5", /whole number of milliseconds/],
    ["0.5ms", /whole number of milliseconds/],
    [1.5, /whole number of milliseconds/],
    ["31d", /must be between 0ms and 30d/],
    [30 * DAY_MS + 1, /must be between 0ms and 30d/],
  ])("refuses %p", (input, reason) => {
    const parsed = parseDuration(input, GRACE_PERIOD_BOUNDS);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it("refuses a non-string, non-number at run time", () => {
    expect(parseDuration(true as unknown as string, GRACE_PERIOD_BOUNDS)).toEqual({ ok: false, reason: expect.stringMatching(/invalid duration true/) });
  });

  it.each<[string, string | number, boolean]>([
    ["below min", "30s", false],
    ["at min", "1m", true],
    ["at max", "1h", true],
    ["above max", "61m", false],
  ])("custom bounds 1m..1h: %s (%p) → %s", (_title, input, ok) => {
    expect(parseDuration(input, { min: 60_000, max: HOUR }).ok).toBe(ok);
  });
});

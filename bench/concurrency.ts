// The in-flight sweep behind `launchdarkly:maxConcurrency`'s default: one fleet of N configurations created and
// destroyed at each limit value, on an emulator without a rate limit (what latency alone allows), then each value
// on a fresh emulator with a route limit of R requests per 10 s that answers 429 with LaunchDarkly's rate-limit
// headers (LaunchDarkly publishes the headers, not the numbers; the client pauses every request until the reset).
// With R < N the limit binds: no create can end before ceil(N/R) − 1 windows have passed. The fleet, because its
// requests are capped by the client's limiter alone (N resources are also capped by the engine's --parallel). The
// suggested default is the smallest value whose create is within 20% of the fastest create (the noise of single
// runs on this shared machine), both without a limit and under it, with no failure.
import type { OpResult } from "./figures";
import { measureOperation } from "./operation";
import { programFor } from "./program";
import { withBenchStack, type BenchStack } from "./workspace";

/** One limit value's runs. */
export interface SweepRow {
  maxConcurrency: number;
  unlimited: { create: OpResult; destroy: OpResult };
  limited: { create: OpResult; destroy: OpResult } | null;
}

/** The sweep and what it suggests. */
export interface ConcurrencySweep {
  n: number;
  latencyMs: number;
  /** The route limit (requests per 10 s) of the limited runs; null when skipped. */
  rateLimit: number | null;
  /** (ceil(N/R) − 1) × 10 s: no create can end sooner under the limit. */
  floorMs: number | null;
  rows: SweepRow[];
  /** The smallest value meeting the rule (see the header), or null when none does. */
  suggested: number | null;
}

const ok = (o: OpResult): boolean => o.exitCode === 0 && o.failedResources === 0;

/** How far from the fastest create a value may be and still count as fast: single runs here differ by up to ~20%. */
export const SWEEP_TOLERANCE = 1.2;

/** The smallest value whose create is within 20% of the fastest, without a limit and (when run) under it, with no failure. */
export function suggestDefault(rows: SweepRow[]): number | null {
  const fine = rows.filter((r) => ok(r.unlimited.create) && ok(r.unlimited.destroy) && (r.limited === null || (ok(r.limited.create) && ok(r.limited.destroy))));
  if (fine.length === 0) return null;
  const best = Math.min(...fine.map((r) => r.unlimited.create.wallMs));
  const limited = fine.filter((r) => r.limited !== null).map((r) => (r.limited as { create: OpResult }).create.wallMs);
  const bestLimited = limited.length > 0 ? Math.min(...limited) : null;
  const meets = (r: SweepRow): boolean =>
    r.unlimited.create.wallMs <= best * SWEEP_TOLERANCE &&
    (r.limited === null || bestLimited === null || r.limited.create.wallMs <= bestLimited * SWEEP_TOLERANCE);
  const candidates = fine.filter(meets).map((r) => r.maxConcurrency).sort((a, b) => a - b);
  return candidates[0] ?? null;
}

async function createAndDestroy(stack: BenchStack, n: number, c: number, latencyMs: number, rateLimit: number | null): Promise<{ create: OpResult; destroy: OpResult }> {
  await stack.must(["config", "set", "launchdarkly:maxConcurrency", String(c)]);
  const run = async (op: string, args: string[]): Promise<OpResult> => {
    const m = await measureOperation(stack, { op, shape: "fleet", n, parallel: "default", latencyMs, rateLimit }, args, op === "destroy");
    const limit = rateLimit === null ? "no limit" : `R=${rateLimit}`;
    process.stderr.write(`  sweep N=${n} maxConcurrency ${c} ${limit} ${op}: ${(m.wallMs / 1000).toFixed(1)} s, exit ${m.run.code}, ${m.result.status429} x 429\n`);
    if (m.run.code !== 0) process.stderr.write(m.run.out.slice(-2000) + "\n");
    return m.result;
  };
  const create = await run("up (create)", ["up", "--yes", "--skip-preview"]);
  const destroy = await run("destroy", ["destroy", "--yes", "--skip-preview"]);
  return { create, destroy };
}

/** Runs the sweep: each value of `values` without a limit, then (when `rateLimit` is set) under it. */
export async function concurrencySweep(n: number, values: number[], latencyMs: number, rateLimit: number | null): Promise<ConcurrencySweep> {
  const program = programFor("fleet");
  const unlimited = new Map<number, { create: OpResult; destroy: OpResult }>();
  await withBenchStack(`relay-bench-sweep-${n}-`, latencyMs, null, program, async (stack) => {
    await stack.must(["config", "set", "bench:n", String(n)]);
    for (const c of values) unlimited.set(c, await createAndDestroy(stack, n, c, latencyMs, null));
  });
  const limited = new Map<number, { create: OpResult; destroy: OpResult }>();
  // A fresh emulator per value, so no run starts inside a window the one before used up.
  for (const c of values) {
    if (rateLimit === null) break;
    await withBenchStack(`relay-bench-sweep-rl-${n}-${c}-`, latencyMs, rateLimit, program, async (stack) => {
      await stack.must(["config", "set", "bench:n", String(n)]);
      limited.set(c, await createAndDestroy(stack, n, c, latencyMs, rateLimit));
    });
  }
  const rows = values.map((c) => ({ maxConcurrency: c, unlimited: unlimited.get(c)!, limited: limited.get(c) ?? null }));
  const floorMs = rateLimit === null ? null : (Math.ceil(n / rateLimit) - 1) * 10_000;
  return { n, latencyMs, rateLimit, floorMs, rows, suggested: suggestDefault(rows) };
}

/** The sweep as markdown. */
export function sweepMarkdown(s: ConcurrencySweep): string {
  const sec = (o: OpResult): string => `${(o.wallMs / 1000).toFixed(1)}${ok(o) ? "" : ` (exit ${o.exitCode}, ${o.failedResources} failed)`}`;
  const limitHead = s.rateLimit === null ? "" : ` create s, R=${s.rateLimit} | 429s | destroy s, R=${s.rateLimit} | 429s |`;
  const out = [
    `One fleet of N=${s.n}, latency ${s.latencyMs} ms per request; \`pulumi up --skip-preview\` and \`pulumi destroy\` at each \`launchdarkly:maxConcurrency\`.` +
      (s.rateLimit === null ? "" : ` Under the route limit R=${s.rateLimit} per 10 s (a fresh emulator per value) no create can end before ${((s.floorMs as number) / 1000).toFixed(0)} s; 429s are those the client received.`),
    ``,
    `| maxConcurrency | create s, no limit | destroy s, no limit |${limitHead}`,
    `|---|---|---|${s.rateLimit === null ? "" : "---|---|---|---|"}`,
  ];
  for (const r of s.rows) {
    const l = r.limited;
    const limitCells = l === null ? "" : ` ${sec(l.create)} | ${l.create.status429} | ${sec(l.destroy)} | ${l.destroy.status429} |`;
    out.push(`| ${r.maxConcurrency} | ${sec(r.unlimited.create)} | ${sec(r.unlimited.destroy)} |${limitCells}`);
  }
  out.push(``, s.suggested === null
    ? `No value met the rule (a create within 20% of the fastest${s.rateLimit === null ? "" : ", without a limit and under it"}, no failure).`
    : `The smallest value whose create is within 20% of the fastest (single runs here differ by up to ~20%)${s.rateLimit === null ? "" : ", without a limit and under it"}, with no failure: **${s.suggested}**.`);
  return out.join("\n");
}

// The benchmark report: the JSON written to latest.json and its markdown (latest.md): the lifecycle table (a row
// per N, shape and operation, figures per configuration) with each operation's call target met or not, where the
// time and the state go (bench/report-breakdown.ts), the fast paths side by side, provider start-up piece by
// piece, the rate-limited run against its floor, the relay figures, the linearity of wall time in N per shape,
// and the emulator's throughput.
import { DEFAULT_MAX_CONCURRENCY } from "../provider/settings";
import { sweepMarkdown, type ConcurrencySweep } from "./concurrency";
import type { CrashFigures } from "./crash";
import type { OpResult } from "./figures";
import type { Shape } from "./program";
import type { RateLimited } from "./rate-limit";
import { relayMarkdown, type RelayFigures } from "./relay";
import type { ProgramOptionsFigures } from "./program-options";
import { breakdownMarkdown, crashMarkdown, fastPathsMarkdown, programOptionsMarkdown, startupSplitMarkdown, stateMarkdown } from "./report-breakdown";
import { startupMarkdown, type StartupFigures } from "./startup";

/** Everything one benchmark run found (latest.json). */
export interface Report {
  date: string;
  host: string;
  command: string;
  label: string;
  pulumiVersion: string;
  engineParallelDefault: number;
  latencyMs: number;
  /** The lifecycle's shapes (BENCH_SHAPES). */
  shapes: Shape[];
  operations: OpResult[];
  rateLimited?: RateLimited;
  sweep?: ConcurrencySweep;
  relay?: RelayFigures;
  linearity: string;
  loadtest?: string;
  /** Whether each operation also ran on a twin stack with PULUMI_SKIP_CHECKPOINTS=true (BENCH_CHECKPOINT_AB). */
  checkpointAB: boolean;
  startup?: StartupFigures;
  programOptions?: ProgramOptionsFigures;
  crash?: CrashFigures[];
}

/** API calls per configuration each lifecycle operation should make, in either shape. */
export const TARGETS: Record<string, { calls: number; cmp: "eq" | "le" }> = {
  "up (create)": { calls: 1, cmp: "eq" },
  "preview (no-op)": { calls: 0, cmp: "eq" },
  "update (1 statement)": { calls: 1, cmp: "eq" },
  "rotate (new trigger)": { calls: 1, cmp: "eq" },
  refresh: { calls: 1, cmp: "eq" },
  destroy: { calls: 1, cmp: "eq" },
};

function met(o: OpResult): string {
  const t = TARGETS[o.op];
  if (!t) return "";
  const ok = t.cmp === "eq" ? o.callsPerResource === t.calls : o.callsPerResource <= t.calls;
  return `${t.cmp === "eq" ? "=" : "≤"} ${t.calls}: ${ok ? "met" : "**not met**"}`;
}

/** The report as markdown. */
export function markdown(report: Report): string {
  const lines: string[] = [];
  lines.push(`# Benchmark results`, ``, `Date: ${report.date} · host: ${report.host} · command: \`${report.command}\``, ``);
  lines.push(`Emulator latency ${report.latencyMs} ms per request; engine \`--parallel\` default (${report.engineParallelDefault}` +
    ` per \`pulumi up --help\`, pulumi ${report.pulumiVersion}); provider client limiter ${DEFAULT_MAX_CONCURRENCY} in flight (\`launchdarkly:maxConcurrency\` default). Operations run with \`--skip-preview\`.` +
    ` Shapes: \`resources\` = N RelayProxyConfiguration resources, \`fleet\` = one RelayProxyConfigurations of N entries;` +
    ` "/ config" figures divide by the N configurations in both (a fleet's state by its entries); "failed" counts engine resources (a fleet is one).`, ``);
  lines.push(`| N | shape | operation | --parallel | wall s | s per config | API calls / config (by method) | target | account listings (reach) | 429s | failed | state B / config | __provider B / config | provider peak RSS MiB |`);
  lines.push(`|---|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const o of report.operations) {
    const by = Object.entries(o.callsPerResourceByMethod).map(([m, c]) => `${m} ${c}`).join(", ") || "0";
    lines.push(`| ${o.n} | ${o.shape} | ${o.op} | ${o.parallel} | ${(o.wallMs / 1000).toFixed(1)} | ${(o.wallMs / 1000 / o.n).toFixed(3)} | ${o.callsPerResource} (${by}) | ${met(o)} | ${o.accountListings} | ${o.status429} | ${o.failedResources}${o.exitCode ? ` (exit ${o.exitCode})` : ""} | ${o.stateBytesPerResource} | ${o.providerBytesPerResource}${o.providerCopiesPerResource > 1 ? ` ×${o.providerCopiesPerResource}` : ""} | ${o.providerPeakRssMiB ?? "n/a"} |`);
  }
  const breakdown = breakdownMarkdown(report.operations);
  if (breakdown) {
    lines.push(``, `## Where the time goes`, ``, `Seconds (share of the wall time). Start-up terms from the provider's and the program's own timings in this run;` +
      ` inside provider calls, API wait, CPU and rest from the twin run without checkpoints when there is one ("twin"), the checkpoint term being` +
      ` how much longer this run's deployment phase (first provider call → end) was than the twin's (bench/README.md, "Where the time goes").` +
      ` Our CPU: the provider process's CPU from our module's load to the last call's end, per call (configure, check, diff, create, …), the SDK's gRPC host included;` +
      ` N resources make one call of each per resource, a fleet one per command for all N entries.`, ``, breakdown);
    lines.push(``, `Start-up terms split (ms, this run):`, ``, startupSplitMarkdown(report.operations));
  }
  const fast = fastPathsMarkdown(report.operations);
  if (fast) lines.push(``, `## Fast paths, side by side (wall s, ratio to the default)`, ``, fast);
  const state = stateMarkdown(report.operations);
  if (state) lines.push(``, `## Live state per configuration (bytes of the checkpoint's compact JSON)`, ``, state);
  if (report.startup) lines.push(``, `## Provider start-up, piece by piece`, ``, startupMarkdown(report.startup));
  if (report.programOptions) lines.push(``, `## Program-side options (no-op previews)`, ``, programOptionsMarkdown(report.programOptions));
  if (report.crash) lines.push(``, `## An engine killed mid-create, with and without checkpoints`, ``, crashMarkdown(report.crash));
  if (report.rateLimited) {
    const r = report.rateLimited;
    lines.push(``, `## Under a route rate limit`, ``);
    lines.push(`N=${r.create.n}, R=${r.create.rateLimit} requests per route per 10 s, latency ${r.create.latencyMs} ms.`, ``);
    lines.push(`| operation | wall s | floor N/R×10 s | ratio | target ≤ 1.1 | 429s | failed resources | resources in state | calls (method status) |`);
    lines.push(`|---|---|---|---|---|---|---|---|---|`);
    for (const o of [r.create, r.destroy]) {
      const q = o.wallMs / r.floorMs;
      lines.push(`| ${o.op} | ${(o.wallMs / 1000).toFixed(1)} | ${(r.floorMs / 1000).toFixed(0)} | ${q.toFixed(2)} | ${q <= 1.1 && o.failedResources === 0 && o.exitCode === 0 ? "met" : "**not met**"} | ${o.status429} | ${o.failedResources}${o.exitCode ? ` (exit ${o.exitCode})` : ""} | ${o.resourcesInState} | ${Object.entries(o.calls).map(([k, v]) => `${k}: ${v}`).join(", ")} |`);
    }
  }
  if (report.sweep) lines.push(``, `## The in-flight limit (\`launchdarkly:maxConcurrency\`), swept`, ``, sweepMarkdown(report.sweep));
  if (report.relay) lines.push(``, relayMarkdown(report.relay));
  if (report.linearity) {
    lines.push(``, `## Linearity`, ``, report.linearity);
  }
  if (report.loadtest) lines.push(``, `## Emulator throughput (emulator/loadtest.ts, 3 s per scenario)`, ``, "```", report.loadtest, "```");
  return lines.join("\n") + "\n";
}

/** How wall time grows from the smallest N to the largest, per shape (engine default --parallel); empty with one N. */
export function linearity(ops: OpResult[]): string {
  const ns = [...new Set(ops.map((o) => o.n))].sort((a, b) => a - b);
  if (ns.length < 2) return "";
  const lo = ns[0], hi = ns[ns.length - 1];
  const out: string[] = [`Wall time ratio N=${hi} / N=${lo} (a linear cost would give ${hi / lo}×; a fixed engine start-up cost pulls it lower):`, ``];
  for (const shape of [...new Set(ops.map((o) => o.shape))]) {
    for (const op of Object.keys(TARGETS)) {
      const a = ops.find((o) => o.shape === shape && o.n === lo && o.op === op && o.parallel === "default");
      const b = ops.find((o) => o.shape === shape && o.n === hi && o.op === op && o.parallel === "default");
      if (!a || !b) continue;
      // Marginal cost per configuration, removing the fixed cost: (T_hi - T_lo) / (hi - lo).
      const marginal = (b.wallMs - a.wallMs) / (hi - lo);
      out.push(`- ${shape}, ${op}: ${(b.wallMs / a.wallMs).toFixed(1)}×; marginal ${marginal.toFixed(0)} ms per config; implied fixed cost ${((a.wallMs - marginal * lo) / 1000).toFixed(1)} s`);
    }
  }
  return out.join("\n");
}

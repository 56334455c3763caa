// Benchmarks of RelayProxyConfiguration through the real `pulumi` CLI against the emulator (a separate process,
// with per-request latency and an optional route rate limit). For each N and each shape (N resources, then one
// RelayProxyConfigurations fleet of N entries: bench/program.ts): one stack, then up (create all), no-op
// preview, update all (one statement each), rotate all (new trigger), refresh, destroy. Per operation: wall
// time, API calls per configuration by method (emulator request log), 429s, state bytes per configuration
// (split by owner: bench/state.ts), serialized-provider bytes per configuration, provider process peak RSS
// (VmHWM sampled from /proc), the engine's --parallel, and where the time goes (bench/breakdown.ts: the
// provider's and the program's own timings, and a twin stack without checkpoints for the checkpoint term). Then
// provider start-up piece by piece (bench/startup.ts), program-side options on no-op previews
// (bench/program-options.ts), an engine killed mid-create with and without checkpoints (bench/crash.ts), a
// rate-limited create, the sweep of the client's in-flight limit (bench/concurrency.ts), LaunchDarkly's Relay
// Proxy on a stack's key (bench/relay.ts), and the emulator's own throughput (emulator/loadtest). This file reads the settings, runs the parts in order and writes the report
// (bench/report.ts, bench/report-breakdown.ts).
//
//   make bench                                   # BENCH_N="10 100" BENCH_LATENCY_MS=50 BENCH_RATE_LIMIT=50 ...
//   node dist/bench/run.js                       # after `make engine build`
//
// Environment: BENCH_N (default "10 100"), BENCH_SHAPES (the lifecycle's shapes, "resources fleet"; either alone
// runs only that one), BENCH_LATENCY_MS (50), BENCH_RATE_LIMIT (50; 0 = skip the rate-limited run), BENCH_RATE_N
// (100), BENCH_PARALLEL (engine --parallel values, e.g. "4 16"; default: the engine default only; each runs every
// shape), BENCH_CHECKPOINT_AB (1; 0 = no twin without checkpoints), BENCH_STARTUP_RUNS (5; 0 = skip),
// BENCH_OPTIONS_N (100), BENCH_OPTIONS_RUNS (3; 0 = skip), BENCH_CRASH_N (100; 0 = skip), BENCH_RELAY_CHANGES
// (10; 0 = skip the relay figures), BENCH_RELAY_STARTS (5), BENCH_LOADTEST (1; 0 = skip), BENCH_OUT
// (bench/results), BENCH_LABEL (free text stored in the JSON), BENCH_SWEEP (the maxConcurrency values swept,
// "1 2 4 8 16 32 64"; empty = skip), BENCH_SWEEP_N (500; 0 = skip), BENCH_SWEEP_RATE_LIMIT (250 per route per 10 s;
// 0 = no rate-limited half). The rate-limited run, the crash and the program-side options run N resources only;
// the sweep (bench/concurrency.ts) one fleet.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { concurrencySweep } from "./concurrency";
import { crashFigures } from "./crash";
import type { OpResult } from "./figures";
import { lifecycle } from "./lifecycle";
import { loadtest } from "./loadtest";
import { rateLimited } from "./rate-limit";
import { relayFigures } from "./relay";
import { parseShape } from "./program";
import { programOptionsFigures } from "./program-options";
import { linearity, markdown, type Report } from "./report";
import { startupFigures } from "./startup";
import { envInt, pulumi, repoRoot } from "./workspace";

/** The sweep's settings when BENCH_SWEEP, BENCH_SWEEP_N and BENCH_SWEEP_RATE_LIMIT are unset. */
const SWEEP_DEFAULTS = { values: "1 2 4 8 16 32 64", n: 500, rateLimit: 250 } as const;

async function main(): Promise<void> {
  const ns = (process.env.BENCH_N ?? "10 100").split(/[\s,]+/).filter(Boolean).map(Number);
  const shapes = (process.env.BENCH_SHAPES || "resources fleet").split(/[\s,]+/).filter(Boolean).map(parseShape);
  const latencyMs = envInt("BENCH_LATENCY_MS", 50);
  const rateLimit = envInt("BENCH_RATE_LIMIT", 50);
  const rateN = envInt("BENCH_RATE_N", 100);
  const parallels = (process.env.BENCH_PARALLEL ?? "").split(/[\s,]+/).filter(Boolean).map(Number);
  const outDir = path.resolve(repoRoot, process.env.BENCH_OUT ?? "bench/results");
  for (const n of ns) if (!(n > 0 && n <= 1000)) throw new Error(`BENCH_N values must be 1..1000, got ${n}`);
  const version = (await pulumi(repoRoot, process.env as Record<string, string>, ["version"])).out.trim();
  const checkpointAB = process.env.BENCH_CHECKPOINT_AB !== "0";
  const startupRuns = envInt("BENCH_STARTUP_RUNS", 5);
  if (startupRuns > 0) process.stderr.write(`provider start-up: ${startupRuns} runs of each probe\n`);
  const startup = startupRuns > 0 ? startupFigures(startupRuns) : undefined;
  const operations: OpResult[] = [];
  for (const n of ns) {
    for (const shape of shapes) {
      process.stderr.write(`lifecycle N=${n}, ${shape}, latency ${latencyMs} ms${checkpointAB ? ", twin without checkpoints" : ""}\n`);
      await lifecycle(n, shape, latencyMs, "default", operations, checkpointAB);
    }
  }
  for (const p of parallels) {
    const n = ns[ns.length - 1];
    for (const shape of shapes) {
      process.stderr.write(`lifecycle N=${n}, ${shape}, --parallel ${p}\n`);
      await lifecycle(n, shape, latencyMs, p, operations, checkpointAB);
    }
  }
  const optionRuns = envInt("BENCH_OPTIONS_RUNS", 3);
  const optionsN = envInt("BENCH_OPTIONS_N", 100);
  if (optionRuns > 0) process.stderr.write(`program-side options: ${optionRuns} no-op previews of each at N=${optionsN}\n`);
  const programOptions = optionRuns > 0 ? await programOptionsFigures(optionsN, latencyMs, optionRuns) : undefined;
  const crashN = envInt("BENCH_CRASH_N", 100);
  const crash = crashN > 0 ? await crashFigures(crashN, latencyMs) : undefined;
  const rl = rateLimit > 0 ? await rateLimited(rateN, rateLimit, latencyMs) : undefined;
  const sweepValues = (process.env.BENCH_SWEEP ?? SWEEP_DEFAULTS.values).split(/[\s,]+/).filter(Boolean).map(Number);
  const sweepN = envInt("BENCH_SWEEP_N", SWEEP_DEFAULTS.n);
  const sweepLimit = envInt("BENCH_SWEEP_RATE_LIMIT", SWEEP_DEFAULTS.rateLimit);
  if (sweepN > 0 && sweepValues.length > 0) process.stderr.write(`maxConcurrency sweep: ${sweepValues.join(" ")} at N=${sweepN}\n`);
  const sweep = sweepN > 0 && sweepValues.length > 0 ? await concurrencySweep(sweepN, sweepValues, latencyMs, sweepLimit > 0 ? sweepLimit : null) : undefined;
  // The sweep's settings in the report's command line, when they are not the defaults.
  const sweepSettings = [
    sweepValues.join(" ") === SWEEP_DEFAULTS.values ? "" : ` BENCH_SWEEP="${sweepValues.join(" ")}"`,
    sweepN === SWEEP_DEFAULTS.n ? "" : ` BENCH_SWEEP_N=${sweepN}`,
    sweepLimit === SWEEP_DEFAULTS.rateLimit ? "" : ` BENCH_SWEEP_RATE_LIMIT=${sweepLimit}`,
  ].join("");
  const relayChanges = envInt("BENCH_RELAY_CHANGES", 10);
  if (relayChanges > 0) process.stderr.write(`ld-relay: ${envInt("BENCH_RELAY_STARTS", 5)} starts, ${relayChanges} policy changes\n`);
  const relay = relayChanges > 0 ? await relayFigures(latencyMs, envInt("BENCH_RELAY_STARTS", 5), relayChanges) : undefined;
  const lt = process.env.BENCH_LOADTEST === "0" ? undefined : await loadtest();
  const report: Report = {
    date: new Date().toISOString(),
    host: `${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} at the end`,
    command: `BENCH_N="${ns.join(" ")}"${shapes.join(" ") === "resources fleet" ? "" : ` BENCH_SHAPES="${shapes.join(" ")}"`} BENCH_LATENCY_MS=${latencyMs} BENCH_RATE_LIMIT=${rateLimit} BENCH_RATE_N=${rateN}${parallels.length ? ` BENCH_PARALLEL="${parallels.join(" ")}"` : ""}${checkpointAB ? "" : " BENCH_CHECKPOINT_AB=0"}${sweepSettings} make bench`,
    label: process.env.BENCH_LABEL ?? "",
    pulumiVersion: version,
    engineParallelDefault: 8,
    latencyMs,
    shapes,
    operations,
    rateLimited: rl,
    sweep,
    relay,
    linearity: linearity(operations),
    loadtest: lt,
    checkpointAB,
    startup,
    programOptions,
    crash,
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "latest.json"), JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(path.join(outDir, "latest.md"), markdown(report));
  process.stdout.write(markdown(report));
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

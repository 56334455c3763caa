// Benchmarks of RelayProxyConfiguration through the real `pulumi` CLI against the emulator (a separate process,
// with per-request latency and an optional route rate limit). For each N: one stack with N resources, then
// up (create all), no-op preview, update all (one statement each), rotate all (new trigger), refresh, destroy.
// Per operation: wall time, API calls per resource by method (emulator request log), 429s, state bytes per
// resource, serialized-provider bytes per resource, provider process peak RSS (VmHWM sampled from /proc), and
// the engine's --parallel. Then a rate-limited create, LaunchDarkly's Relay Proxy on a stack's key (start to
// healthy, policy-change propagation: bench/relay.ts), and the emulator's own throughput (emulator/loadtest).
// This file reads the settings, runs the parts in order and writes the report; each part is its own module:
// bench/lifecycle.ts, bench/rate-limit.ts, bench/relay.ts, bench/loadtest.ts, bench/report.ts.
//
//   make bench                                   # BENCH_N="10 100" BENCH_LATENCY_MS=50 BENCH_RATE_LIMIT=50 ...
//   node dist/bench/run.js                       # after `make engine build`
//
// Environment: BENCH_N (default "10 100"), BENCH_LATENCY_MS (50), BENCH_RATE_LIMIT (50; 0 = skip the rate-limited
// run), BENCH_RATE_N (100), BENCH_PARALLEL (engine --parallel values, e.g. "4 16"; default: the engine default
// only), BENCH_RELAY_CHANGES (10; 0 = skip the relay figures), BENCH_RELAY_STARTS (5), BENCH_LOADTEST (1; 0 = skip),
// BENCH_OUT (bench/results), BENCH_LABEL (free text stored in the JSON).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { OpResult } from "./figures";
import { lifecycle } from "./lifecycle";
import { loadtest } from "./loadtest";
import { rateLimited } from "./rate-limit";
import { relayFigures } from "./relay";
import { linearity, markdown, type Report } from "./report";
import { envInt, pulumi, repoRoot } from "./workspace";

async function main(): Promise<void> {
  const ns = (process.env.BENCH_N ?? "10 100").split(/[\s,]+/).filter(Boolean).map(Number);
  const latencyMs = envInt("BENCH_LATENCY_MS", 50);
  const rateLimit = envInt("BENCH_RATE_LIMIT", 50);
  const rateN = envInt("BENCH_RATE_N", 100);
  const parallels = (process.env.BENCH_PARALLEL ?? "").split(/[\s,]+/).filter(Boolean).map(Number);
  const outDir = path.resolve(repoRoot, process.env.BENCH_OUT ?? "bench/results");
  for (const n of ns) if (!(n > 0 && n <= 1000)) throw new Error(`BENCH_N values must be 1..1000, got ${n}`);
  const version = (await pulumi(repoRoot, process.env as Record<string, string>, ["version"])).out.trim();
  const operations: OpResult[] = [];
  for (const n of ns) {
    process.stderr.write(`lifecycle N=${n}, latency ${latencyMs} ms\n`);
    await lifecycle(n, latencyMs, "default", operations);
  }
  for (const p of parallels) {
    const n = ns[ns.length - 1];
    process.stderr.write(`lifecycle N=${n}, --parallel ${p}\n`);
    await lifecycle(n, latencyMs, p, operations);
  }
  const rl = rateLimit > 0 ? await rateLimited(rateN, rateLimit, latencyMs) : undefined;
  const relayChanges = envInt("BENCH_RELAY_CHANGES", 10);
  if (relayChanges > 0) process.stderr.write(`ld-relay: ${envInt("BENCH_RELAY_STARTS", 5)} starts, ${relayChanges} policy changes\n`);
  const relay = relayChanges > 0 ? await relayFigures(latencyMs, envInt("BENCH_RELAY_STARTS", 5), relayChanges) : undefined;
  const lt = process.env.BENCH_LOADTEST === "0" ? undefined : await loadtest();
  const report: Report = {
    date: new Date().toISOString(),
    host: `${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} at the end`,
    command: `BENCH_N="${ns.join(" ")}" BENCH_LATENCY_MS=${latencyMs} BENCH_RATE_LIMIT=${rateLimit} BENCH_RATE_N=${rateN}${parallels.length ? ` BENCH_PARALLEL="${parallels.join(" ")}"` : ""} make bench`,
    label: process.env.BENCH_LABEL ?? "",
    pulumiVersion: version,
    engineParallelDefault: 8,
    latencyMs,
    operations,
    rateLimited: rl,
    relay,
    linearity: linearity(operations),
    loadtest: lt,
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

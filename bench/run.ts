// Benchmarks of RelayProxyConfiguration through the real `pulumi` CLI against the emulator (a separate process,
// with per-request latency and an optional route rate limit). For each N: one stack with N resources, then
// up (create all), no-op preview, update all (one statement each), rotate all (new trigger), refresh, destroy.
// Per operation: wall time, API calls per resource by method (emulator request log), 429s, state bytes per
// resource, serialized-provider bytes per resource, provider process peak RSS (VmHWM sampled from /proc), and
// the engine's --parallel. Then a rate-limited create, LaunchDarkly's Relay Proxy on a stack's key (start to
// healthy, policy-change propagation: bench/relay.ts), and the emulator's own throughput (emulator/loadtest).
//
//   make bench                                   # BENCH_N="10 100" BENCH_LATENCY_MS=50 BENCH_RATE_LIMIT=50 ...
//   node dist/bench/run.js                       # after `make engine build`
//
// Environment: BENCH_N (default "10 100"), BENCH_LATENCY_MS (50), BENCH_RATE_LIMIT (50; 0 = skip the rate-limited
// run), BENCH_RATE_N (100), BENCH_PARALLEL (engine --parallel values, e.g. "4 16"; default: the engine default
// only), BENCH_RELAY_CHANGES (10; 0 = skip the relay figures), BENCH_RELAY_STARTS (5), BENCH_LOADTEST (1; 0 = skip),
// BENCH_OUT (bench/results), BENCH_LABEL (free text stored in the JSON).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { relayFigures, relayMarkdown } from "./relay";
import { control, envInt, makeWorkspace, pulumi, repoRoot, startEmulator, TOKEN } from "./workspace";

/** The program: N configs from stack config; `bench:variant` adds one statement to each, `bench:trigger` rotates. */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { RelayProxyConfiguration } = require("pulumi-launchdarkly-relay");
const config = new pulumi.Config("bench");
const n = Number(config.require("n"));
const variant = Number(config.get("variant") || "0");
const trigger = config.get("trigger") || "t0";
const count = [];
for (let i = 0; i < n; i++) {
  const policy = [{ effect: "allow", resources: ["proj/p" + i + ":env/production"], actions: ["*"] }];
  if (variant > 0) policy.push({ effect: "deny", resources: ["proj/p" + i + ":env/production:flag/*"], actions: ["updateFlag"] });
  const r = new RelayProxyConfiguration("relay-" + i, {
    name: "bench-relay-" + i,
    policy,
    comment: variant > 0 ? "bench update " + variant : undefined,
    rotation: { trigger, gracePeriod: "1h" },
  });
  count.push(r.displayKey);
}
exports.count = n;
`;

interface LogEntry {
  method: string;
  path: string;
  status: number | null;
}

/** One operation's figures. */
interface OpResult {
  op: string;
  n: number;
  parallel: number | "default";
  latencyMs: number;
  rateLimit: number | null;
  exitCode: number;
  wallMs: number;
  calls: Record<string, number>;
  callsPerResource: number;
  callsPerResourceByMethod: Record<string, number>;
  status429: number;
  failedResources: number;
  stateBytes: number;
  stateBytesPerResource: number;
  providerBytesPerResource: number;
  providerPeakRssMiB: number | null;
  resourcesInState: number;
  /** Copies of `__provider` per resource in state (inputs and/or outputs). */
  providerCopiesPerResource: number;
  /** Requests listing the account (projects and environments) for reach: per command, not per resource. */
  accountListings: number;
}

/** Peak RSS (VmHWM) of dynamic-provider processes of this workspace, sampled while a command runs. */
class RssSampler {
  private peak = 0;
  private timer?: NodeJS.Timeout;
  constructor(private readonly marker: string) {}
  start(): void {
    this.timer = setInterval(() => this.sample(), 250);
  }
  stop(): number | null {
    if (this.timer) clearInterval(this.timer);
    return this.peak > 0 ? Math.round((this.peak / 1024) * 10) / 10 : null;
  }
  private sample(): void {
    let pids: string[];
    try { pids = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)); } catch { return; }
    for (const pid of pids) {
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        if (!cmd.includes("dynamic-provider")) continue;
        if (!fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(`BENCH_WORKSPACE=${this.marker}`)) continue;
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (m) this.peak = Math.max(this.peak, Number(m[1]));
      } catch { /* the process ended */ }
    }
  }
}

function stateFigures(base: string): { bytes: number; providerBytes: number; resources: number; copies: number } {
  const file = path.join(base, "backend", ".pulumi", "stacks", "bench", "bench.json");
  if (!fs.existsSync(file)) return { bytes: 0, providerBytes: 0, resources: 0, copies: 0 };
  const text = fs.readFileSync(file, "utf8");
  const resources = (JSON.parse(text).checkpoint?.latest?.resources ?? []) as any[];
  let providerBytes = 0;
  let relays = 0;
  let copies = 0;
  for (const r of resources) {
    if (!String(r.type).includes("RelayProxyConfiguration")) continue;
    relays += 1;
    // One copy of the serialized provider: the outputs' (copies in inputs are counted in `copies`).
    const p = r.outputs?.__provider ?? r.inputs?.__provider;
    if (typeof p === "string") providerBytes += Buffer.byteLength(p);
    copies = Math.max(copies, [r.inputs?.__provider, r.outputs?.__provider].filter((x) => typeof x === "string").length);
  }
  return { bytes: Buffer.byteLength(text), providerBytes, resources: relays, copies };
}

/** Runs the six operations on one stack of N resources. */
async function lifecycle(n: number, latencyMs: number, parallel: number | "default", results: OpResult[]): Promise<void> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `relay-bench-${n}-`));
  const emu = await startEmulator(path.join(base, "emulator"), latencyMs, null);
  try {
    const { workDir, env } = makeWorkspace(base, PROGRAM);
    Object.assign(env, { LAUNCHDARKLY_API_HOST: emu.url, LAUNCHDARKLY_ACCESS_TOKEN: TOKEN });
    const must = async (args: string[]) => {
      const r = await pulumi(workDir, env, args);
      if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${r.out.slice(-3000)}`);
    };
    await must(["stack", "init", "bench"]);
    await must(["config", "set", "bench:n", String(n)]);
    const par = parallel === "default" ? [] : ["--parallel", String(parallel)];
    const ops: Array<{ op: string; before?: () => Promise<void>; args: string[] }> = [
      { op: "up (create)", args: ["up", "--yes", "--skip-preview", ...par] },
      { op: "preview (no-op)", args: ["preview", ...par] },
      { op: "update (1 statement)", before: () => must(["config", "set", "bench:variant", "1"]), args: ["up", "--yes", "--skip-preview", ...par] },
      { op: "rotate (new trigger)", before: () => must(["config", "set", "bench:trigger", "t1"]), args: ["up", "--yes", "--skip-preview", ...par] },
      { op: "refresh", args: ["refresh", "--yes", "--skip-preview", ...par] },
      { op: "destroy", args: ["destroy", "--yes", "--skip-preview", ...par] },
    ];
    for (const o of ops) {
      if (o.before) await o.before();
      await control(emu.url, "DELETE", "/log");
      const before = stateFigures(base);
      const sampler = new RssSampler(base);
      sampler.start();
      const t0 = process.hrtime.bigint();
      const r = await pulumi(workDir, env, o.args);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const rss = sampler.stop();
      const log = ((await control(emu.url, "GET", "/log")).entries as LogEntry[]).filter((e) => e.path.startsWith("/api/"));
      const after = stateFigures(base);
      // Figures of the state the operation worked on: after it, or before it for destroy.
      const s = o.op === "destroy" ? before : after;
      results.push(figures(o.op, n, parallel, latencyMs, null, r, wallMs, log, s, rss));
      process.stderr.write(`  N=${n} ${o.op}: ${(wallMs / 1000).toFixed(1)} s, exit ${r.code}, ${log.length} calls\n`);
      if (r.code !== 0) process.stderr.write(r.out.slice(-2000) + "\n");
    }
  } finally {
    await emu.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

function figures(op: string, n: number, parallel: number | "default", latencyMs: number, rateLimit: number | null,
  r: { code: number; out: string }, wallMs: number, everything: LogEntry[], s: { bytes: number; providerBytes: number; resources: number; copies: number },
  rss: number | null): OpResult {
  // The account listing behind reach is one per command (per provider process), counted apart from the calls
  // each resource makes.
  const isListing = (e: LogEntry) => e.path.startsWith("/api/v2/projects");
  const accountListings = everything.filter(isListing).length;
  const log = everything.filter((e) => !isListing(e));
  const calls: Record<string, number> = {};
  for (const e of log) calls[`${e.method} ${e.status}`] = (calls[`${e.method} ${e.status}`] ?? 0) + 1;
  const byMethod: Record<string, number> = {};
  for (const e of log) if (e.status !== 429) byMethod[e.method] = (byMethod[e.method] ?? 0) + 1;
  const perMethod: Record<string, number> = {};
  for (const [m, c] of Object.entries(byMethod)) perMethod[m] = round(c / n);
  const failed = /(\d+) errored/.exec(r.out) ? Number(/(\d+) errored/.exec(r.out)![1]) : (r.out.match(/\*\*failed\*\*/g) ?? []).length;
  return {
    op, n, parallel, latencyMs, rateLimit, exitCode: r.code, wallMs: Math.round(wallMs),
    calls, callsPerResource: round(log.filter((e) => e.status !== 429).length / n), callsPerResourceByMethod: perMethod,
    status429: log.filter((e) => e.status === 429).length, failedResources: failed,
    stateBytes: s.bytes, stateBytesPerResource: s.resources ? Math.round(s.bytes / s.resources) : 0,
    providerBytesPerResource: s.resources ? Math.round(s.providerBytes / s.resources) : 0,
    providerPeakRssMiB: rss, resourcesInState: s.resources, providerCopiesPerResource: s.copies, accountListings,
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Create N resources under a route limit of R per 10 s; compare with the floor N/R × 10 s. */
async function rateLimited(n: number, limit: number, latencyMs: number): Promise<{ create: OpResult; destroy: OpResult; floorMs: number }> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `relay-bench-rl-${n}-`));
  const emu = await startEmulator(path.join(base, "emulator"), latencyMs, limit);
  try {
    const { workDir, env } = makeWorkspace(base, PROGRAM);
    Object.assign(env, { LAUNCHDARKLY_API_HOST: emu.url, LAUNCHDARKLY_ACCESS_TOKEN: TOKEN });
    for (const args of [["stack", "init", "bench"], ["config", "set", "bench:n", String(n)]]) {
      const r = await pulumi(workDir, env, args);
      if (r.code !== 0) throw new Error(r.out);
    }
    const run = async (op: string, args: string[]): Promise<OpResult> => {
      await control(emu.url, "DELETE", "/log");
      const before = stateFigures(base);
      const sampler = new RssSampler(base);
      sampler.start();
      const t0 = process.hrtime.bigint();
      const r = await pulumi(workDir, env, args);
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const rss = sampler.stop();
      const log = ((await control(emu.url, "GET", "/log")).entries as LogEntry[]).filter((e) => e.path.startsWith("/api/"));
      const s = op.startsWith("destroy") ? before : stateFigures(base);
      const res = figures(op, n, "default", latencyMs, limit, r, wallMs, log, s, rss);
      process.stderr.write(`  rate-limited N=${n} R=${limit} ${op}: ${(wallMs / 1000).toFixed(1)} s, exit ${r.code}, ${res.status429} x 429\n`);
      if (r.code !== 0) process.stderr.write(r.out.slice(-2000) + "\n");
      return res;
    };
    const create = await run("up (create), rate-limited", ["up", "--yes", "--skip-preview"]);
    const destroy = await run("destroy, rate-limited", ["destroy", "--yes", "--skip-preview"]);
    return { create, destroy, floorMs: (n / limit) * 10_000 };
  } finally {
    await emu.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

/** The emulator's own throughput: dist/emulator/loadtest.js, its printed table quoted as is. */
function loadtest(): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, "dist", "emulator", "loadtest.js"), "--duration", "3"],
      { cwd: repoRoot, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve(error ? `loadtest failed: ${String(error.message)}\n${stderr}` : stdout.trim()));
  });
}

const TARGETS: Record<string, { calls: number; cmp: "eq" | "le" }> = {
  "up (create)": { calls: 1, cmp: "eq" },
  "preview (no-op)": { calls: 0, cmp: "eq" },
  "update (1 statement)": { calls: 2, cmp: "le" },
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

function markdown(report: any): string {
  const lines: string[] = [];
  lines.push(`# Benchmark results`, ``, `Date: ${report.date} · host: ${report.host} · command: \`${report.command}\``, ``);
  lines.push(`Emulator latency ${report.latencyMs} ms per request; engine \`--parallel\` default (${report.engineParallelDefault}` +
    ` per \`pulumi up --help\`, pulumi ${report.pulumiVersion}); provider client limiter 8 in flight. Operations run with \`--skip-preview\`.`, ``);
  lines.push(`| N | operation | --parallel | wall s | s per resource | API calls / resource (by method) | target | account listings (reach) | 429s | failed | state B / resource | __provider B / resource | provider peak RSS MiB |`);
  lines.push(`|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const o of report.operations as OpResult[]) {
    const by = Object.entries(o.callsPerResourceByMethod).map(([m, c]) => `${m} ${c}`).join(", ") || "0";
    lines.push(`| ${o.n} | ${o.op} | ${o.parallel} | ${(o.wallMs / 1000).toFixed(1)} | ${(o.wallMs / 1000 / o.n).toFixed(3)} | ${o.callsPerResource} (${by}) | ${met(o)} | ${o.accountListings} | ${o.status429} | ${o.failedResources}${o.exitCode ? ` (exit ${o.exitCode})` : ""} | ${o.stateBytesPerResource} | ${o.providerBytesPerResource}${o.providerCopiesPerResource > 1 ? ` ×${o.providerCopiesPerResource}` : ""} | ${o.providerPeakRssMiB ?? "n/a"} |`);
  }
  if (report.rateLimited) {
    const r = report.rateLimited;
    const ratio = r.create.wallMs / r.floorMs;
    lines.push(``, `## Under a route rate limit`, ``);
    lines.push(`N=${r.create.n}, R=${r.create.rateLimit} requests per route per 10 s, latency ${r.create.latencyMs} ms.`, ``);
    lines.push(`| operation | wall s | floor N/R×10 s | ratio | target ≤ 1.1 | 429s | failed resources | resources in state | calls (method status) |`);
    lines.push(`|---|---|---|---|---|---|---|---|---|`);
    for (const o of [r.create, r.destroy] as OpResult[]) {
      const q = o.wallMs / r.floorMs;
      lines.push(`| ${o.op} | ${(o.wallMs / 1000).toFixed(1)} | ${(r.floorMs / 1000).toFixed(0)} | ${q.toFixed(2)} | ${q <= 1.1 && o.failedResources === 0 && o.exitCode === 0 ? "met" : "**not met**"} | ${o.status429} | ${o.failedResources}${o.exitCode ? ` (exit ${o.exitCode})` : ""} | ${o.resourcesInState} | ${Object.entries(o.calls).map(([k, v]) => `${k}: ${v}`).join(", ")} |`);
    }
    void ratio;
  }
  if (report.relay) lines.push(``, relayMarkdown(report.relay));
  if (report.linearity) {
    lines.push(``, `## Linearity`, ``, report.linearity);
  }
  if (report.loadtest) lines.push(``, `## Emulator throughput (emulator/loadtest.ts, 3 s per scenario)`, ``, "```", report.loadtest, "```");
  return lines.join("\n") + "\n";
}

function linearity(ops: OpResult[]): string {
  const ns = [...new Set(ops.map((o) => o.n))].sort((a, b) => a - b);
  if (ns.length < 2) return "";
  const lo = ns[0], hi = ns[ns.length - 1];
  const out: string[] = [`Wall time ratio N=${hi} / N=${lo} (a linear cost would give ${hi / lo}×; a fixed engine start-up cost pulls it lower):`, ``];
  for (const op of Object.keys(TARGETS)) {
    const a = ops.find((o) => o.n === lo && o.op === op && o.parallel === "default");
    const b = ops.find((o) => o.n === hi && o.op === op && o.parallel === "default");
    if (!a || !b) continue;
    // Marginal cost per resource, removing the fixed cost: (T_hi - T_lo) / (hi - lo).
    const marginal = (b.wallMs - a.wallMs) / (hi - lo);
    out.push(`- ${op}: ${(b.wallMs / a.wallMs).toFixed(1)}×; marginal ${marginal.toFixed(0)} ms per resource; implied fixed cost ${((a.wallMs - marginal * lo) / 1000).toFixed(1)} s`);
  }
  return out.join("\n");
}

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
  const report = {
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

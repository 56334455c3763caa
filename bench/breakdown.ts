// Where one command's wall time goes, from two sources: the timings each provider process writes when
// LAUNCHDARKLY_TIMINGS_FILE is set (provider/timings.ts: process start, module load, first call, last call, the
// union of call intervals, of API requests on the wire, process CPU), and the wall times of the same operation
// on a twin stack run with PULUMI_SKIP_CHECKPOINTS=true (the checkpoint term is the difference). The terms of
// one run: engine and program start-up (command start → the provider's launcher starts), provider start-up
// (→ first call: the SDK's launcher script, node and the SDK's dynamic-provider host, our module's load), inside
// provider calls (of which API wait and process CPU), and the rest (engine work while no call is in flight, and
// after the last call). See bench/README.md, "Where the time goes".
import * as fs from "node:fs";
import * as path from "node:path";
import type { TimingsRecord } from "../provider/timings";

/** What the bench program wrote (bench/program.ts), epoch ms. */
export interface ProgramTimings {
  processStartMs: number;
  programStartMs: number;
  sdkMs: number;
  requiredMs: number;
  declaredMs: number;
}

/** The terms of one run of one command, in ms. */
export interface RunTerms {
  wallMs: number;
  /** Command start → the provider's launcher (or, without /proc, its node process) starts. */
  engineStartupMs: number;
  /** Launcher start → the first call into our provider. */
  providerStartupMs: number;
  /** Of the provider start-up: the SDK's launcher script (a shell and one extra `node -e`) before our node process. */
  launcherMs: number | null;
  /** Of the provider start-up: node, the SDK's dynamic-provider host (gRPC, handshake) until our module begins loading. */
  hostMs: number;
  /** Of the provider start-up: our module's load (provider.js and what it imports). */
  moduleLoadMs: number;
  /** Union of call intervals (calls overlap). */
  callWallMs: number;
  /** Union of intervals with at least one API request on the wire. */
  apiWallMs: number;
  /** Provider process CPU from our module's load to the last call's end (our code, axios and the SDK's gRPC host). */
  cpuCallsMs: number;
  /** Provider process CPU before our module loaded (node and the SDK's host) and during its load. */
  cpuStartupMs: number;
  calls: number;
  callsByMethod: Record<string, number>;
  /** Between the first call's start and the last call's end, time with no call in flight. */
  betweenCallsMs: number;
  /** Last call's end → command end (the last state write, the summary, plugins shutting down). */
  afterLastCallMs: number;
  /** Provider processes that made calls. */
  providerProcesses: number;
  /**
   * Of the engine and program start-up, when the program ran: command start → program process start (CLI,
   * backend, language host), → the program's first line (node and the SDK's `run` entry point), → its
   * `require("@pulumi/pulumi")` done, → `require("pulumi-launchdarkly-relay")` done, → every resource declared.
   */
  program: { toProcessMs: number; runtimeMs: number; sdkRequireMs: number; ourRequireMs: number; declareMs: number } | null;
}

/** One operation's breakdown: additive terms that sum to the wall time of the run with checkpoints. */
export interface Breakdown {
  wallMs: number;
  engineStartupMs: number;
  providerStartupMs: number;
  moduleLoadMs: number;
  callWallMs: number;
  apiWallMs: number;
  cpuCallsMs: number;
  /** Calls into the provider: configure once per process, then check, diff, create, … once per resource (a fleet is one). */
  calls: number;
  cpuPerCallMs: number;
  /** Wall with checkpoints − wall with PULUMI_SKIP_CHECKPOINTS=true; 0 for preview (it writes no state); null when not measured. */
  checkpointMs: number | null;
  restMs: number;
  /** Which run the calls and rest come from: the twin without checkpoint writes, or this run (no twin). */
  termsFrom: "twin without checkpoints" | "this run";
  /** The run with checkpoints, and the twin's (when measured). */
  withCheckpoints: RunTerms | null;
  withoutCheckpoints: RunTerms | null;
  /** Wall time of the twin without checkpoints (the PULUMI_SKIP_CHECKPOINTS fast path). */
  skipCheckpointsWallMs: number | null;
}

/** What the program wrote to `file`, or null when it did not run (destroy, refresh). */
export function readProgramTimings(file: string): ProgramTimings | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as ProgramTimings) : null;
}

/** The records the provider processes of one command wrote under `prefix` (`<prefix>.<pid>.json`). */
export function readTimings(prefix: string): TimingsRecord[] {
  const dir = path.dirname(prefix);
  const base = path.basename(prefix) + ".";
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((f) => f.startsWith(base) && f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as TimingsRecord);
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * The terms of one run from its command start and end (epoch ms) and its providers' records (processes that made
 * no call are ignored; with several, start-up is the first one's and the unions are added up). Null when no
 * provider process made a call.
 */
export function runTerms(cmdStartMs: number, cmdEndMs: number, records: TimingsRecord[], p: ProgramTimings | null = null): RunTerms | null {
  const rs = records.filter((r) => r.firstCallStartMs !== null && r.lastCallEndMs !== null).sort((a, b) => a.processStartMs - b.processStartMs);
  if (rs.length === 0) return null;
  const first = rs[0];
  // The parent counts as the launcher only when it is the SDK's script and started in this command.
  const parent = first.parent && /^pulumi-resource/.test(first.parent.name) && first.parent.startMs >= cmdStartMs - 20 ? first.parent : null;
  const launcherStart = Math.min(parent ? parent.startMs : first.processStartMs, first.processStartMs);
  const firstCall = Math.min(...rs.map((r) => r.firstCallStartMs as number));
  const lastCall = Math.max(...rs.map((r) => r.lastCallEndMs as number));
  const callWallMs = sum(rs.map((r) => r.callWallMs));
  const callsByMethod: Record<string, number> = {};
  for (const r of rs) for (const [m, c] of Object.entries(r.calls)) callsByMethod[m] = (callsByMethod[m] ?? 0) + c;
  return {
    wallMs: cmdEndMs - cmdStartMs,
    engineStartupMs: launcherStart - cmdStartMs,
    providerStartupMs: firstCall - launcherStart,
    launcherMs: parent ? first.processStartMs - launcherStart : null,
    hostMs: first.loadStartMs - first.processStartMs,
    moduleLoadMs: (first.loadedMs ?? first.loadStartMs) - first.loadStartMs,
    callWallMs,
    apiWallMs: sum(rs.map((r) => r.apiWallMs)),
    cpuCallsMs: sum(rs.map((r) => r.cpuCallsMs ?? 0)),
    cpuStartupMs: first.cpuBeforeLoadMs + (first.cpuLoadMs ?? 0),
    calls: sum(Object.values(callsByMethod)),
    callsByMethod,
    betweenCallsMs: Math.max(0, lastCall - firstCall - callWallMs),
    afterLastCallMs: cmdEndMs - lastCall,
    providerProcesses: rs.length,
    program: p && {
      toProcessMs: p.processStartMs - cmdStartMs, runtimeMs: p.programStartMs - p.processStartMs,
      sdkRequireMs: p.sdkMs - p.programStartMs, ourRequireMs: p.requiredMs - p.sdkMs, declareMs: p.declaredMs - p.requiredMs,
    },
  };
}

/**
 * The additive breakdown of an operation (its terms sum to `wallMs`, the wall time with checkpoints). Start-up
 * terms come from this run. With a twin run without checkpoints, the deployment phase (first provider call → end)
 * of each run is compared: the checkpoint term is how much longer this run's is, and the twin's calls and rest
 * fill the remainder (start-up noise stays out of the difference). Without a twin, this run's own calls and rest
 * (the checkpoint writes then sit in the rest). `noState`: the operation writes no state (preview), so the
 * checkpoint term is 0 and no twin is needed.
 */
export function breakdown(a: RunTerms | null, wallMs: number, twin: { terms: RunTerms | null; wallMs: number } | null, noState: boolean): Breakdown | null {
  if (!a) return null;
  const b = twin && !noState ? twin.terms : null;
  const deployment = (t: RunTerms, wall: number) => wall - t.engineStartupMs - t.providerStartupMs;
  const checkpointMs = noState ? 0 : b && twin ? deployment(a, wallMs) - deployment(b, twin.wallMs) : null;
  const inside = b ?? a;
  return {
    wallMs,
    engineStartupMs: a.engineStartupMs,
    providerStartupMs: a.providerStartupMs,
    moduleLoadMs: a.moduleLoadMs,
    callWallMs: inside.callWallMs,
    apiWallMs: inside.apiWallMs,
    cpuCallsMs: inside.cpuCallsMs,
    calls: inside.calls,
    cpuPerCallMs: inside.calls ? Math.round((inside.cpuCallsMs / inside.calls) * 100) / 100 : 0,
    checkpointMs,
    restMs: wallMs - a.engineStartupMs - a.providerStartupMs - inside.callWallMs - (checkpointMs ?? 0),
    termsFrom: b ? "twin without checkpoints" : "this run",
    withCheckpoints: a,
    withoutCheckpoints: twin?.terms ?? null,
    skipCheckpointsWallMs: twin && !noState ? twin.wallMs : null,
  };
}

/** `ms` as seconds with its share of `wallMs`, e.g. `1.23 (45%)`. */
export function share(ms: number, wallMs: number): string {
  return `${(ms / 1000).toFixed(2)} (${Math.round((ms / wallMs) * 100)}%)`;
}

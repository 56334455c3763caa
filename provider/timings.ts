// Where a provider process spends its time, for the benchmarks (bench/breakdown.ts): off unless the environment
// sets LAUNCHDARKLY_TIMINGS_FILE (a path prefix), and then each process writes `<prefix>.<pid>.json` — a few
// hundred bytes, rewritten whenever the last call in flight ends. Recorded: when the process started (and its
// parent, the SDK's launcher script, on Linux), when this package's provider module began and finished loading,
// the first call's start and the last call's end, calls by method, the wall-clock union of call intervals (calls
// overlap) and of intervals with at least one API request on the wire, and the process CPU before the module,
// while it loaded, and from then until the last call's end. The accumulation is pure (Timings); only
// `writeTimings` touches the disk. This module is the provider's first import, so its evaluation marks the load.
import * as fs from "node:fs";

/** What one provider process wrote; times are epoch milliseconds, durations milliseconds. */
export interface TimingsRecord {
  pid: number;
  processStartMs: number;
  /** The parent process (normally the SDK's launcher script) and its start, when /proc tells; else null. */
  parent: { name: string; startMs: number } | null;
  /** This module's evaluation: the provider module's load begins. */
  loadStartMs: number;
  /** The provider module's load ended (null until it does). */
  loadedMs: number | null;
  firstCallStartMs: number | null;
  lastCallEndMs: number | null;
  calls: Record<string, number>;
  /** Wall-clock union of call intervals. */
  callWallMs: number;
  /** Wall-clock union of intervals with at least one API request on the wire (retry waits excluded). */
  apiWallMs: number;
  requests: number;
  /** Process CPU (user + system) before the provider module began loading: node and the SDK's host. */
  cpuBeforeLoadMs: number;
  /** Process CPU while the provider module loaded. */
  cpuLoadMs: number | null;
  /** Process CPU from the end of the load to the last call's end: our handlers, the HTTP client, the SDK's gRPC. */
  cpuCallsMs: number | null;
}

/** Wall-clock union of possibly overlapping intervals, accumulated from start/end events. */
export class IntervalUnion {
  private active = 0;
  private since = 0;
  private total = 0;
  start(t: number): void {
    if (this.active++ === 0) this.since = t;
  }
  /** Ends one interval; true when none is left open. */
  end(t: number): boolean {
    if (this.active === 0) return true;
    if (--this.active === 0) this.total += t - this.since;
    return this.active === 0;
  }
  /** The union so far, open intervals counted up to `t`. */
  value(t: number): number {
    return this.total + (this.active > 0 ? t - this.since : 0);
  }
}

type Cpu = () => { user: number; system: number };

const cpuMs = (c: { user: number; system: number }): number => (c.user + c.system) / 1000;
const round = (x: number): number => Math.round(x * 10) / 10;

/** The accumulation, with its clock and CPU reader given (tests replace them). */
export class Timings {
  private readonly calls = new IntervalUnion();
  private readonly api = new IntervalUnion();
  private readonly record: TimingsRecord;
  private cpuAtLoaded = 0;

  constructor(private readonly now: () => number, private readonly cpu: Cpu, start: { pid: number; processStartMs: number; parent: TimingsRecord["parent"] }) {
    this.record = {
      ...start, loadStartMs: now(), loadedMs: null, firstCallStartMs: null, lastCallEndMs: null, calls: {},
      callWallMs: 0, apiWallMs: 0, requests: 0, cpuBeforeLoadMs: round(cpuMs(cpu())), cpuLoadMs: null, cpuCallsMs: null,
    };
  }

  /** The provider module finished loading. */
  loaded(): void {
    // A process serving both resource kinds loads both provider modules: the first load is the start-up's end.
    if (this.record.loadedMs !== null) return;
    this.record.loadedMs = this.now();
    this.cpuAtLoaded = cpuMs(this.cpu());
    this.record.cpuLoadMs = round(this.cpuAtLoaded - this.record.cpuBeforeLoadMs);
  }

  callStart(op: string): void {
    const t = this.now();
    this.record.firstCallStartMs ??= t;
    this.record.calls[op] = (this.record.calls[op] ?? 0) + 1;
    this.calls.start(t);
  }

  /** A call ended; true when no call is left in flight (the moment to write). */
  callEnd(): boolean {
    const t = this.now();
    const idle = this.calls.end(t);
    if (idle) {
      this.record.lastCallEndMs = t;
      this.record.cpuCallsMs = round(cpuMs(this.cpu()) - this.cpuAtLoaded);
    }
    return idle;
  }

  requestStart(): void {
    this.record.requests++;
    this.api.start(this.now());
  }

  requestEnd(): void {
    this.api.end(this.now());
  }

  /** The record as of now (unions rounded to 0.1 ms). */
  snapshot(): TimingsRecord {
    const t = this.now();
    return { ...this.record, calls: { ...this.record.calls }, callWallMs: round(this.calls.value(t)), apiWallMs: round(this.api.value(t)) };
  }
}

/** Writes the record to `<prefix>.<pid>.json`, replacing the last one; a failure is ignored (timings never fail a call). */
export function writeTimings(prefix: string, record: TimingsRecord): void {
  try {
    fs.writeFileSync(`${prefix}.${record.pid}.json`, JSON.stringify(record));
  } catch {
    // the benchmark reads whatever was written last
  }
}

/** Name and start (epoch ms, 10 ms steps: clock ticks of 100 Hz) of process `pid` from /proc (Linux); else null. */
export function procStart(pid: number): { name: string; startMs: number } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    const btime = Number(/^btime (\d+)$/m.exec(fs.readFileSync("/proc/stat", "utf8"))?.[1]);
    return Number.isFinite(ticks) && Number.isFinite(btime) ? { name, startMs: btime * 1000 + ticks * 10 } : null;
  } catch {
    return null;
  }
}

const prefix = process.env.LAUNCHDARKLY_TIMINGS_FILE;

/** This process's timings, or undefined when LAUNCHDARKLY_TIMINGS_FILE is unset (then nothing is recorded). */
export const processTimings: Timings | undefined = prefix
  ? new Timings(() => Date.now(), () => process.cpuUsage(), {
    pid: process.pid, processStartMs: Math.round(Date.now() - process.uptime() * 1000), parent: procStart(process.ppid),
  })
  : undefined;

/** `fn` itself when timings are off; else `fn` with each call recorded under `op` (and written when none is left in flight). */
export function timed<A extends unknown[], R>(op: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const t = processTimings;
  if (!t || !prefix) return fn;
  return async (...args: A): Promise<R> => {
    t.callStart(op);
    try {
      return await fn(...args);
    } finally {
      if (t.callEnd()) writeTimings(prefix, t.snapshot());
    }
  };
}

/** `send()`, its time on the wire recorded when timings are on (and nothing added when they are off). */
export function timedRequest<R>(send: () => Promise<R>): Promise<R> {
  const t = processTimings;
  if (!t) return send();
  t.requestStart();
  return send().finally(() => t.requestEnd());
}

/** What a dynamic provider's handlers module exports (provider/handlers.ts, provider/fleet/handlers.ts). */
type ProviderHandlers = Record<"configure" | "check" | "diff" | "create" | "read" | "update" | "remove", (...args: never[]) => Promise<unknown>>;

/**
 * The dynamic provider's methods from a handlers module, each timed (`timed`: the handlers themselves when timings
 * are off), `remove` exported as `delete`; marks the provider module loaded. A provider module exports the result.
 */
export function timedProvider<H extends ProviderHandlers>(handlers: H) {
  const provider = {
    configure: timed("configure", handlers.configure) as H["configure"],
    check: timed("check", handlers.check) as H["check"],
    diff: timed("diff", handlers.diff) as H["diff"],
    create: timed("create", handlers.create) as H["create"],
    read: timed("read", handlers.read) as H["read"],
    update: timed("update", handlers.update) as H["update"],
    delete: timed("delete", handlers.remove) as H["remove"],
  };
  processTimings?.loaded();
  return provider;
}

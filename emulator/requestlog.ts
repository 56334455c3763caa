// The request log and counters behind the control API's /log and /stats. Entries hold the method, the path
// (with its query), the status (null when the connection was dropped), the time and the faults that fired;
// never a header, so never a token or a key. The log keeps the newest entries up to a bound.

/** One handled request. */
export interface LogEntry {
  /** Epoch ms (injected clock) when the request arrived. */
  time: number;
  method: string;
  /** Path and query as sent. */
  path: string;
  /** HTTP status answered, or null when the connection was dropped on purpose. */
  status: number | null;
  /** Wall time spent handling it, in ms. */
  durationMs: number;
  /** explain() of each fault that fired. */
  faults: string[];
}

/** Counters since start or the last clear(). */
export interface Stats {
  requests: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, number>;
  dropped: number;
  faultsFired: number;
  storeWrites: number;
  configs: number;
}

/** Bounded request log plus counters. */
export class RequestLog {
  private entries: LogEntry[] = [];
  private counters = { requests: 0, dropped: 0, byStatus: {} as Record<string, number>, byRoute: {} as Record<string, number> };

  /** @param limit how many entries to keep (newest). */
  constructor(private readonly limit = 1000) {}

  /** Records one request; `route` is `METHOD template` for the stats. */
  add(entry: LogEntry, route: string): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    this.counters.requests += 1;
    if (entry.status === null) this.counters.dropped += 1;
    const status = entry.status === null ? "dropped" : String(entry.status);
    this.counters.byStatus[status] = (this.counters.byStatus[status] ?? 0) + 1;
    this.counters.byRoute[route] = (this.counters.byRoute[route] ?? 0) + 1;
  }

  /** The kept entries, oldest first. */
  list(): LogEntry[] {
    return structuredClone(this.entries);
  }

  /** Empties the log (counters stay). */
  clearEntries(): void {
    this.entries = [];
  }

  /** Empties the log and zeroes the counters. */
  clear(): void {
    this.entries = [];
    this.counters = { requests: 0, dropped: 0, byStatus: {}, byRoute: {} };
  }

  /** Counters, plus figures the caller knows (faults fired, store writes, configs). */
  stats(extra: { faultsFired: number; storeWrites: number; configs: number }): Stats {
    return {
      requests: this.counters.requests,
      byStatus: { ...this.counters.byStatus },
      byRoute: { ...this.counters.byRoute },
      dropped: this.counters.dropped,
      ...extra,
    };
  }
}

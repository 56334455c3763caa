// Rate limits, LaunchDarkly style, off by default. A per-token route limit and an optional per-token global
// limit over fixed windows (10 s by default) answer 429 `rate_limited` with `X-Ratelimit-Route-Remaining` /
// `X-Ratelimit-Global-Remaining` and `X-Ratelimit-Reset` (epoch ms). An optional per-IP limit answers 429 with
// `Retry-After` (seconds). Allowed requests carry the remaining headers too. Windows follow the injected clock.

import type { Clock } from "./types";

/** Limits to enforce; a missing limit is off. */
export interface LimitOptions {
  /** Requests per token per route (method + route template) per window. */
  routeLimit?: number;
  /** Requests per token across all routes per window. */
  globalLimit?: number;
  /** Requests per client IP per window; refusals carry Retry-After. */
  ipLimit?: number;
  /** Window length in ms; default 10 000. */
  windowMs?: number;
}

/** Whether a request may proceed, and the headers to send either way. */
export interface LimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

interface Window {
  start: number;
  count: number;
}

interface Check {
  key: string;
  limit: number;
  header?: string;
}

/** Counts requests in fixed windows and decides when to refuse. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly windowMs: number;

  constructor(
    private readonly options: LimitOptions,
    private readonly clock: Clock,
  ) {
    this.windowMs = options.windowMs ?? 10_000;
  }

  /** True when at least one limit is on. */
  get enabled(): boolean {
    return this.options.routeLimit !== undefined || this.options.globalLimit !== undefined || this.options.ipLimit !== undefined;
  }

  /**
   * Counts one request by `principal` (a token label) on `route` from `ip`, unless a limit is exhausted, in
   * which case nothing is counted and `allowed` is false.
   */
  check(principal: string, route: string, ip: string): LimitDecision {
    const now = this.clock.now();
    const checks: Check[] = [];
    const { routeLimit, globalLimit, ipLimit } = this.options;
    if (routeLimit !== undefined) checks.push({ key: `route\0${principal}\0${route}`, limit: routeLimit, header: "X-Ratelimit-Route-Remaining" });
    if (globalLimit !== undefined) checks.push({ key: `global\0${principal}`, limit: globalLimit, header: "X-Ratelimit-Global-Remaining" });
    if (ipLimit !== undefined) checks.push({ key: `ip\0${ip}`, limit: ipLimit });
    const windows = checks.map((check) => this.window(check.key, now));
    const refused = checks.filter((check, i) => windows[i].count >= check.limit);
    const allowed = refused.length === 0;
    if (allowed) for (const window of windows) window.count += 1;

    const headers: Record<string, string> = {};
    let reset: number | undefined;
    checks.forEach((check, i) => {
      const end = windows[i].start + this.windowMs;
      if (check.header !== undefined) {
        headers[check.header] = String(Math.max(0, check.limit - windows[i].count));
        if (allowed ? reset === undefined : refused.includes(check)) reset = Math.max(reset ?? 0, end);
      } else if (!allowed && refused.includes(check)) {
        headers["Retry-After"] = String(Math.max(1, Math.ceil((end - now) / 1000)));
      }
    });
    if (reset !== undefined) headers["X-Ratelimit-Reset"] = String(reset);
    return { allowed, headers };
  }

  /** Forgets every window. */
  reset(): void {
    this.windows.clear();
  }

  private window(key: string, now: number): Window {
    let window = this.windows.get(key);
    if (window === undefined || now >= window.start + this.windowMs || now < window.start) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }
}

// The request limiter: one per process for each API host and token, because every resource of a `pulumi up`
// runs in one provider process and shares one rate-limit budget. It caps concurrent requests, holds every
// queued request while a 429's pause lasts (so in-flight resources wait together instead of storming the API),
// and starts retries before fresh requests. Clock and timers are injectable for tests.

import { createHash } from "node:crypto";

import { DEFAULT_MAX_CONCURRENCY } from "../settings";

/** The clock and timer a limiter uses; defaults to `Date.now` and the global `setTimeout`. */
export interface LimiterTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
}

/** Limiter options. */
export interface LimiterOptions {
  /** Most requests in flight at once (default `DEFAULT_MAX_CONCURRENCY`). */
  maxConcurrent?: number;
  /** Clock and timer (default: real ones, looked up at call time so jest fake timers apply). */
  timers?: LimiterTimers;
}

/** Options of one scheduled task. */
export interface ScheduleOptions {
  /** A retry: starts before every fresh request still queued. */
  retry?: boolean;
}

interface Entry {
  run: () => void;
}

const realTimers: LimiterTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
};

/** A concurrency cap plus a shared pause, with a priority lane for retries. */
export class Limiter {
  private maxConcurrent: number;
  private readonly timers: LimiterTimers;
  private running = 0;
  private readonly retries: Entry[] = [];
  private readonly fresh: Entry[] = [];
  private pauseEnd = 0;
  private wakeArmed = false;

  /** Create a limiter; see LimiterOptions. */
  constructor(options: LimiterOptions = {}) {
    this.maxConcurrent = validCap(options.maxConcurrent ?? DEFAULT_MAX_CONCURRENCY);
    this.timers = options.timers ?? realTimers;
  }

  /** Run `task` when a slot is free and no pause is in force; retries go to the front of the queue. */
  schedule<T>(task: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        run: () => {
          this.running++;
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              this.running--;
              this.pump();
            });
        },
      };
      (options.retry ? this.retries : this.fresh).push(entry);
      this.pump();
    });
  }

  /** Hold every request not yet started for `ms` from now (a pause only ever grows). */
  pauseFor(ms: number): void {
    this.pauseEnd = Math.max(this.pauseEnd, this.timers.now() + Math.max(0, ms));
  }

  /** Resolve after `ms`, on the limiter's timer. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.timers.setTimeout(resolve, ms);
    });
  }

  /** The current time on the limiter's clock. */
  now(): number {
    return this.timers.now();
  }

  /** Change the concurrency cap (takes effect as slots free up). */
  setMaxConcurrent(maxConcurrent: number): void {
    this.maxConcurrent = validCap(maxConcurrent);
    this.pump();
  }

  /** A snapshot for tests and diagnostics. */
  snapshot(): { running: number; queued: number; pausedUntil: number; maxConcurrent: number } {
    return {
      running: this.running,
      queued: this.retries.length + this.fresh.length,
      pausedUntil: this.pauseEnd,
      maxConcurrent: this.maxConcurrent,
    };
  }

  private pump(): void {
    if (this.retries.length + this.fresh.length === 0) return;
    const wait = this.pauseEnd - this.timers.now();
    if (wait > 0) {
      this.armWake(wait);
      return;
    }
    while (this.running < this.maxConcurrent) {
      const next = this.retries.shift() ?? this.fresh.shift();
      if (!next) break;
      next.run();
    }
  }

  private armWake(ms: number): void {
    if (this.wakeArmed) return;
    this.wakeArmed = true;
    this.timers.setTimeout(() => {
      this.wakeArmed = false;
      this.pump();
    }, ms);
  }
}

const registry = new Map<string, Limiter>();

/**
 * The process-wide limiter for one API host and token (the registry key holds a hash of the token, never the
 * token). Created on first use; a later `maxConcurrent` updates the cap.
 */
export function limiterFor(host: string, token: string, options: LimiterOptions = {}): Limiter {
  const key = `${host}#${createHash("sha256").update(token).digest("hex").slice(0, 32)}`;
  let limiter = registry.get(key);
  if (!limiter) {
    limiter = new Limiter(options);
    registry.set(key, limiter);
  } else if (options.maxConcurrent !== undefined) {
    limiter.setMaxConcurrent(options.maxConcurrent);
  }
  return limiter;
}

/**
 * Forget every registered limiter (tests only).
 * @internal
 */
export function resetLimiters(): void {
  registry.clear();
}

function validCap(n: number): number {
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : DEFAULT_MAX_CONCURRENCY;
}

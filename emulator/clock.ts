// Clocks for the emulator. Every rule that depends on time (creationDate, lastModified, key expiry, rate-limit
// windows) reads an injected Clock, so tests set the time to the millisecond instead of sleeping. The control
// API moves a ControllableClock of a running emulator the same way.

import type { Clock } from "./types";

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** The state of a ControllableClock as the control API reports it. */
export interface ClockState {
  /** Current time, epoch ms. */
  now: number;
  /** When frozen, time stands still at `now` until set or advanced. */
  frozen: boolean;
  /** When not frozen: added to the base clock. */
  offsetMs: number;
}

/**
 * A clock that follows a base clock plus an offset, or stands frozen at a set time.
 * `new ControllableClock()` follows the wall clock; `ControllableClock.frozenAt(t)` is a manual clock for tests.
 */
export class ControllableClock implements Clock {
  private frozenAtMs: number | null = null;
  private offset = 0;

  /** @param base the clock followed while not frozen. */
  constructor(private readonly base: Clock = systemClock) {}

  /** A clock frozen at `epochMs`: it moves only through set() and advance(). */
  static frozenAt(epochMs: number, base: Clock = systemClock): ControllableClock {
    const clock = new ControllableClock(base);
    clock.set(epochMs);
    return clock;
  }

  /** Current time in epoch ms. */
  now(): number {
    return this.frozenAtMs ?? this.base.now() + this.offset;
  }

  /** Freezes the clock at `epochMs`. */
  set(epochMs: number): void {
    this.frozenAtMs = epochMs;
  }

  /** Moves the clock forward (or back, when negative) by `ms`, frozen or not. */
  advance(ms: number): void {
    if (this.frozenAtMs !== null) this.frozenAtMs += ms;
    else this.offset += ms;
  }

  /** Unfreezes the clock: from now on it reads the base clock plus `offsetMs`. */
  setOffset(offsetMs: number): void {
    this.frozenAtMs = null;
    this.offset = offsetMs;
  }

  /** The clock's state for the control API. */
  state(): ClockState {
    return { now: this.now(), frozen: this.frozenAtMs !== null, offsetMs: this.offset };
  }
}

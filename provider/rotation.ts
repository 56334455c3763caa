// Rotation maths for relay keys, all pure: read a grace period, compute the old key's expiry, decide
// whether a change of inputs asks for a key reset, and derive time-window triggers for a key-age schedule.
// Time always comes in as an argument (`now`); `Date.now()` appears only as a default at the edges.

import { DAY_MS, DurationBounds, DurationResult, parseDuration } from "./duration";
import { RotationInput } from "./types";
import { badRotationArgument, badRotationPeriod } from "./wording";

/** Bounds of a rotation grace period: from 0 (old key dies at once) to 30 days. */
export const GRACE_PERIOD_BOUNDS: DurationBounds = { min: 0, max: 30 * DAY_MS };

/** Bounds of a `rotationWindow` period: from 1 minute to 366 days. */
export const WINDOW_PERIOD_BOUNDS: DurationBounds = { min: 60 * 1000, max: 366 * DAY_MS };

/** Parse a rotation grace period: a duration from 0 (the old key stops at once) to 30 days. */
export function parseGracePeriod(v: string | number): DurationResult {
  return parseDuration(v, GRACE_PERIOD_BOUNDS);
}

/** The grace period of a rotation setting in milliseconds; 0 when there is none (or it is not valid). */
export function graceMs(rotation: RotationInput | undefined): number {
  const grace = rotation?.gracePeriod;
  if (grace === undefined || grace === null) return 0;
  const parsed = parseGracePeriod(grace);
  return parsed.ok ? parsed.ms : 0;
}

function assertMillis(name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RangeError(badRotationArgument(name, value));
  }
}

/**
 * The epoch-millisecond expiry to send with a key reset: the old key keeps working until `now + graceMs`.
 * A `graceMs` of 0 gives `now` (the old key stops at once; callers may then omit `expiry`).
 * Throws a RangeError for negative or non-finite arguments, which are programming errors.
 */
export function rotationExpiry(now: number, graceMs: number): number {
  assertMillis("now", now);
  assertMillis("graceMs", graceMs);
  return now + graceMs;
}

/**
 * Whether moving from `oldRotation` to `newRotation` asks for a key reset: only when both are set and the
 * trigger changed. Adding rotation settings to an existing config, removing them, or changing only
 * `gracePeriod` does not rotate.
 */
export function rotationRequested(oldRotation?: RotationInput, newRotation?: RotationInput): boolean {
  if (!oldRotation || !newRotation) return false;
  if (typeof oldRotation.trigger !== "string" || typeof newRotation.trigger !== "string") return false;
  return oldRotation.trigger !== newRotation.trigger;
}

function parsePeriod(period: string): number {
  const parsed = parseDuration(period, WINDOW_PERIOD_BOUNDS);
  if (!parsed.ok) throw new RangeError(badRotationPeriod(period, parsed.reason));
  return parsed.ms;
}

/**
 * A rotation trigger that changes once every `period` (a duration string such as `30d`), e.g.
 * `window-30d-00675` where 675 is `floor(now / periodMs)`. Windows are aligned to the Unix epoch, not to
 * the config's creation. Set `rotation.trigger` to this value to rotate the key on a schedule.
 * Throws a RangeError when `period` is not a duration between 1 minute and 366 days.
 */
export function rotationWindow(period: string, now: number = Date.now()): string {
  const periodMs = parsePeriod(period);
  assertMillis("now", now);
  const label = period.replace(/\s+/g, "");
  const index = Math.floor(now / periodMs);
  return `window-${label}-${String(index).padStart(5, "0")}`;
}

/**
 * The epoch-millisecond start of the window named by a `rotationWindow` trigger, or `undefined` when the
 * trigger was not made by `rotationWindow` (any other string is a valid manual trigger).
 */
export function windowStart(trigger: string): number | undefined {
  const match = /^window-(.+)-(\d+)$/.exec(trigger);
  if (!match) return undefined;
  const parsed = parseDuration(match[1], WINDOW_PERIOD_BOUNDS);
  if (!parsed.ok) return undefined;
  const start = Number(match[2]) * parsed.ms;
  return Number.isSafeInteger(start) ? start : undefined;
}

/**
 * Whole days elapsed since `rotatedAt` (epoch ms), never negative (a timestamp in the future, from clock
 * skew, counts as 0 days). For key-age rules such as "rotate at least every 90 days".
 */
export function keyAgeDays(rotatedAt: number, now: number = Date.now()): number {
  return Math.max(0, Math.floor((now - rotatedAt) / DAY_MS));
}

// Durations as users write them (`90m`, `24h`, `7d`, or milliseconds), parsed within bounds the caller gives:
// grace periods, rotation windows, request timeouts and policy-pack limits all read time through here. Pure.

import ms from "ms";
import { badDuration, durationOutOfRange, fractionalDuration, negativeDuration } from "./wording";

/** Inclusive bounds, in milliseconds, for `parseDuration`. */
export interface DurationBounds {
  min: number;
  max: number;
}

/** Result of `parseDuration`: whole milliseconds, or the reason it was refused. */
export type DurationResult = { ok: true; ms: number } | { ok: false; reason: string };

/** One day in milliseconds. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Units accepted in duration strings, lowercase only: `M` is refused so nobody reads it as months (ms would
 * treat it as minutes), and years are left out because `ms` counts them as 365.25 days.
 */
const DURATION_PATTERN =
  /^(\d+(?:\.\d+)?) ?(ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)?$/;

const MS_UNITS = new Set(["ms", "msec", "msecs", "millisecond", "milliseconds"]);

/**
 * Parse a duration: a whole number of milliseconds (as a number or numeric string), or a string with a unit
 * such as `90m`, `24h`, `7d`, `1.5h`, `2 weeks` (converted by `ms`, rounded to the millisecond). Negative,
 * non-finite, fractional-millisecond and out-of-bounds values are refused with a reason.
 */
export function parseDuration(v: string | number, bounds: DurationBounds): DurationResult {
  let millis: number;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false, reason: badDuration(v) };
    if (v < 0) return { ok: false, reason: negativeDuration(v) };
    if (!Number.isInteger(v)) return { ok: false, reason: fractionalDuration(v) };
    millis = v;
  } else if (typeof v === "string") {
    const text = v.trim();
    if (text.startsWith("-")) return { ok: false, reason: negativeDuration(v) };
    const match = DURATION_PATTERN.exec(text);
    if (!match) return { ok: false, reason: badDuration(v) };
    const [, amount, unit] = match;
    if ((unit === undefined || MS_UNITS.has(unit)) && amount.includes(".")) {
      return { ok: false, reason: fractionalDuration(v) };
    }
    millis = Math.round(ms(text as ms.StringValue));
  } else {
    return { ok: false, reason: badDuration(v) };
  }
  if (millis < bounds.min || millis > bounds.max) {
    return { ok: false, reason: durationOutOfRange(v, ms(bounds.min), ms(bounds.max)) };
  }
  return { ok: true, ms: millis };
}

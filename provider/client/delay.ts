// How long to wait before a retry (pure maths; time and randomness are arguments). Every wait scales with
// one `baseDelayMs` (1000 in production, 1–50 in tests) except waits the server asks for explicitly.

/** A backoff never exceeds this many `baseDelayMs`. */
export const BACKOFF_CAP_FACTOR = 30;

/** Wait after a 429 that names no reset time, in `baseDelayMs`. */
export const RATE_LIMIT_FALLBACK_FACTOR = 10;

/** Margin added to a server-named reset time (clock skew, reset granularity), in `baseDelayMs`. */
export const RATE_LIMIT_MARGIN_FACTOR = 0.25;

/** Response headers as axios exposes them; looked up case-insensitively. */
export type HeaderBag = Readonly<Record<string, unknown>>;

/**
 * Exponential backoff with full jitter: a uniform wait in `[0, min(cap, baseDelayMs · 2^(attempt−1)))`, where
 * `attempt` is 1 for the first retry and `random` is a number in `[0, 1)`.
 */
export function backoffDelay(attempt: number, baseDelayMs: number, random: number): number {
  const ceiling = Math.min(baseDelayMs * BACKOFF_CAP_FACTOR, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const unit = Math.min(Math.max(random, 0), 1);
  return Math.floor(unit * ceiling);
}

/**
 * How long to wait after a 429. Honours both `Retry-After` (seconds or an HTTP date) and LaunchDarkly's
 * `X-Ratelimit-Reset` (epoch **milliseconds**), waits for the later of the two plus a small margin, and falls
 * back to `RATE_LIMIT_FALLBACK_FACTOR · baseDelayMs` when neither header is usable.
 */
export function rateLimitDelay(headers: HeaderBag, now: number, baseDelayMs: number): number {
  const candidates = [
    retryAfterAt(header(headers, "retry-after"), now),
    resetAt(header(headers, "x-ratelimit-reset")),
  ].filter((t): t is number => t !== undefined);
  if (candidates.length === 0) return baseDelayMs * RATE_LIMIT_FALLBACK_FACTOR;
  return Math.max(0, Math.max(...candidates) - now) + margin(baseDelayMs);
}

/**
 * When a successful response says a rate-limit budget is spent (`X-Ratelimit-Global-Remaining` or
 * `X-Ratelimit-Route-Remaining` is 0) and names a future reset, how long to hold further requests; otherwise
 * `undefined`. Pausing before the 429 spares everyone the round trip.
 */
export function exhaustedBudgetDelay(headers: HeaderBag, now: number, baseDelayMs: number): number | undefined {
  const spent = ["x-ratelimit-global-remaining", "x-ratelimit-route-remaining"].some(
    (name) => header(headers, name)?.trim() === "0",
  );
  if (!spent) return undefined;
  const reset = resetAt(header(headers, "x-ratelimit-reset"));
  if (reset === undefined || reset <= now) return undefined;
  return reset - now + margin(baseDelayMs);
}

/** `Retry-After` as an absolute time: delta-seconds (`120`, also `1.5`) or an HTTP date. */
function retryAfterAt(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return now + Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : date;
}

/** `X-Ratelimit-Reset` as an absolute time: LaunchDarkly sends epoch milliseconds. */
function resetAt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

function margin(baseDelayMs: number): number {
  return Math.ceil(baseDelayMs * RATE_LIMIT_MARGIN_FACTOR);
}

/** A header's value as a string (first value of a list), whatever the case of its name. */
function header(headers: HeaderBag, name: string): string | undefined {
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== name) continue;
    const value = headers[key];
    if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
    if (typeof value === "string" || typeof value === "number") return String(value);
  }
  return undefined;
}

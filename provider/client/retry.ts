// Which failed requests may be sent again, decided by method as well as outcome (pure). A retried create
// leaves an orphan config with a live key, so POST is never retried after an ambiguous failure; PATCH only
// when a `test` op makes a replay harmless; GET and DELETE always on transient failures.

import type { PatchOperation } from "../types";

/** The HTTP methods the client uses. */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** What one attempt ended with: an HTTP status, a connection-level failure, or no response in time. */
export type AttemptOutcome = number | "network" | "timeout";

/** Options of `isRetryable`. */
export interface RetryOptions {
  /**
   * The request carries a guard (a JSON Patch `test` op), so replaying an already-applied PATCH fails instead
   * of applying it twice.
   */
  guarded: boolean;
}

/** Statuses that state a problem with the request itself: sending it again cannot help. */
const NEVER_RETRIED: ReadonlySet<number> = new Set([400, 401, 403, 404, 409, 422]);

/**
 * Whether a request that ended with `outcome` may be sent again.
 *
 * - 429 is retried for every method: LaunchDarkly rejects a rate-limited request before acting on it, so a
 *   replay cannot duplicate anything (the limiter makes the replay wait for the reset).
 * - 400, 401, 403, 404, 409, 422 and every other 4xx: never.
 * - Network errors, timeouts and 5xx: GET and DELETE yes; PATCH only when `guarded`; POST (create, reset) never,
 *   because the server may have acted before the failure.
 */
export function isRetryable(method: HttpMethod, outcome: AttemptOutcome, opts: RetryOptions): boolean {
  if (outcome === 429) return true;
  if (typeof outcome === "number") {
    if (NEVER_RETRIED.has(outcome)) return false;
    if (outcome < 500 || outcome > 599) return false;
  }
  switch (method) {
    case "GET":
    case "DELETE":
      return true;
    case "PATCH":
      return opts.guarded;
    case "POST":
      return false;
  }
}

/** Whether a JSON Patch carries a `test` op, which makes a replay of an already-applied patch fail safely. */
export function isGuarded(ops: readonly PatchOperation[]): boolean {
  return ops.some((op) => op.op === "test");
}

/**
 * Network error codes that a retry cannot fix (an unknown host, an untrusted or mismatched TLS certificate,
 * a malformed URL). `EAI_AGAIN` (a transient DNS failure) is not among them.
 */
export function isPermanentNetworkCode(code: string): boolean {
  return (
    code === "ENOTFOUND" ||
    code === "ERR_INVALID_URL" ||
    code === "ERR_TLS_CERT_ALTNAME_INVALID" ||
    isTlsTrustCode(code)
  );
}

/** Whether a network error code means the server's certificate chain was not trusted. */
export function isTlsTrustCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

/**
 * Network error codes raised before the request reached the server, so the server certainly did not act on
 * it (connection refused, no route, DNS failure, TLS handshake rejected).
 */
export function isNotSentCode(code: string): boolean {
  return (
    code === "ECONNREFUSED" ||
    code === "EHOSTUNREACH" ||
    code === "ENETUNREACH" ||
    code === "EAI_AGAIN" ||
    isPermanentNetworkCode(code)
  );
}

// User-facing wording of the HTTP client, built by small named functions (the provider-wide wording lives in
// ../messages.ts, which this module reuses for quoting). Rule for every function here: never interpolate a
// token, a relay key or a request header; text that came from the server is redacted by the caller first.

import { quote } from "../messages";

/** The operations the client performs, as named in errors. */
export type Operation = "list" | "get" | "create" | "update" | "delete" | "reset" | "account";

/** What an error message says about the config it concerns. */
export interface TargetDescription {
  configId?: string;
  configName?: string;
}

const VERBS: Record<Operation, string> = {
  list: "list",
  get: "get",
  create: "create",
  update: "update",
  delete: "delete",
  reset: "reset the key of",
  account: "read",
};

/**
 * The leading phrase of every client error: `update relay config "edge-relays" (0123…)`,
 * `get relay config 0123…`, `list relay configs`.
 */
export function describeOperation(operation: Operation, target: TargetDescription): string {
  if (operation === "list") return "list relay configs";
  if (operation === "account") return "list the account's projects and environments";
  const { configId, configName } = target;
  let subject = "relay config";
  if (configName !== undefined && configId !== undefined) subject += ` ${quote(configName)} (${configId})`;
  else if (configName !== undefined) subject += ` ${quote(configName)}`;
  else if (configId !== undefined) subject += ` ${configId}`;
  return `${VERBS[operation]} ${subject}`;
}

/** An HTTP failure: `HTTP 403 forbidden: <LaunchDarkly's message>`. */
export function httpFailure(status: number, code: string | undefined, ldMessage: string | undefined): string {
  let text = `HTTP ${status}`;
  if (code) text += ` ${code}`;
  if (ldMessage) text += `: ${ldMessage}`;
  return text;
}

/** A connection-level failure: `cannot reach https://host: ECONNREFUSED`, with a hint for TLS trust errors. */
export function networkFailure(host: string, code: string): string {
  const hint = isTlsTrustCode(code)
    ? " (the server's TLS certificate is not trusted; for a private CA set NODE_EXTRA_CA_CERTS to its PEM file)"
    : "";
  return `cannot reach ${host}: ${code}${hint}`;
}

/** No response in time: `no response from https://host within 30s (timeout)`. */
export function timeoutFailure(host: string, timeoutMs: number | undefined): string {
  const within = timeoutMs === undefined ? "" : ` within ${formatSeconds(timeoutMs)}`;
  return `no response from ${host}${within} (timeout)`;
}

/** A 2xx response whose body is not what the API contract promises. */
export function unexpectedBody(status: number): string {
  return `HTTP ${status} with an unexpected response body`;
}

/** Appended when more than one attempt was made. */
export function afterAttempts(attempts: number): string {
  return attempts > 1 ? ` (after ${attempts} attempts)` : "";
}

/** Appended to a 429 whose requested wait is longer than the client is willing to wait. */
export function rateLimitTooLong(waitMs: number): string {
  return ` (rate limited for ${formatSeconds(waitMs)}; try again later)`;
}

/** The API host setting is not an http(s) URL. */
export function invalidApiHost(value: string): string {
  return (
    `invalid LaunchDarkly API host ${quote(value)}: ` +
    `expected an https:// URL such as "https://app.launchdarkly.com"`
  );
}

/** Plain http to a host other than this machine would send the access token in clear text. */
export function insecureApiHost(value: string): string {
  return (
    `refusing to send the LaunchDarkly access token over plain http to ${quote(value)}: ` +
    `use https:// (plain http is allowed only for localhost, 127.0.0.1 and ::1)`
  );
}

/** No access token was configured. */
export function missingToken(): string {
  return "no LaunchDarkly access token: set launchdarkly:accessToken (as a secret) or LAUNCHDARKLY_ACCESS_TOKEN";
}

/** A config id passed to the client is unusable (a programming error in provider code, never user input). */
export function badConfigId(value: unknown): string {
  return `relay config id must be a non-empty string, got ${quote(value)}`;
}

/** A reset expiry passed to the client is unusable (a programming error in provider code). */
export function badExpiry(value: unknown): string {
  return `reset expiry must be a finite, non-negative epoch time in milliseconds, got ${quote(value)}`;
}

/** Whether a network error code means the server's certificate chain was not trusted. */
export function isTlsTrustCode(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

/** `20ms`, `1.5s`, `30s`, `600s`: milliseconds below one second, else seconds to one decimal. */
function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100) / 10;
  return `${tenths}s`;
}

// Wording of the HTTP client: what each operation is called in errors, HTTP, network and timeout failures,
// and the client's programming-error messages. Rule for every function here: never interpolate a token, a
// relay key or a request header; text that came from the server is redacted by the caller first.

import { isTlsTrustCode } from "../client/retry";
import { quote } from "./quote";

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

/** A config id passed to the client is unusable (a programming error in provider code, never user input). */
export function badConfigIdArgument(value: unknown): string {
  return `relay config id must be a non-empty string, got ${quote(value)}`;
}

/** A reset expiry passed to the client is unusable (a programming error in provider code). */
export function badExpiry(value: unknown): string {
  return `reset expiry must be a finite, non-negative epoch time in milliseconds, got ${quote(value)}`;
}

/** `20ms`, `1.5s`, `30s`, `600s`: milliseconds below one second, else seconds to one decimal. */
function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100) / 10;
  return `${tenths}s`;
}

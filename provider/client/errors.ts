// The client's one error type, built from scratch. It never wraps or rethrows an AxiosError, whose `config`
// carries the request headers (the access token), and never keeps a `cause`. It copies only what a user or a
// handler needs: the operation, the config, the HTTP status, LaunchDarkly's `code` and `message`, whether a
// retry would be safe, and whether the write may have happened anyway.

import { redact } from "./redact";
import {
  afterAttempts,
  describeOperation,
  httpFailure,
  networkFailure,
  timeoutFailure,
  type Operation,
} from "../wording";

export { redact } from "./redact";
export type { Operation } from "../wording";

/** How a request failed: an HTTP error status, a connection-level failure, or no response in time. */
export type ErrorKind = "http" | "network" | "timeout";

/** Everything a LaunchDarklyError is built from. Text fields are redacted by the constructor. */
export interface LaunchDarklyErrorDetails {
  /** The client operation that failed. */
  operation: Operation;
  /** How it failed. */
  kind: ErrorKind;
  /** Whether sending the same request again would be safe and could succeed (see retry.ts). */
  retryable: boolean;
  /** The config's id, when known. */
  configId?: string;
  /** The config's name, when known (shown quoted). */
  configName?: string;
  /** HTTP status (kind "http"). */
  status?: number;
  /** LaunchDarkly's error `code`, e.g. `forbidden`, `optimistic_locking_error` (kind "http"). */
  code?: string;
  /** LaunchDarkly's error `message` (kind "http"). */
  ldMessage?: string;
  /** API origin, e.g. `https://app.launchdarkly.com` (named in network and timeout errors). */
  host?: string;
  /** Node/axios error code such as `ECONNREFUSED` (kind "network" or "timeout"). */
  networkCode?: string;
  /** Request timeout in milliseconds (kind "timeout"). */
  timeoutMs?: number;
  /** How many requests were sent for this operation. */
  attempts?: number;
  /**
   * True when the server may have applied the request although it failed (a write that timed out, lost its
   * connection after sending, or got a 5xx). A create in this state must be reconciled (list and adopt).
   */
  outcomeUnknown?: boolean;
  /** Extra sentence appended to the message (already free of secrets). */
  detail?: string;
}

/**
 * A failed LaunchDarkly API call. The message reads like
 * `update relay config "edge-relays" (0123…): HTTP 403 forbidden: <LaunchDarkly's message>` or
 * `get relay config 0123…: cannot reach https://app.launchdarkly.com: ECONNREFUSED`. Neither the message, the
 * stack nor `JSON.stringify(error)` contains the token or a relay key.
 */
export class LaunchDarklyError extends Error {
  override readonly name = "LaunchDarklyError";
  /** The client operation that failed. */
  readonly operation: Operation;
  /** How it failed. */
  readonly kind: ErrorKind;
  /** Whether sending the same request again would be safe and could succeed. */
  readonly retryable: boolean;
  /** The config's id, when known. */
  readonly configId?: string;
  /** The config's name, when known. */
  readonly configName?: string;
  /** HTTP status, for kind "http". */
  readonly status?: number;
  /** LaunchDarkly's error `code`, for kind "http". */
  readonly code?: string;
  /** LaunchDarkly's error `message` (redacted), for kind "http". */
  readonly ldMessage?: string;
  /** API origin. */
  readonly host?: string;
  /** Node/axios error code, for kinds "network" and "timeout". */
  readonly networkCode?: string;
  /** How many requests were sent. */
  readonly attempts: number;
  /** True when the server may have applied the request although it failed. */
  readonly outcomeUnknown: boolean;

  /** Build the error; `secrets` (the token) are redacted from every text field and from the message. */
  constructor(details: LaunchDarklyErrorDetails, secrets: readonly string[] = []) {
    const clean: LaunchDarklyErrorDetails = {
      ...details,
      configName: redact(details.configName, secrets),
      code: redact(details.code, secrets),
      ldMessage: redact(details.ldMessage, secrets),
      networkCode: redact(details.networkCode, secrets),
    };
    super(redact(composeMessage(clean), secrets));
    this.operation = clean.operation;
    this.kind = clean.kind;
    this.retryable = clean.retryable;
    this.attempts = clean.attempts ?? 1;
    this.outcomeUnknown = clean.outcomeUnknown ?? false;
    this.configId = clean.configId;
    this.configName = clean.configName;
    this.status = clean.status;
    this.code = clean.code;
    this.ldMessage = clean.ldMessage;
    this.host = clean.host;
    this.networkCode = clean.networkCode;
  }

  /** A plain, secret-free object for logs: the message plus every field. */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined && !(key in fields)) fields[key] = value;
    }
    return fields;
  }
}

/** Whether a value is a LaunchDarklyError (works across module copies, unlike `instanceof`). */
export function isLaunchDarklyError(value: unknown): value is LaunchDarklyError {
  return value instanceof LaunchDarklyError || (value instanceof Error && value.name === "LaunchDarklyError");
}

function composeMessage(d: LaunchDarklyErrorDetails): string {
  const head = describeOperation(d.operation, d);
  const host = d.host ?? "the LaunchDarkly API";
  let body: string;
  switch (d.kind) {
    case "http":
      body = httpFailure(d.status ?? 0, d.code, d.ldMessage);
      break;
    case "network":
      body = networkFailure(host, d.networkCode ?? "network error");
      break;
    case "timeout":
      body = timeoutFailure(host, d.timeoutMs);
      break;
  }
  return `${head}: ${body}${afterAttempts(d.attempts ?? 1)}${d.detail ?? ""}`;
}

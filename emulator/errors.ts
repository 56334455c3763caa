// Error codes and every user-facing error sentence of the emulator, in one place: consistent wording, and one
// file to audit for leaked secrets (no message here ever includes a token or a key). The service throws
// EmulatorError with a LaunchDarkly error code; only the HTTP layer maps codes to statuses.

/** LaunchDarkly error codes the emulator answers with, plus the emulator's own 5xx codes. */
export type ErrorCode =
  | "invalid_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "patch_failed"
  | "rate_limited"
  | "internal_error"
  | "bad_gateway"
  | "service_unavailable"
  | "response_validation_failed";

/** HTTP status for each code. */
export const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  patch_failed: 422,
  rate_limited: 429,
  internal_error: 500,
  response_validation_failed: 500,
  bad_gateway: 502,
  service_unavailable: 503,
};

/** An error with a LaunchDarkly code and a message safe to show (no secrets). */
export class EmulatorError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "EmulatorError";
  }
}

/** The JSON body of every error answer: `{ code, message }`. */
export interface ErrorBody {
  code: string;
  message: string;
}

/** Code of an injected 5xx status. */
export function codeOfStatus(status: number): ErrorCode {
  if (status === 502) return "bad_gateway";
  if (status === 503) return "service_unavailable";
  return "internal_error";
}

/** User-facing sentences, built by small named functions. */
export const msg = {
  unauthorized: (): string => "Invalid access token",
  relayUnauthorized: (): string => "Invalid relay key, or a previous key past its expiry",
  sdkUnauthorized: (): string => "Invalid SDK key",
  forbidden: (): string => "Forbidden. This access token may only read; writes need a writer token.",
  notFound: (): string => "Invalid resource identifier",
  routeNotFound: (method: string, path: string): string => `No route for ${method} ${path}`,
  methodNotAllowed: (method: string, allowed: string[]): string =>
    `Method ${method} not allowed here; allowed: ${allowed.join(", ")}`,
  rateLimited: (): string => "You've exceeded the API rate limit. Try again later.",
  badJson: (reason: string): string => `Request body is not valid JSON: ${reason}`,
  bodyRequired: (): string => "Request body is required",
  contentType: (got: string): string => `Content-Type must be application/json, got ${got}`,
  semanticPatch: (): string =>
    "Semantic patch is not supported for relay auto configs; send a JSON patch or a JSON merge patch",
  badApiVersion: (value: string): string => `Invalid LD-API-Version header: ${value}`,
  field: (field: string, reason: string): string => `${field}: ${reason}`,
  many: (reasons: string[]): string => reasons.join("; "),
  readOnly: (field: string): string => `${field}: is read-only and cannot be patched`,
  patchFailed: (index: number, reason: string): string =>
    `Unprocessable entity. Could not apply patch operation ${index}: ${reason}`,
  invalidPatch: (index: number, reason: string): string => `patch[${index}]: ${reason}`,
  unsupportedQuery: (name: string): string => `${name}: is not supported by the emulator; page with limit and offset and filter on the client`,
  expiry: (raw: string): string => `expiry: must be an integer (epoch milliseconds), got "${raw}"`,
  injected: (status: number): string => `Injected fault: HTTP ${status}`,
  committedThenFailed: (status: number): string =>
    `Injected fault: the change was applied, then the server answered HTTP ${status}`,
  responseInvalid: (reason: string): string => `Emulator response does not match the spec: ${reason}`,
  internal: (): string => "Internal emulator error",
};

/** An `invalid_request` error listing every reason. */
export function invalidRequest(reasons: string[]): EmulatorError {
  return new EmulatorError("invalid_request", msg.many(reasons));
}

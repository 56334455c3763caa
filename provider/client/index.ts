// Public surface of the LaunchDarkly client: the factory, its types and the error type. Building blocks
// (retry rules, delay maths, the limiter, request building) stay importable from their own files.

export { createRelayClient } from "./client";
export type { ConfigContext, RelayClient, RelayClientSettings } from "./client";
export type { RelayClientStats } from "./execute";
export { LaunchDarklyError, isLaunchDarklyError, redact } from "./errors";
export type { ErrorKind, LaunchDarklyErrorDetails, Operation } from "./errors";
export { Limiter, limiterFor } from "./limiter";
export type { LimiterOptions, LimiterTimers } from "./limiter";
export { LD_API_VERSION, apiEndpoint } from "./request";

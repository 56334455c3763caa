// Public surface of pulumi-launchdarkly-relay: the resource, its argument types, the rotation schedule
// helper and the data-source functions.
export { RelayProxyConfiguration } from "./resource";
export { RELAY_PROXY_CONFIGURATION_TYPE } from "./wire";
export type { RelayProxyConfigurationArgs, StatementArgs, RotationArgs } from "./resource";
export { rotationWindow } from "./rotation";
export { getRelayProxyConfiguration, listRelayProxyConfigurations } from "./data";
export type { RelayProxyConfigurationInfo } from "./data";
export type { Statement, Effect, ReachedEnvironment } from "./types";

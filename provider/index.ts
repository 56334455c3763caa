// Public surface of pulumi-launchdarkly-relay: the resource and the fleet resource, their argument types, the rotation schedule
// helper and the data-source functions.
export { RelayProxyConfiguration } from "./resource";
export { RelayProxyConfigurations } from "./fleet/resource";
export type { RelayProxyConfigurationsArgs, RelayProxyConfigurationEntryArgs, RelayProxyConfigurationEntry } from "./fleet/resource";
export { RELAY_PROXY_CONFIGURATION_TYPE, RELAY_PROXY_CONFIGURATIONS_TYPE } from "./wire";
export type { RelayProxyConfigurationArgs, StatementArgs, RotationArgs } from "./resource";
export { rotationWindow } from "./rotation";
export { getRelayProxyConfiguration, listRelayProxyConfigurations } from "./data";
export type { RelayProxyConfigurationInfo } from "./data";
export type { Statement, Effect, ReachedEnvironment } from "./types";

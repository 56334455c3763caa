// RelayProxyConfigurations: many relay configurations, keyed by stable names, managed in one engine step. For
// a fleet of hundreds (region × tier × product) it costs one resource's engine work instead of hundreds, with
// each entry handled as a RelayProxyConfiguration (validation, reach, guarded patches, rotation with grace).
import * as pulumi from "@pulumi/pulumi";
import type { RotationArgs, StatementArgs } from "../resource";
import { providerByName, serializableProvider } from "../stub";
import { RELAY_PROXY_CONFIGURATION_MODULE, RELAY_PROXY_CONFIGURATIONS_NAME } from "../wire";
import type { FleetEntryOutputs, FleetInputs, FleetOutputs } from "./entries";

/** One entry of a fleet: a RelayProxyConfiguration's inputs, except adoption. */
export interface RelayProxyConfigurationEntryArgs {
  /** The LaunchDarkly name of the configuration. */
  name: pulumi.Input<string>;
  /** What the Relay Proxy may read: at least one statement. */
  policy: pulumi.Input<pulumi.Input<StatementArgs>[]>;
  /** Sent with updates as the change comment (LaunchDarkly's audit log). */
  comment?: pulumi.Input<string>;
  /** Rotation settings of this entry's key. */
  rotation?: pulumi.Input<RotationArgs>;
}

/** Inputs of a RelayProxyConfigurations fleet. */
export interface RelayProxyConfigurationsArgs {
  /** The configurations, by a stable key (letters, digits, `.`, `_`, `-`): renaming a key replaces that entry. */
  configs: pulumi.Input<Record<string, pulumi.Input<RelayProxyConfigurationEntryArgs>>>;
}

/** One entry's outputs (its key is in `fullKeys`): a RelayProxyConfiguration's outputs but the key and host. */
export type RelayProxyConfigurationEntry = FleetEntryOutputs;

/** The fallback provider of the fleet (linked installs): loads the fleet's handlers by package name. */
export const fleetProvider = providerByName<FleetInputs, FleetOutputs>("pulumi-launchdarkly-relay/dist/provider/fleet/handlers");

/** LaunchDarkly Relay Proxy automatic configurations, many in one resource. */
export class RelayProxyConfigurations extends pulumi.dynamic.Resource {
  /** Each entry's outputs by key (no relay keys here). */
  declare public readonly configs: pulumi.Output<Record<string, RelayProxyConfigurationEntry>>;
  /** Each entry's relay key by key, always secret. */
  declare public readonly fullKeys: pulumi.Output<Record<string, string>>;
  /** The API origin the configurations live on. */
  declare public readonly apiHost: pulumi.Output<string>;

  constructor(name: string, args: RelayProxyConfigurationsArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { configs: args.configs, fullKeys: undefined, apiHost: undefined };
    const secrets = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["fullKeys"] });
    const provider = serializableProvider<FleetInputs, FleetOutputs>("./fleet/provider", fleetProvider);
    super(provider, name, props, secrets, RELAY_PROXY_CONFIGURATION_MODULE, RELAY_PROXY_CONFIGURATIONS_NAME);
  }
}

// RelayProxyConfiguration: the Pulumi resource users declare. A dynamic resource with its own type token
// (`pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration`) so policies and imports can match it.
import * as pulumi from "@pulumi/pulumi";
import { serializableProvider } from "./stub";
import type { Effect, ReachedEnvironment, Statement } from "./types";
import { RELAY_PROXY_CONFIGURATION_MODULE, RELAY_PROXY_CONFIGURATION_NAME } from "./wire";

/** One policy statement as a program writes it. */
export interface StatementArgs {
  effect: pulumi.Input<Effect>;
  resources?: pulumi.Input<pulumi.Input<string>[]>;
  notResources?: pulumi.Input<pulumi.Input<string>[]>;
  actions?: pulumi.Input<pulumi.Input<string>[]>;
  notActions?: pulumi.Input<pulumi.Input<string>[]>;
}

/** Key rotation: a new `trigger` resets the key; the old key keeps working for `gracePeriod`. */
export interface RotationArgs {
  trigger: pulumi.Input<string>;
  /** `90m`, `24h`, `7d`, or milliseconds; at most 30 days. Default: the old key stops at once. */
  gracePeriod?: pulumi.Input<string | number>;
  /**
   * Rotate even while the key before the current one is still in its grace period (LaunchDarkly may keep only
   * one previous key, so that key may stop at once). Default false: such a rotation is refused at preview.
   */
  allowEarlyRotation?: pulumi.Input<boolean>;
}

/** Inputs of a RelayProxyConfiguration. */
export interface RelayProxyConfigurationArgs {
  /** The LaunchDarkly name of the configuration. */
  name: pulumi.Input<string>;
  /** What the Relay Proxy may read: at least one statement. */
  policy: pulumi.Input<pulumi.Input<StatementArgs>[]>;
  /** Sent with updates as the change comment (LaunchDarkly's audit log). Changing it alone sends nothing. */
  comment?: pulumi.Input<string>;
  /** Rotation settings. */
  rotation?: pulumi.Input<RotationArgs>;
  /**
   * Adopt an existing configuration (its 24-hex id) instead of creating one: on create it is patched to
   * `name`/`policy` and its key is reset (the old key lives on for `rotation.gracePeriod`).
   */
  adoptConfigId?: pulumi.Input<string>;
}

/** A LaunchDarkly Relay Proxy automatic configuration. */
export class RelayProxyConfiguration extends pulumi.dynamic.Resource {
  /** LaunchDarkly's `_id` (also the Pulumi id). */
  declare public readonly configId: pulumi.Output<string>;
  /** The relay key, always secret. Absent after import/get until the key is rotated. */
  declare public readonly fullKey: pulumi.Output<string | undefined>;
  /** Last 4 characters of the current key. */
  declare public readonly displayKey: pulumi.Output<string>;
  /** The LaunchDarkly name. */
  declare public readonly name: pulumi.Output<string>;
  /** The policy as LaunchDarkly stores it (canonical form). */
  declare public readonly policy: pulumi.Output<Statement[]>;
  /** Epoch ms of creation. */
  declare public readonly creationDate: pulumi.Output<number>;
  /** Epoch ms of the last change. */
  declare public readonly lastModified: pulumi.Output<number>;
  /** Email of the member who created it. */
  declare public readonly creator: pulumi.Output<string | undefined>;
  /** The API origin the configuration lives on. */
  declare public readonly apiHost: pulumi.Output<string>;
  /** Epoch ms when the current key was issued. */
  declare public readonly keyRotatedAt: pulumi.Output<number | undefined>;
  /** Epoch ms until which the previous key keeps working. */
  declare public readonly previousKeyExpiresAt: pulumi.Output<number | undefined>;
  /** Last 4 characters of the previous key (the one replaced by the last rotation). */
  declare public readonly previousDisplayKey: pulumi.Output<string | undefined>;
  /** True when refresh found the key reset outside Pulumi (the next up rotates). */
  declare public readonly keyStale: pulumi.Output<boolean | undefined>;
  /**
   * The environments the policy reaches in the live account, as sorted `proj/<project>:env/<environment>`;
   * absent when reach is not resolved (`launchdarkly:resolveReach` false, or the account could not be read).
   */
  declare public readonly reach: pulumi.Output<string[] | undefined>;
  /** For each reached environment: its name, `critical`, tags, and its project's name and tags. */
  declare public readonly reachDetails: pulumi.Output<Record<string, ReachedEnvironment> | undefined>;

  /** Reads an existing configuration by id without managing it. */
  public static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): RelayProxyConfiguration {
    return new RelayProxyConfiguration(name, undefined, { ...opts, id });
  }

  constructor(name: string, args: RelayProxyConfigurationArgs | undefined, opts?: pulumi.CustomResourceOptions) {
    const props = {
      name: undefined,
      policy: undefined,
      ...(args ?? {}),
      configId: undefined,
      fullKey: undefined,
      displayKey: undefined,
      creationDate: undefined,
      lastModified: undefined,
      creator: undefined,
      apiHost: undefined,
      keyRotatedAt: undefined,
      previousKeyExpiresAt: undefined,
      previousDisplayKey: undefined,
      keyStale: undefined,
      reach: undefined,
      reachDetails: undefined,
    };
    const secrets = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["fullKey"] });
    super(serializableProvider(), name, props, secrets, RELAY_PROXY_CONFIGURATION_MODULE, RELAY_PROXY_CONFIGURATION_NAME);
  }
}

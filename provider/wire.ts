// What the engine and the policy pack agree on, with no SDK import: the resource's type token, the sentinel
// Pulumi sends for values unknown at preview, and Pulumi's own key in a dynamic resource's inputs. The policy
// pack and scripts read these without loading @pulumi/pulumi.

/** The module and type name passed to `dynamic.Resource`; together they make the type token. */
export const RELAY_PROXY_CONFIGURATION_MODULE = "launchdarkly";
export const RELAY_PROXY_CONFIGURATION_NAME = "RelayProxyConfiguration";

/** The type token of the resource, as state, policies and imports see it. */
export const RELAY_PROXY_CONFIGURATION_TYPE = `pulumi-nodejs:dynamic/${RELAY_PROXY_CONFIGURATION_MODULE}:${RELAY_PROXY_CONFIGURATION_NAME}`;

/**
 * The value Pulumi passes to `check` for an input that is not known yet during preview (an output of another
 * resource). Validation skips such values instead of refusing them.
 */
export const UNKNOWN_INPUT = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Pulumi's own key in a dynamic resource's inputs (the serialized provider); ignored by validation. */
export const PROVIDER_KEY = "__provider";

/** The type name of the fleet resource: many relay configurations, keyed by a stable name, in one resource. */
export const RELAY_PROXY_CONFIGURATIONS_NAME = "RelayProxyConfigurations";

/** The type token of the fleet resource. */
export const RELAY_PROXY_CONFIGURATIONS_TYPE = `pulumi-nodejs:dynamic/${RELAY_PROXY_CONFIGURATION_MODULE}:${RELAY_PROXY_CONFIGURATIONS_NAME}`;

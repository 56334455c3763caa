// relay-unique-names (stack policy): no two RelayProxyConfigurations in a stack share a LaunchDarkly name.
// Each duplicate is reported against its own resource.

import { PolicyResource, StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { isRelay, plain } from "../lib/relay";
import { duplicateName } from "../lib/messages";
import { booleanSetting } from "../lib/settings";

/** Configuration of relay-unique-names. */
export interface RelayUniqueNamesConfig {
  /** Treat names that differ only in letter case as the same name. */
  ignoreCase: boolean;
}

/** The resource's LaunchDarkly name, or undefined when it is not a string or not known yet (preview). */
function knownName(resource: PolicyResource): string | undefined {
  try {
    const name = plain(resource.props.name);
    return typeof name === "string" ? name : undefined;
  } catch (err) {
    if (err instanceof UnknownValueError) return undefined;
    throw err;
  }
}

/** Refuses stacks in which two relay configurations have the same LaunchDarkly name. */
export const relayUniqueNames: StackValidationPolicy = {
  name: "relay-unique-names",
  description: "Two Relay Proxy configurations in the same stack must not have the same LaunchDarkly name.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Give each RelayProxyConfiguration a distinct `name` input, e.g. by including the project and environment " +
    'it serves ("checkout-production", "checkout-staging").',
  configSchema: {
    properties: {
      ignoreCase: booleanSetting("Treat names that differ only in letter case (Checkout, checkout) as duplicates.", false),
    },
  },
  validateStack: (args, reportViolation) => {
    const { ignoreCase } = args.getConfig<Required<RelayUniqueNamesConfig>>();
    const groups = new Map<string, { name: string; resource: PolicyResource }[]>();
    for (const resource of args.resources) {
      if (!isRelay(resource)) continue;
      const name = knownName(resource);
      if (name === undefined) continue;
      const key = ignoreCase ? name.toLowerCase() : name;
      groups.set(key, [...(groups.get(key) ?? []), { name, resource }]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const { name, resource } of group) {
        const others = group.filter((g) => g.resource !== resource).map((g) => g.resource.name);
        reportViolation(duplicateName(name, resource.name, others), resource.urn);
      }
    }
  },
};

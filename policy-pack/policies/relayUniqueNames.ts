// relay-unique-names (stack policy): no two relay configurations in a stack share a LaunchDarkly name, whether
// they are RelayProxyConfigurations or entries of RelayProxyConfigurations fleets (two entries of one fleet
// included). Each duplicate is reported against its own resource, a fleet entry named by its place in the fleet.

import { PolicyResource, StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { relayConfigurations } from "../lib/configurations";
import { plain } from "../lib/relay";
import { duplicateName } from "../lib/messages";
import { booleanSetting } from "../lib/settings";

/** Configuration of relay-unique-names. */
export interface RelayUniqueNamesConfig {
  /** Treat names that differ only in letter case as the same name. */
  ignoreCase: boolean;
}

/** A configuration's LaunchDarkly name, or undefined when it is not a string or not known yet (preview). */
function knownName(props: Record<string, unknown>): string | undefined {
  try {
    const name = plain(props.name);
    return typeof name === "string" ? name : undefined;
  } catch (err) {
    if (err instanceof UnknownValueError) return undefined;
    throw err;
  }
}

/** A named configuration of the stack: its resource and its place in it ("" for a RelayProxyConfiguration). */
interface Named {
  name: string;
  resource: PolicyResource;
  at: string;
}

/** Refuses stacks in which two relay configurations have the same LaunchDarkly name. */
export const relayUniqueNames: StackValidationPolicy = {
  name: "relay-unique-names",
  description:
    "Two Relay Proxy configurations in the same stack (RelayProxyConfiguration resources or entries of " +
    "RelayProxyConfigurations fleets) must not have the same LaunchDarkly name.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Give each RelayProxyConfiguration, and each entry of a RelayProxyConfigurations fleet, a distinct `name` " +
    'input, e.g. by including the project and environment it serves ("checkout-production", "checkout-staging").',
  configSchema: {
    properties: {
      ignoreCase: booleanSetting("Treat names that differ only in letter case (Checkout, checkout) as duplicates.", false),
    },
  },
  validateStack: (args, reportViolation) => {
    const { ignoreCase } = args.getConfig<Required<RelayUniqueNamesConfig>>();
    const groups = new Map<string, Named[]>();
    for (const resource of args.resources) {
      for (const { at, props } of relayConfigurations(resource)) {
        const name = knownName(props);
        if (name === undefined) continue;
        const key = ignoreCase ? name.toLowerCase() : name;
        groups.set(key, [...(groups.get(key) ?? []), { name, resource, at }]);
      }
    }
    const place = ({ resource, at }: Named) => ({ resourceName: resource.name, at });
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const self of group) {
        const others = group.filter((g) => g !== self).map(place);
        reportViolation(duplicateName(self.name, place(self), others), self.resource.urn);
      }
    }
  },
};

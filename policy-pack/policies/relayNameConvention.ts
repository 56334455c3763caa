// relay-name-convention: LaunchDarkly configuration names follow one pattern (lowercase kebab-case by default),
// so relays are easy to find and to match with the stacks that own them.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeConfigurations } from "../lib/configurations";
import { plain } from "../lib/relay";
import { badConfig, nameMismatch } from "../lib/messages";
import { stringSetting } from "../lib/settings";

/** Configuration of relay-name-convention. */
export interface RelayNameConventionConfig {
  /** A JavaScript regular expression the whole `name` input must match. */
  namePattern: string;
}

const NAME = "relay-name-convention";

/** A kebab-case version of `name`, offered when it matches the pattern. */
function slug(name: string, pattern: RegExp): string | undefined {
  const candidate = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return candidate !== "" && candidate !== name && pattern.test(candidate) ? candidate : undefined;
}

/** Advises a naming convention for LaunchDarkly relay configuration names. */
export const relayNameConvention: ResourceValidationPolicy = {
  name: NAME,
  description: "A Relay Proxy configuration name should match the configured naming convention (namePattern).",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Rename the configuration (the `name` input) to match namePattern, e.g. "checkout-production-relay"; ' +
    "renaming updates the LaunchDarkly configuration in place and keeps its key.",
  configSchema: {
    properties: {
      namePattern: stringSetting("JavaScript regular expression that the LaunchDarkly name must match.", "^[a-z0-9][a-z0-9-]*$"),
    },
  },
  validateResource: (args, reportViolation) =>
    judgeConfigurations(args, reportViolation, (relay, report) => {
      const { namePattern } = args.getConfig<Required<RelayNameConventionConfig>>();
      const name = plain(relay.props.name);
      if (typeof name !== "string") return; // relay-policy-well-formed reports a missing or non-string name
      let pattern: RegExp;
      try {
        pattern = new RegExp(namePattern);
      } catch (err) {
        report(badConfig(NAME, "namePattern", namePattern, (err as Error).message));
        return;
      }
      if (!pattern.test(name)) report(nameMismatch(name, namePattern, slug(name, pattern)));
    }),
};

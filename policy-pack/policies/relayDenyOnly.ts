// relay-deny-only: a policy made only of deny statements grants nothing (LaunchDarkly denies by default), so a
// relay using it serves no flags. Usually a mistake, e.g. an allow statement lost in a refactoring.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { hasOnlyDenyStatements } from "../../provider/scope";
import { analyzableStatements, isRelay, plain } from "../lib/relay";
import { denyOnly } from "../lib/messages";

/** Configuration of relay-deny-only. */
export interface RelayDenyOnlyConfig {
  /** LaunchDarkly configuration names that may deny everything on purpose (e.g. a parked relay). */
  allowedNames: string[];
}

/** Warns about relay configurations that grant nothing. */
export const relayDenyOnly: ResourceValidationPolicy = {
  name: "relay-deny-only",
  description:
    "A Relay Proxy configuration should allow something: a policy with only deny statements grants nothing, " +
    "so a relay using it serves no flags.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Add an allow statement for what the relay serves, e.g. { effect: "allow", resources: ' +
    '["proj/my-project:env/production"], actions: ["*"] }, or delete the configuration if it is unused.',
  configSchema: {
    properties: {
      allowedNames: {
        type: "array",
        items: { type: "string" },
        description: "LaunchDarkly configuration names (the `name` input) that may deny everything on purpose.",
        default: [],
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (!isRelay(args)) return;
    const { allowedNames } = args.getConfig<Required<RelayDenyOnlyConfig>>();
    const name = plain(args.props.name);
    if (typeof name === "string" && allowedNames.includes(name)) return;
    // Judge only a policy whose every statement is well formed; relay-policy-well-formed reports the rest.
    const { statements, complete } = analyzableStatements(plain(args.props.policy));
    if (!complete) return;
    if (hasOnlyDenyStatements(statements.map((s) => s.statement))) reportViolation(denyOnly(statements.length, name));
  },
};

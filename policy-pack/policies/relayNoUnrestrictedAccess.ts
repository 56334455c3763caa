// relay-no-unrestricted-access: no allow statement may grant every action in every project and environment
// (`proj/*:env/*`, or notResources that exclude no whole environment). Such a key can read every SDK key.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { unrestrictedStatements } from "../../provider/scope";
import { analyzableStatements, isRelay, plain } from "../lib/relay";
import { unrestrictedAccess } from "../lib/messages";

/** Configuration of relay-no-unrestricted-access. */
export interface RelayNoUnrestrictedAccessConfig {
  /** LaunchDarkly configuration names that may grant unrestricted access (e.g. a central relay fleet). */
  allowedNames: string[];
}

/** Refuses relay configurations that grant every action in every project and environment. */
export const relayNoUnrestrictedAccess: ResourceValidationPolicy = {
  name: "relay-no-unrestricted-access",
  description:
    "A Relay Proxy configuration must not allow every action in every project and environment, because its key " +
    "would then receive the SDK keys of the whole LaunchDarkly account.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    'Replace "proj/*:env/*" (or a notResources list that excludes no whole environment) with the projects and ' +
    'environments the relay serves, e.g. "proj/my-project:env/production"; or list the configuration name in ' +
    "allowedNames if an account-wide relay is intended.",
  configSchema: {
    properties: {
      allowedNames: {
        type: "array",
        items: { type: "string" },
        description: "LaunchDarkly configuration names (the `name` input) that may grant unrestricted access.",
        default: [],
      },
    },
  },
  validateResource: (args, reportViolation) => {
    if (!isRelay(args)) return;
    const { allowedNames } = args.getConfig<Required<RelayNoUnrestrictedAccessConfig>>();
    const name = plain(args.props.name);
    if (typeof name === "string" && allowedNames.includes(name)) return;
    const { statements } = analyzableStatements(plain(args.props.policy));
    for (const k of unrestrictedStatements(statements.map((s) => s.statement))) {
      const { index, statement } = statements[k];
      reportViolation(unrestrictedAccess(index, statement, name));
    }
  },
};

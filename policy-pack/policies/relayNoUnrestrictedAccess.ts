// relay-no-unrestricted-access: no allow statement may grant every action in every project and environment
// (`proj/*:env/*`, or notResources that exclude no whole environment). Such a key can read every SDK key.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { unrestrictedStatements } from "../../provider/scope";
import { unrestrictedAccess } from "../lib/messages";
import { allowedNamesSetting, judgeUnexemptConfigurations } from "../lib/settings";

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
  configSchema: { properties: { allowedNames: allowedNamesSetting("may grant unrestricted access") } },
  validateResource: (args, reportViolation) =>
    judgeUnexemptConfigurations(args, reportViolation, ({ name, statements }, report) => {
      for (const k of unrestrictedStatements(statements.map((s) => s.statement))) {
        const { index, statement } = statements[k];
        report(unrestrictedAccess(index, statement, name));
      }
    }),
};

// relay-deny-only: a policy made only of deny statements grants nothing (LaunchDarkly denies by default), so a
// relay using it serves no flags. Usually a mistake, e.g. an allow statement lost in a refactoring.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { hasOnlyDenyStatements } from "../../provider/scope";
import { denyOnly } from "../lib/messages";
import { allowedNamesSetting, judgeUnexemptConfigurations } from "../lib/settings";

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
  configSchema: { properties: { allowedNames: allowedNamesSetting("may deny everything on purpose") } },
  validateResource: (args, reportViolation) =>
    judgeUnexemptConfigurations(args, reportViolation, ({ name, statements, complete }, report) => {
      // Judge only a policy whose every statement is well formed; relay-policy-well-formed reports the rest.
      if (!complete) return;
      if (hasOnlyDenyStatements(statements.map((s) => s.statement))) report(denyOnly(statements.length, name));
    }),
};

// relay-max-reach: a configuration whose resolved reach spans many environments is probably broader than the
// relay it serves needs. Needs the reach the provider's `check` resolves from the live account; silent when it
// is absent or not known yet.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { judgeConfigurations } from "../lib/configurations";
import { resolvedReach } from "../lib/relay";
import { tooManyEnvironments } from "../lib/messages";
import { countSetting } from "../lib/settings";

/** Configuration of relay-max-reach. */
export interface RelayMaxReachConfig {
  /** Most environments one configuration should reach. */
  maxEnvironments: number;
}

/** Warns about configurations that reach more environments than configured. */
export const relayMaxReach: ResourceValidationPolicy = {
  name: "relay-max-reach",
  description:
    "A Relay Proxy configuration should not reach more than maxEnvironments environments of the LaunchDarkly " +
    "account, because its key then carries the SDK keys of all of them.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    'Name only the projects and environments the relay serves, e.g. "proj/web:env/production" instead of ' +
    '"proj/*:env/*", or split the configuration into several, one per relay deployment.',
  configSchema: {
    properties: {
      maxEnvironments: countSetting("Most environments one configuration should reach in the account.", 10),
    },
  },
  validateResource: (args, reportViolation) =>
    judgeConfigurations(args, reportViolation, (relay, report) => {
      const reach = resolvedReach(relay.props);
      if (reach.status !== "resolved") return;
      const { maxEnvironments } = args.getConfig<Required<RelayMaxReachConfig>>();
      if (reach.environments.length > maxEnvironments) {
        report(tooManyEnvironments(reach.environments.map((e) => e.id), maxEnvironments));
      }
    }),
};

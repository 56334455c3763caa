// relay-policy-well-formed: defence in depth for inputs changed after the program wrote them (transformations,
// stack transforms, remediations of other packs): the provider's own validation must accept them. Every
// failure is reported, with its property path (`policy[1].resources[0]`) and reason. The inputs the provider's
// `check` adds itself (the resolved `reach`, `reachDetails`) are not the program's and are left out.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { validateInputs } from "../../provider/inputs";
import { validatePolicy } from "../../provider/policy";
import { judgeConfigurations } from "../lib/configurations";
import { plain, RelayLike, RESOLVED_REACH_KEYS } from "../lib/relay";
import { malformedInput } from "../lib/messages";
import { booleanSetting } from "../lib/settings";

/** Configuration of relay-policy-well-formed. */
export interface RelayPolicyWellFormedConfig {
  /** Validate every input (name, comment, rotation, unknown fields), not only `policy`. */
  checkAllInputs: boolean;
}

/**
 * The inputs the program wrote, as plain JSON: every input except the resolved reach, each read on its own so
 * that a reach unknown at preview does not stop the check of the rest.
 */
function programInputs(props: RelayLike["props"]): Record<string, unknown> {
  const keys = Object.keys(props).filter((key) => !(RESOLVED_REACH_KEYS as readonly string[]).includes(key));
  const entries = keys.map((key) => [key, plain(props[key])] as const);
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

/** Refuses relay configurations whose inputs the provider would refuse. */
export const relayPolicyWellFormed: ResourceValidationPolicy = {
  name: "relay-policy-well-formed",
  description:
    "A Relay Proxy configuration policy must be well formed: every statement has effect allow or deny, exactly " +
    "one of resources or notResources, exactly one of actions or notActions, and resource specifiers that parse.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Fix the statement named in the message in the program, or the transformation that changed it; specifiers " +
    'look like "proj/my-project:env/production" or "proj/*;mobile:env/prod*".',
  configSchema: {
    properties: {
      checkAllInputs: booleanSetting("Also validate name, comment and rotation with the provider's validateInputs, not only policy.", true),
    },
  },
  validateResource: (args, reportViolation) =>
    judgeConfigurations(args, reportViolation, (relay, report) => {
      const { checkAllInputs } = args.getConfig<Required<RelayPolicyWellFormedConfig>>();
      const failures = checkAllInputs
        ? validateInputs(programInputs(relay.props))
        : validatePolicy(plain(relay.props.policy));
      for (const { property, reason } of failures) report(malformedInput(property, reason));
    }),
};

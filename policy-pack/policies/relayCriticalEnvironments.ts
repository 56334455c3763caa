// relay-critical-environments: a configuration whose resolved reach includes environments LaunchDarkly marks
// critical must rotate its key with a bounded grace period, and should not also serve non-critical
// environments (one key for both puts the critical SDK keys on every relay of the others). Needs the reach the
// provider's `check` resolves from the live account; silent when it is absent or not known yet.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { DAY_MS, parseDuration } from "../../provider/duration";
import { parseGracePeriod } from "../../provider/rotation";
import { RotationInput } from "../../provider/types";
import { judgeConfigurations } from "../lib/configurations";
import { plain, resolvedReach } from "../lib/relay";
import {
  badConfig,
  criticalBadGracePeriod,
  criticalGracePeriodTooLong,
  criticalMixed,
  criticalNoRotation,
} from "../lib/messages";
import { booleanSetting, stringSetting } from "../lib/settings";

/** Configuration of relay-critical-environments. */
export interface RelayCriticalEnvironmentsConfig {
  /** Longest rotation.gracePeriod for configurations reaching critical environments, as a duration such as `24h`. */
  maxGracePeriod: string;
  /** Allow one configuration to reach critical and non-critical environments. */
  allowMixed: boolean;
}

const NAME = "relay-critical-environments";

/** Requires rotation with a bounded grace period, and no mixing, for configurations reaching critical environments. */
export const relayCriticalEnvironments: ResourceValidationPolicy = {
  name: NAME,
  description:
    "A Relay Proxy configuration that reaches critical LaunchDarkly environments must rotate its key with a grace " +
    "period of at most maxGracePeriod and, unless allowMixed is set, must not also reach non-critical environments.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Set rotation: { trigger: rotationWindow("30d"), gracePeriod: "1h" } with a grace period no longer than ' +
    "maxGracePeriod, and give the critical environments their own configuration, e.g. one naming " +
    '"proj/web:env/production" and another naming "proj/web:env/staging" and "proj/web:env/test".',
  configSchema: {
    properties: {
      maxGracePeriod: stringSetting("Longest rotation.gracePeriod for configurations reaching critical environments (e.g. 90m, 24h).", "24h"),
      allowMixed: booleanSetting("Allow a configuration that reaches critical environments to reach non-critical ones too.", false),
    },
  },
  validateResource: (args, reportViolation) =>
    judgeConfigurations(args, reportViolation, (relay, report) => {
      const reach = resolvedReach(relay.props);
      if (reach.status !== "resolved") return;
      const critical = reach.environments.filter((e) => e.details.critical).map((e) => e.id);
      if (critical.length === 0) return;
      const config = args.getConfig<Required<RelayCriticalEnvironmentsConfig>>();

      const rotation = plain<RotationInput | null>(relay.props.rotation);
      if (rotation === undefined || rotation === null) {
        report(criticalNoRotation(critical));
      } else {
        const max = parseDuration(config.maxGracePeriod, { min: 0, max: 366 * DAY_MS });
        const grace = rotation.gracePeriod ?? 0;
        const parsed = parseGracePeriod(grace);
        if (!max.ok) report(badConfig(NAME, "maxGracePeriod", config.maxGracePeriod, max.reason));
        else if (!parsed.ok) report(criticalBadGracePeriod(parsed.reason, critical));
        else if (parsed.ms > max.ms) report(criticalGracePeriodTooLong(grace, config.maxGracePeriod, critical));
      }

      const others = reach.environments.filter((e) => !e.details.critical).map((e) => e.id);
      if (others.length > 0 && !config.allowMixed) report(criticalMixed(critical, others));
    }),
};

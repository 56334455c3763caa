// relay-key-rotation: relay keys should rotate. Rotation must be configured; a configuration that reaches
// production needs a grace period above 0 (relays keep working while they pick up the new key) and at most
// maxGracePeriod (the old key does not linger); a rotationWindow schedule must not name a window older than
// maxKeyAgeDays (a trigger frozen in the program stops rotating).

import { ResourceValidationPolicy } from "@pulumi/policy";
import { DAY_MS, parseDuration } from "../../provider/duration";
import { keyAgeDays, parseGracePeriod, windowStart } from "../../provider/rotation";
import { RotationInput } from "../../provider/types";
import { judgeConfigurations } from "../lib/configurations";
import { analyzableStatements, plain, PRODUCTION_PATTERNS_PROPERTY, productionStatements } from "../lib/relay";
import { badConfig, badGracePeriod, gracePeriodTooLong, keyTooOld, noGracePeriod, noRotation } from "../lib/messages";
import { countSetting, stringSetting } from "../lib/settings";

/** Configuration of relay-key-rotation. */
export interface RelayKeyRotationConfig {
  /** Longest grace period for configurations that reach production, as a duration such as `24h`. */
  maxGracePeriod: string;
  /** Oldest a key may be, in days, when the trigger comes from a rotationWindow schedule. */
  maxKeyAgeDays: number;
  /** Environment names or globs that count as production. */
  productionPatterns: string[];
}

const NAME = "relay-key-rotation";

/**
 * Builds the rule with a clock (epoch ms), so tests fix "now"; `relayKeyRotation` uses the wall clock.
 * @internal
 */
export function createRelayKeyRotation(now: () => number = Date.now): ResourceValidationPolicy {
  return {
    name: NAME,
    description:
      "A Relay Proxy configuration should rotate its key: configure rotation, keep the old key of a configuration " +
      "that reaches production alive for a grace period above 0 and at most maxGracePeriod, and never let a " +
      "scheduled trigger grow older than maxKeyAgeDays.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
      'Set rotation: { trigger: rotationWindow("30d"), gracePeriod: "1h" }, computing the trigger on every run, ' +
      "with a grace period long enough for relays to pick up the new key and no longer than maxGracePeriod.",
    configSchema: {
      properties: {
        maxGracePeriod: stringSetting("Longest rotation.gracePeriod for configurations reaching production (e.g. 90m, 24h, 7d).", "24h"),
        maxKeyAgeDays: countSetting("Oldest a key may be, in days, when rotation.trigger comes from rotationWindow.", 90),
        productionPatterns: PRODUCTION_PATTERNS_PROPERTY,
      },
    },
    validateResource: (args, reportViolation) =>
      judgeConfigurations(args, reportViolation, (relay, report) => {
        const config = args.getConfig<Required<RelayKeyRotationConfig>>();
        const rotation = plain<RotationInput | null>(relay.props.rotation);
        if (rotation === undefined || rotation === null) {
          report(noRotation());
          return;
        }

        const start = typeof rotation.trigger === "string" ? windowStart(rotation.trigger) : undefined;
        if (start !== undefined) {
          const age = keyAgeDays(start, now());
          if (age > config.maxKeyAgeDays) report(keyTooOld(age, config.maxKeyAgeDays, start));
        }

        const { statements } = analyzableStatements(plain(relay.props.policy));
        const [reach] = productionStatements(statements, config.productionPatterns);
        if (reach === undefined) return;
        const max = parseDuration(config.maxGracePeriod, { min: 0, max: 366 * DAY_MS });
        if (!max.ok) {
          report(badConfig(NAME, "maxGracePeriod", config.maxGracePeriod, max.reason));
          return;
        }
        const grace = rotation.gracePeriod ?? 0;
        const parsed = parseGracePeriod(grace);
        if (!parsed.ok) report(badGracePeriod(parsed.reason));
        else if (parsed.ms === 0) report(noGracePeriod(reach.index, reach.patterns[0], config.maxGracePeriod));
        else if (parsed.ms > max.ms) {
          report(gracePeriodTooLong(grace, config.maxGracePeriod, reach.index, reach.patterns[0]));
        }
      }),
  };
}

/** Advises key rotation with a bounded grace period for production relays. */
export const relayKeyRotation: ResourceValidationPolicy = createRelayKeyRotation();

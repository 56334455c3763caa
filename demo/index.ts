// The demo stack: one RelayProxyConfiguration per entry of the stack config `relays` (one per environment tier),
// so every step of scripts/demo.sh changes config, never code. Keys are exported only as secrets.
//
//   relays:
//     production:
//       name: relay-production
//       policy: [{ effect: allow, resources: [proj/web:env/production], actions: ["*"] }]
//       rotation: { trigger: "2026-01", gracePeriod: 1h }
import * as pulumi from "@pulumi/pulumi";
import { RelayProxyConfiguration, RelayProxyConfigurationArgs } from "pulumi-launchdarkly-relay";

const config = new pulumi.Config();
const relays = config.requireObject<Record<string, RelayProxyConfigurationArgs>>("relays");

/** What the demo shows of each configuration (no key). */
export const configs: Record<string, pulumi.Output<Record<string, unknown>>> = {};
/** The relay keys, by tier: secret outputs, shown only with `pulumi stack output --show-secrets`. */
export const fullKeys: Record<string, pulumi.Output<string | undefined>> = {};

for (const [tier, args] of Object.entries(relays)) {
  const relay = new RelayProxyConfiguration(tier, args);
  configs[tier] = pulumi
    .all([relay.name, relay.configId, relay.displayKey, relay.keyRotatedAt, relay.previousKeyExpiresAt])
    .apply(([name, configId, displayKey, keyRotatedAt, previousKeyExpiresAt]) => {
      const shown: Record<string, unknown> = { name, configId, displayKey };
      if (keyRotatedAt !== undefined) shown.keyRotatedAt = new Date(keyRotatedAt).toISOString();
      if (previousKeyExpiresAt !== undefined) shown.previousKeyExpiresAt = new Date(previousKeyExpiresAt).toISOString();
      return shown;
    });
  fullKeys[tier] = relay.fullKey;
}

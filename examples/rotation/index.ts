// Key rotation with a grace period. The trigger combines a schedule (a new window every 30 days) with an
// optional manual part: `pulumi config set emergencyRotation incident-42` rotates the key on the next
// `pulumi up`, out of schedule. After each rotation the previous key keeps working for `gracePeriod`, so
// running Relay Proxies can pick up the new key without an outage.
import * as pulumi from "@pulumi/pulumi";
import { RelayProxyConfiguration, rotationWindow } from "pulumi-launchdarkly-relay";

const config = new pulumi.Config();
const emergency = config.get("emergencyRotation");
const trigger = emergency ? `${rotationWindow("30d")}+${emergency}` : rotationWindow("30d");

const relay = new RelayProxyConfiguration("edge", {
  name: "edge-relays",
  policy: [{ effect: "allow", resources: ["proj/web:env/production", "proj/mobile:env/production"], actions: ["*"] }],
  rotation: { trigger, gracePeriod: config.get("gracePeriod") ?? "24h" },
});

export const configId = relay.configId;
export const displayKey = relay.displayKey;
export const keyRotatedAt = relay.keyRotatedAt;
/** Until when (epoch ms) the key before the last rotation keeps working. */
export const previousKeyExpiresAt = relay.previousKeyExpiresAt;
export const relayKey = relay.fullKey;

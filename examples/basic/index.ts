// The smallest useful stack: one Relay Proxy automatic configuration that serves the production environment of
// one project, its key rotated every 90 days with an hour for running relays to switch (production is a
// critical environment, so the policy pack asks for a bounded rotation). The relay key is a secret output:
// `pulumi stack output relayKey --show-secrets` prints it.
import { RelayProxyConfiguration, rotationWindow } from "pulumi-launchdarkly-relay";

const relay = new RelayProxyConfiguration("web-production", {
  name: "web-production-relays",
  policy: [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }],
  comment: "managed by Pulumi (examples/basic)",
  rotation: { trigger: rotationWindow("90d"), gracePeriod: "1h" },
});

export const configId = relay.configId;
export const displayKey = relay.displayKey;
export const relayKey = relay.fullKey;

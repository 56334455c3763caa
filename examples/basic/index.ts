// The smallest useful stack: one Relay Proxy automatic configuration that serves the production environment of
// one project. The relay key is a secret output: `pulumi stack output relayKey --show-secrets` prints it.
import { RelayProxyConfiguration } from "pulumi-launchdarkly-relay";

const relay = new RelayProxyConfiguration("web-production", {
  name: "web-production-relays",
  policy: [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }],
  comment: "managed by Pulumi (examples/basic)",
});

export const configId = relay.configId;
export const displayKey = relay.displayKey;
export const relayKey = relay.fullKey;

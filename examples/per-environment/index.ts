// One Relay Proxy configuration per environment tier of a project, so each relay fleet only ever receives the
// SDK keys of its own tier. The project and the tiers come from stack config:
//   pulumi config set project web
//   pulumi config set --path 'environments[0]' development   (default: development, staging, production)
import * as pulumi from "@pulumi/pulumi";
import { RelayProxyConfiguration, rotationWindow } from "pulumi-launchdarkly-relay";

const config = new pulumi.Config();
const project = config.get("project") ?? "web";
const environments = config.getObject<string[]>("environments") ?? ["development", "staging", "production"];

export const relays: Record<string, { configId: pulumi.Output<string>; displayKey: pulumi.Output<string> }> = {};
export const relayKeys: Record<string, pulumi.Output<string | undefined>> = {};

for (const environment of environments) {
  const production = environment.startsWith("prod");
  const relay = new RelayProxyConfiguration(`${project}-${environment}`, {
    name: `${project}-${environment}-relays`,
    policy: [
      { effect: "allow", resources: [`proj/${project}:env/${environment}`], actions: ["*"] },
      // Belt and braces: whatever the statement above grows into, this fleet never reads another tier.
      { effect: "deny", notResources: [`proj/${project}:env/${environment}`], actions: ["*"] },
    ],
    // A new key every 30 days in production (90 elsewhere); relays get an hour to pick it up.
    rotation: { trigger: rotationWindow(production ? "30d" : "90d"), gracePeriod: production ? "1h" : "10m" },
  });
  relays[environment] = { configId: relay.configId, displayKey: relay.displayKey };
  relayKeys[environment] = relay.fullKey;
}

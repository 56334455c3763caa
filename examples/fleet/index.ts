// A fleet of Relay Proxy configurations in one resource: one per product × environment tier, managed in one
// engine step (RelayProxyConfigurations) instead of one resource each. Every entry behaves as a
// RelayProxyConfiguration: its own policy, reach, rotation and grace period, its own line in the preview.
// The products and tiers come from stack config:
//   pulumi config set --path 'products[0]' web              (default: web, mobile)
//   pulumi config set --path 'environments[0]' development  (default: development, staging, production)
import * as pulumi from "@pulumi/pulumi";
import { RelayProxyConfigurations, rotationWindow } from "pulumi-launchdarkly-relay";

const config = new pulumi.Config();
const products = config.getObject<string[]>("products") ?? ["web", "mobile"];
const environments = config.getObject<string[]>("environments") ?? ["development", "staging", "production"];

const configs: Record<string, { name: string; policy: { effect: "allow"; resources: string[]; actions: string[] }[]; rotation: { trigger: string; gracePeriod: string } }> = {};
for (const product of products) {
  for (const environment of environments) {
    const production = environment.startsWith("prod");
    configs[`${product}-${environment}`] = {
      name: `${product}-${environment}-relays`,
      policy: [{ effect: "allow", resources: [`proj/${product}:env/${environment}`], actions: ["*"] }],
      rotation: { trigger: rotationWindow(production ? "30d" : "90d"), gracePeriod: production ? "1h" : "10m" },
    };
  }
}

const fleet = new RelayProxyConfigurations("relays", { configs });

export const configIds = fleet.configs.apply((all) => Object.fromEntries(Object.entries(all).map(([key, entry]) => [key, entry.configId])));
export const relayKeys = fleet.fullKeys;

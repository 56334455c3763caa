// Bringing existing configurations under Pulumi, by id (the `_id` LaunchDarkly shows in the configuration's URL):
// - `adoptConfigId` adopts one: the first `pulumi up` patches it to the declared name and policy (no new config)
//   and resets its key, while the key your relays already use keeps working for `rotation.gracePeriod`.
//   From then on the stack manages it; `pulumi destroy` deletes it.
// - `RelayProxyConfiguration.get` only reads one (never changes or deletes it), and
//   `getRelayProxyConfiguration` / `listRelayProxyConfigurations` read configurations as plain data.
//   pulumi config set configId 0123456789abcdef01234567
//   pulumi config set sharedConfigId 89abcdef0123456789abcdef    (optional)
import * as pulumi from "@pulumi/pulumi";
import {
  getRelayProxyConfiguration,
  listRelayProxyConfigurations,
  RelayProxyConfiguration,
} from "pulumi-launchdarkly-relay";

const config = new pulumi.Config();

const legacy = new RelayProxyConfiguration("legacy", {
  adoptConfigId: config.require("configId"),
  name: "legacy-relays",
  policy: [{ effect: "allow", resources: ["proj/legacy:env/production"], actions: ["*"] }],
  rotation: { trigger: "adopted", gracePeriod: "1h" },
});

export const configId = legacy.configId;
export const displayKey = legacy.displayKey;
export const relayKey = legacy.fullKey;
export const previousKeyExpiresAt = legacy.previousKeyExpiresAt;

// Read only: in the stack with its outputs (never its key), never changed or deleted by Pulumi.
const sharedConfigId = config.get("sharedConfigId");
const shared = sharedConfigId ? RelayProxyConfiguration.get("shared", sharedConfigId) : undefined;
export const sharedDisplayKey = shared?.displayKey;

// Plain data, read at every program run.
export const sharedConfig = sharedConfigId
  ? getRelayProxyConfiguration(sharedConfigId).then(({ name, policy }) => ({ name, policy }))
  : undefined;
export const configCount = listRelayProxyConfigurations().then((all) => all.length);

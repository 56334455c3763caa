// Against a real LaunchDarkly account (not run by the tests). Relay Proxy automatic configuration is a
// LaunchDarkly Enterprise feature. Settings, once per stack:
//   pulumi config set launchdarkly:apiHost commercial          # or eu, federal, or https://your-host
//   pulumi config set --secret launchdarkly:accessToken        # prompts; an API access token that may manage relay configs
//   pulumi config set project my-project                       # a LaunchDarkly project key
//   pulumi config set --path 'environments[0]' production      # the environments this relay fleet serves
import * as pulumi from "@pulumi/pulumi";
import { RelayProxyConfiguration, rotationWindow } from "pulumi-launchdarkly-relay";

const config = new pulumi.Config();
const project = config.require("project");
const environments = config.requireObject<string[]>("environments");

const relay = new RelayProxyConfiguration(`${project}-relays`, {
  name: `${project}-relays-${pulumi.getStack()}`,
  policy: [{ effect: "allow", resources: environments.map((env) => `proj/${project}:env/${env}`), actions: ["*"] }],
  comment: `managed by Pulumi stack ${pulumi.getProject()}/${pulumi.getStack()}`,
  rotation: { trigger: rotationWindow("30d"), gracePeriod: "1h" },
});

export const configId = relay.configId;
export const displayKey = relay.displayKey;
export const keyRotatedAt = relay.keyRotatedAt;
export const relayKey = relay.fullKey;

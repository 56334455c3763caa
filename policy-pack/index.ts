// The relay-guardrails CrossGuard policy pack: builds the PolicyPack from the rules in policies/.
// Run with `pulumi preview --policy-pack <repo>/policy-pack`; see README.md for the rules and their config.

import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("relay-guardrails", {
  description: "Guardrails for LaunchDarkly Relay Proxy automatic configurations (RelayProxyConfiguration, and each entry of a RelayProxyConfigurations fleet).",
  policies,
});

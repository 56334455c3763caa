// The serialized provider: Pulumi stores this object's closure in state for every resource, so it captures
// nothing but a `require` of the compiled package at call time. State stays small, no secret is ever
// captured, and upgrading the package upgrades the code that refresh and destroy run.
import type * as pulumi from "@pulumi/pulumi";
import type { RelayOutputs } from "./outputs";
import type { RelayInputs } from "./types";

/** The provider handed to dynamic.Resource. Each method loads the handlers from the installed package. */
export const relayProvider: pulumi.dynamic.ResourceProvider<RelayInputs, RelayOutputs> = {
  configure: (req) => require("pulumi-launchdarkly-relay/dist/provider/handlers").configure(req),
  check: (olds, news) => require("pulumi-launchdarkly-relay/dist/provider/handlers").check(olds, news),
  diff: (id, olds, news) => require("pulumi-launchdarkly-relay/dist/provider/handlers").diff(id, olds, news),
  create: (inputs) => require("pulumi-launchdarkly-relay/dist/provider/handlers").create(inputs),
  read: (id, props) => require("pulumi-launchdarkly-relay/dist/provider/handlers").read(id, props),
  update: (id, olds, news) => require("pulumi-launchdarkly-relay/dist/provider/handlers").update(id, olds, news),
  delete: (id, props) => require("pulumi-launchdarkly-relay/dist/provider/handlers").remove(id, props),
};

// What Pulumi stores in state as each resource's provider. Nothing is captured but a `require` of the compiled
// package at call time, so state stays small, no secret is ever captured, and upgrading the package upgrades
// the code that refresh and destroy run.
//  - Installed under node_modules (the normal case): the provider module itself, which Pulumi's serializer
//    records as a module reference.
//  - Linked from elsewhere (npm link, file: dependencies): Pulumi would serialize such a module by value, so a
//    small object of functions that each require the handlers by package name is used instead.
import type * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import * as path from "path";
import type { RelayOutputs } from "./outputs";
import type { RelayInputs } from "./types";

type RelayProvider = pulumi.dynamic.ResourceProvider<RelayInputs, RelayOutputs>;

/** The fallback provider: each method loads the handlers from the installed package by name. */
export const relayProvider: RelayProvider = {
  configure: (req) => require("pulumi-launchdarkly-relay/dist/provider/handlers").configure(req),
  check: (olds, news) => require("pulumi-launchdarkly-relay/dist/provider/handlers").check(olds, news),
  diff: (id, olds, news) => require("pulumi-launchdarkly-relay/dist/provider/handlers").diff(id, olds, news),
  create: (inputs) => require("pulumi-launchdarkly-relay/dist/provider/handlers").create(inputs),
  read: (id, props) => require("pulumi-launchdarkly-relay/dist/provider/handlers").read(id, props),
  update: (id, olds, news) => require("pulumi-launchdarkly-relay/dist/provider/handlers").update(id, olds, news),
  delete: (id, props) => require("pulumi-launchdarkly-relay/dist/provider/handlers").remove(id, props),
};

/** Whether a file's real path lies inside a node_modules directory. */
export function isUnderNodeModules(file: string): boolean {
  return fs.realpathSync(file).split(path.sep).includes("node_modules");
}

/** The provider to hand to dynamic.Resource: the module reference when installed, else the fallback. */
export function serializableProvider(): RelayProvider {
  const modulePath = require.resolve("./provider");
  return isUnderNodeModules(modulePath) ? (require("./provider") as RelayProvider) : relayProvider;
}

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

/**
 * A fallback provider: each method loads `handlers` (a module of the installed package, by name) at call time,
 * so the serialized text holds nothing but that name.
 */
export function providerByName<I, O>(handlers: string): pulumi.dynamic.ResourceProvider<I, O> {
  return {
    configure: (req) => require(handlers).configure(req),
    check: (olds, news) => require(handlers).check(olds, news),
    diff: (id, olds, news) => require(handlers).diff(id, olds, news),
    create: (inputs) => require(handlers).create(inputs),
    read: (id, props) => require(handlers).read(id, props),
    update: (id, olds, news) => require(handlers).update(id, olds, news),
    delete: (id, props) => require(handlers).remove(id, props),
  };
}

/** The fallback provider of RelayProxyConfiguration. */
export const relayProvider: RelayProvider = providerByName("pulumi-launchdarkly-relay/dist/provider/handlers");

/** Whether a file's real path lies inside a node_modules directory. */
export function isUnderNodeModules(file: string): boolean {
  return fs.realpathSync(file).split(path.sep).includes("node_modules");
}

/**
 * The provider to hand to dynamic.Resource: the provider module (`modulePath`, resolved from here) as a module
 * reference when installed, else the fallback.
 */
export function serializableProvider<I = RelayInputs, O = RelayOutputs>(
  modulePath = "./provider",
  fallback: pulumi.dynamic.ResourceProvider<I, O> = relayProvider as unknown as pulumi.dynamic.ResourceProvider<I, O>,
): pulumi.dynamic.ResourceProvider<I, O> {
  return isUnderNodeModules(require.resolve(modulePath)) ? (require(modulePath) as pulumi.dynamic.ResourceProvider<I, O>) : fallback;
}

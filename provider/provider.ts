// The ResourceProvider as a module: its exports are exactly the dynamic provider's methods. When this package
// is installed under node_modules, Pulumi serializes a reference to this module (`require("pulumi-launchdarkly-
// relay/dist/provider/provider.js")`, a few dozen bytes per resource) instead of any code.
export { configure, check, diff, create, read, update, remove as delete } from "./handlers";

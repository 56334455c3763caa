// The fleet's ResourceProvider as a module: its exports are exactly the dynamic provider's methods. When this
// package is installed under node_modules, Pulumi records a reference to this module (`require("pulumi-
// launchdarkly-relay/dist/provider/fleet/provider.js")`) in each fleet's state: a state contract, like
// dist/provider/provider.js.
export { configure, check, diff, create, read, update, remove as delete } from "./handlers";

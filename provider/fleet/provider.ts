// The fleet's ResourceProvider as a module: its exports are exactly the dynamic provider's methods. When this
// package is installed under node_modules, Pulumi records a reference to this module (`require("pulumi-
// launchdarkly-relay/dist/provider/fleet/provider.js")`) in each fleet's state: a state contract, like
// dist/provider/provider.js. With LAUNCHDARKLY_TIMINGS_FILE set (benchmarks only), each method is timed
// (provider/timings.ts: one call per fleet operation, every entry's requests in it).
import { timedProvider } from "../timings";
import * as handlers from "./handlers";

export = timedProvider(handlers);

// The ResourceProvider as a module: its exports are exactly the dynamic provider's methods. When this package
// is installed under node_modules, Pulumi serializes a reference to this module (`require("pulumi-launchdarkly-
// relay/dist/provider/provider.js")`, a few dozen bytes per resource) instead of any code. With
// LAUNCHDARKLY_TIMINGS_FILE set (benchmarks only), each method is timed (provider/timings.ts); otherwise the
// exports are the handlers themselves.
import * as handlers from "./handlers";
import { timedProvider } from "./timings";

export = timedProvider(handlers);

// The fleet's ResourceProvider as a module: its exports are exactly the dynamic provider's methods. When this
// package is installed under node_modules, Pulumi records a reference to this module (`require("pulumi-
// launchdarkly-relay/dist/provider/fleet/provider.js")`) in each fleet's state: a state contract, like
// dist/provider/provider.js. With LAUNCHDARKLY_TIMINGS_FILE set (benchmarks only), each method is timed
// (provider/timings.ts: one call per fleet operation, every entry's requests in it).
import { processTimings, timed } from "../timings";
import * as handlers from "./handlers";

export const configure = timed("configure", handlers.configure);
export const check = timed("check", handlers.check);
export const diff = timed("diff", handlers.diff);
export const create = timed("create", handlers.create);
export const read = timed("read", handlers.read);
export const update = timed("update", handlers.update);
const remove = timed("delete", handlers.remove);
export { remove as delete };

processTimings?.loaded();

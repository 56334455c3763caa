// The relay configurations a resource holds, and the loop every rule runs over them: a RelayProxyConfiguration
// is one configuration, a RelayProxyConfigurations fleet one per entry of its `configs` map (each entry's inputs
// are exactly a RelayProxyConfiguration's). Rules judge each configuration on its own; a fleet entry's messages
// start with its place (`configs["edge"]: `), a RelayProxyConfiguration's stay as they are.

import { UnknownValueError } from "@pulumi/policy";
import { atConfiguration, fleetEntry } from "./messages";
import { isRecord, RELAY_FLEET_TYPE, RELAY_TYPE, type RelayLike } from "./relay";

/** One relay configuration held by a resource. */
export interface RelayConfiguration {
  /** Its place in the resource's inputs: "" for a RelayProxyConfiguration, `configs["edge"]` for a fleet entry. */
  at: string;
  /** Its inputs, as a RelayProxyConfiguration's, still behind the policy SDK's unknown-checking proxy. */
  props: Record<string, unknown>;
}

/**
 * One configuration as a rule judges it: a RelayProxyConfiguration's validation args (its type token, its
 * inputs, the rule's config), whether it is one or a fleet entry, plus its place.
 */
export interface ConfigurationArgs extends RelayLike, RelayConfiguration {
  getConfig<T extends object>(): T;
}

/** The value `read` returns, or undefined when it is unknown at preview (the SDK's UnknownValueError). */
function unlessUnknown(read: () => unknown): unknown {
  try {
    return read();
  } catch (err) {
    if (err instanceof UnknownValueError) return undefined;
    throw err;
  }
}

/**
 * The relay configurations of `resource`: the resource itself for a RelayProxyConfiguration; for a fleet, one per
 * `configs` entry whose value is an object, in key order. A `configs` map unknown at preview, or an entry unknown
 * as a whole, gives no configuration (nothing is known to judge yet); values unknown inside an entry stay behind
 * the proxy, so a rule reading one raises UnknownValueError as it does for a RelayProxyConfiguration. Other
 * resource types hold none.
 */
export function relayConfigurations(resource: RelayLike): RelayConfiguration[] {
  if (resource.type === RELAY_TYPE) return [{ at: "", props: resource.props }];
  if (resource.type !== RELAY_FLEET_TYPE) return [];
  const configs = unlessUnknown(() => resource.props.configs);
  if (!isRecord(configs)) return [];
  return Object.keys(configs)
    .sort()
    .flatMap((key) => {
      const props = unlessUnknown(() => configs[key]);
      return isRecord(props) ? [{ at: fleetEntry(key), props }] : [];
    });
}

/**
 * Runs `judge` on each configuration `args` holds, with a `report` that names a fleet entry in its messages. A
 * configuration whose judge reads a value unknown at preview does not stop the others: the first such
 * UnknownValueError is raised once all are judged, so the SDK still says the rule could not run fully (for a
 * RelayProxyConfiguration this is exactly raising it right away: violations reported before it are kept).
 */
export function judgeConfigurations(
  args: RelayLike & { getConfig<T extends object>(): T },
  reportViolation: (message: string) => void,
  judge: (relay: ConfigurationArgs, report: (message: string) => void) => void,
): void {
  let unknown: UnknownValueError | undefined;
  for (const { at, props } of relayConfigurations(args)) {
    const relay: ConfigurationArgs = { type: RELAY_TYPE, at, props, getConfig: <T extends object>() => args.getConfig<T>() };
    try {
      judge(relay, (message) => reportViolation(atConfiguration(at, message)));
    } catch (err) {
      if (!(err instanceof UnknownValueError)) throw err;
      unknown ??= err;
    }
  }
  if (unknown !== undefined) throw unknown;
}

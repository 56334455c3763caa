// The dynamic ResourceProvider behind RelayProxyConfigurations: many relay configurations in one engine step.
// Each entry goes through RelayProxyConfiguration's own handlers (validation, reach, guarded patches, rotation
// with grace, create recovery), all in one provider process sharing one limiter. When some entries fail, the
// error carries the fleet's state as LaunchDarkly now holds it (the engine records it as a partial failure),
// so LaunchDarkly and the state agree and the next `pulumi up` retries only what failed.
import type * as pulumi from "@pulumi/pulumi";
import { randomUUID } from "node:crypto";
import { settings } from "../clients";
import * as single from "../handlers";
import type { RelayOutputs } from "../outputs";
import { RelayInputs } from "../types";
import { PROVIDER_KEY, UNKNOWN_INPUT } from "../wire";
import { fleetPartialFailure } from "../wording";
import { entryOutputs, entryPath, fleetOutputs, planEntries, validateFleetShape, type FleetInputs, type FleetOutputs } from "./entries";

export { configure } from "../handlers";

/** An entry's failure, for the message. */
interface EntryFailure {
  key: string;
  reason: string;
}

/**
 * The error the dynamic provider host turns into a partial failure: with `id` and `properties`, the engine
 * records the resource with these outputs (what LaunchDarkly holds now) instead of the old state or nothing.
 */
class FleetPartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
  ) {
    super(message);
  }
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs `work` for every key at once (the client's limiter caps requests in flight); outcomes by key. */
async function each<T>(keys: readonly string[], work: (key: string) => Promise<T>): Promise<{ done: Record<string, T>; failed: EntryFailure[] }> {
  const settled = await Promise.allSettled(keys.map((key) => work(key)));
  const done: Record<string, T> = {};
  const failed: EntryFailure[] = [];
  settled.forEach((outcome, i) => {
    if (outcome.status === "fulfilled") done[keys[i]] = outcome.value;
    else failed.push({ key: keys[i], reason: reasonOf(outcome.reason) });
  });
  return { done, failed };
}

/** Throws when any entry failed: a partial failure recording `entries` when there is a state to record. */
function settle(operation: string, id: string | undefined, entries: Record<string, RelayOutputs>, failed: EntryFailure[], provider: unknown): FleetOutputs {
  const outs = fleetOutputs(entries, settings().settings.apiHost);
  if (failed.length === 0) return outs;
  const message = fleetPartialFailure(operation, failed, Object.keys(entries).length);
  if (id === undefined) throw new Error(message);
  throw new FleetPartialFailure(message, id, { ...outs, [PROVIDER_KEY]: provider }, failed.map((f) => `${f.key}: ${f.reason}`));
}

/**
 * Preview-time validation of the whole fleet: the shape, then each entry exactly as a RelayProxyConfiguration
 * (failures named `configs["<key>"].<property>`); valid entries come back canonical with their reach.
 */
export async function check(olds: Partial<FleetInputs>, news: FleetInputs): Promise<pulumi.dynamic.CheckResult<FleetInputs>> {
  const settingsFailures = settings().failures;
  if (settingsFailures.length > 0) return { failures: settingsFailures };
  const shape = validateFleetShape(news);
  if ((news.configs as unknown) === UNKNOWN_INPUT) return shape.length > 0 ? { failures: shape } : { inputs: news };
  if (shape.some((f) => f.property === "configs" || f.property === "")) return { failures: shape };
  const keys = Object.keys(news.configs);
  const results = await Promise.all(keys.map((key) => single.check(olds?.configs?.[key] ?? ({} as RelayInputs), news.configs[key])));
  const entryFailures = results.flatMap((r, i) => (r.failures ?? []).map((f) => ({ property: entryPath(keys[i], f.property), reason: f.reason })));
  const failures = [...shape, ...entryFailures];
  if (failures.length > 0) return { failures };
  const checked = new Map(keys.map((key, i) => [key, results[i].inputs as RelayInputs]));
  const configs: Record<string, RelayInputs> = {};
  for (const key of [...keys].sort()) configs[key] = checked.get(key) as RelayInputs;
  return { inputs: { configs } };
}

/** An update when entries are added or removed or any entry would update; a refused early rotation stops it. */
export async function diff(_id: string, olds: FleetOutputs, news: FleetInputs): Promise<pulumi.dynamic.DiffResult> {
  if ((news.configs as unknown) === UNKNOWN_INPUT) return { changes: true };
  const plan = planEntries(Object.keys(olds.configs ?? {}), Object.keys(news.configs));
  let changes = plan.create.length > 0 || plan.remove.length > 0;
  for (const key of plan.keep) {
    const entry = entryOutputs(olds, key);
    const result = await single.diff(entry.configId, entry, news.configs[key]);
    changes ||= result.changes === true;
  }
  return { changes };
}

/** Creates every entry; on failures, records the ones created (each failed create leaves no config behind). */
export async function create(inputs: FleetInputs & { [PROVIDER_KEY]?: unknown }): Promise<pulumi.dynamic.CreateResult<FleetOutputs>> {
  const keys = Object.keys(inputs.configs);
  const { done, failed } = await each(keys, async (key) => (await single.create(inputs.configs[key])).outs as RelayOutputs);
  const id = `fleet-${randomUUID()}`;
  const outs = settle("create", Object.keys(done).length > 0 ? id : undefined, done, failed, inputs[PROVIDER_KEY]);
  return { id, outs };
}

/**
 * Adds, removes and updates entries, each as a RelayProxyConfiguration would (an unchanged entry sends nothing;
 * a comment or grace period alone is recorded without a request). On failures, the state records each entry as
 * LaunchDarkly now holds it: created ones added, removed ones gone, a failed entry as it was.
 */
export async function update(id: string, olds: FleetOutputs, news: FleetInputs & { [PROVIDER_KEY]?: unknown }): Promise<pulumi.dynamic.UpdateResult<FleetOutputs>> {
  const plan = planEntries(Object.keys(olds.configs ?? {}), Object.keys(news.configs));
  const kept: Record<string, RelayOutputs> = {};
  for (const key of [...plan.keep, ...plan.remove]) kept[key] = entryOutputs(olds, key);
  const removing = new Set(plan.remove);
  const creating = new Set(plan.create);
  const work = async (key: string): Promise<RelayOutputs | null> => {
    if (removing.has(key)) {
      await single.remove(kept[key].configId, kept[key]);
      return null;
    }
    if (creating.has(key)) return (await single.create(news.configs[key])).outs as RelayOutputs;
    return (await single.update(kept[key].configId, kept[key], news.configs[key])).outs as RelayOutputs;
  };
  const { done, failed } = await each([...plan.create, ...plan.keep, ...plan.remove], work);
  const entries: Record<string, RelayOutputs> = {};
  for (const failure of failed) if (kept[failure.key] !== undefined) entries[failure.key] = kept[failure.key];
  for (const [key, out] of Object.entries(done)) if (out !== null) entries[key] = out;
  return { outs: settle("update", id, entries, failed, news[PROVIDER_KEY]) };
}

/** Refresh: each entry read as a RelayProxyConfiguration would; entries deleted outside Pulumi leave the state. */
export async function read(id: string, props?: FleetOutputs): Promise<pulumi.dynamic.ReadResult<FleetOutputs>> {
  const olds = props ?? { configs: {}, fullKeys: {}, apiHost: settings().settings.apiHost };
  const keys = Object.keys(olds.configs ?? {});
  const results = await Promise.all(keys.map((key) => single.read(olds.configs[key].configId, entryOutputs(olds, key))));
  const entries: Record<string, RelayOutputs> = {};
  const inputs: Record<string, RelayInputs> = {};
  results.forEach((result, i) => {
    if (result.id === undefined || result.props === undefined) return;
    entries[keys[i]] = result.props;
    inputs[keys[i]] = (result as { inputs?: RelayInputs }).inputs as RelayInputs;
  });
  const outs = fleetOutputs(entries, settings().settings.apiHost);
  return { id, props: outs, inputs: { configs: inputs } } as pulumi.dynamic.ReadResult<FleetOutputs>;
}

/** Deletes every entry (an entry already gone counts as deleted, so a retry after a failure finishes the job). */
export async function remove(_id: string, props: FleetOutputs): Promise<void> {
  const keys = Object.keys(props.configs ?? {});
  const { failed } = await each(keys, (key) => single.remove(props.configs[key].configId, entryOutputs(props, key)));
  settle("delete", undefined, {}, failed, undefined);
}

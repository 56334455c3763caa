// Create, and the recovery that keeps it from leaving orphans: one POST; after an ambiguous failure (the POST
// may have been applied), list, adopt the config this attempt made and reset its key, or POST again only when
// none exists; on a failure after that, delete what the attempt made. Also `adoptConfigId`: take over an
// existing config and reset its key so the stack holds a usable one.
import type * as pulumi from "@pulumi/pulumi";
import { client, knownIds, runtime, settings } from "./clients";
import { isLaunchDarklyError, RelayClient } from "./client";
import { contentChanged } from "./diff";
import { toOutputs, type RelayOutputs } from "./outputs";
import { resetKey, type ResetOutcome } from "./reset";
import { graceMs, rotationExpiry } from "./rotation";
import { RelayAutoConfig, RelayAutoConfigPost, RelayInputs } from "./types";
import { patchToDesired } from "./update";
import { adoptTargetMissing, createCleanupFailed, resetAnswerLost } from "./wording";

/** Clock-skew allowance when matching an ambiguous create to a listed config. */
const ADOPT_SKEW_MS = 5 * 60_000;

/** POSTs in flight in this process; settled once their config (if any) is in `knownIds`. */
const inflightPosts = new Set<Promise<void>>();

/**
 * Among listed configs, the one an ambiguous create made: same name and policy, created no earlier than the
 * attempt started (less a clock-skew margin), and not already known (`known`: ids that other resources of
 * this process created or manage). The newest such config, or undefined.
 */
export function findAdoptable(
  items: readonly RelayAutoConfig[],
  desired: Pick<RelayInputs, "name" | "policy">,
  attemptStartedAt: number,
  skewMs: number,
  known: ReadonlySet<string> = new Set(),
): RelayAutoConfig | undefined {
  const candidates = items.filter(
    (c) =>
      !known.has(c._id) &&
      c.creationDate >= attemptStartedAt - skewMs &&
      !contentChanged({ name: c.name, policy: c.policy ?? [] }, desired),
  );
  candidates.sort((a, b) => b.creationDate - a.creationDate);
  return candidates[0];
}

/** One POST, tracked so that a concurrent ambiguous create knows the config it made is not its own. */
async function post(api: RelayClient, body: RelayAutoConfigPost): Promise<RelayAutoConfig> {
  const request = api.create(body);
  const settled = request.then(
    (made) => void knownIds.add(made._id),
    () => undefined,
  );
  inflightPosts.add(settled);
  try {
    return await request;
  } finally {
    inflightPosts.delete(settled);
  }
}

/** The config an ambiguous create of this attempt made, once every POST of this process in flight settled. */
async function findOwnCreate(api: RelayClient, inputs: RelayInputs, startedAt: number): Promise<RelayAutoConfig | undefined> {
  const listed = await api.list();
  // A listed config made by a POST of this process still in flight belongs to that resource: wait for them.
  await Promise.all([...inflightPosts]);
  return findAdoptable(listed, inputs, startedAt, ADOPT_SKEW_MS, knownIds);
}

/** The config a reset that cannot lose a key returned (no grace period: a lost answer is reset again). */
function issued(outcome: ResetOutcome): RelayAutoConfig {
  if ("issued" in outcome) return outcome.issued;
  throw new Error(`internal: a reset without grace period reported a lost key (${outcome.lost._id})`);
}

/**
 * One POST. After an ambiguous failure (the request may have been applied), never POST blindly: list, adopt
 * the config this attempt made and reset its key (no unknown key stays alive); only if none exists, POST again.
 */
export async function create(inputs: RelayInputs): Promise<pulumi.dynamic.CreateResult<RelayOutputs>> {
  const api = client();
  if (inputs.adoptConfigId) return adopt(api, inputs.adoptConfigId, inputs);
  const body = { name: inputs.name, policy: inputs.policy };
  const startedAt = runtime.now();
  let created: RelayAutoConfig;
  try {
    created = await post(api, body);
  } catch (err) {
    if (!isLaunchDarklyError(err) || !err.outcomeUnknown) throw err;
    const adoptable = await findOwnCreate(api, inputs, startedAt);
    if (adoptable) knownIds.add(adoptable._id);
    try {
      created = adoptable
        ? issued(await resetKey(api, adoptable._id, undefined, adoptable.displayKey, inputs.name, runtime.now()))
        : await post(api, body);
    } catch (second) {
      // The create fails, so no state will record the config: if it exists (adopted, or made by an ambiguous
      // second POST), delete it rather than leave an orphan with a live key nobody holds.
      await removeUnrecorded(api, inputs, startedAt, adoptable);
      throw second;
    }
  }
  const outs = toOutputs(created, inputs, settings().settings.apiHost, { keyRotatedAt: created.lastModified });
  return { id: created._id, outs };
}

/** Best effort after a failed create: delete the config this create made (adopted, or found by listing). */
async function removeUnrecorded(
  api: RelayClient,
  inputs: RelayInputs,
  startedAt: number,
  adopted: RelayAutoConfig | undefined,
): Promise<void> {
  try {
    const target = adopted ?? (await findOwnCreate(api, inputs, startedAt));
    if (!target) return;
    await api.remove(target._id, { name: inputs.name });
    knownIds.delete(target._id);
  } catch (cleanup) {
    console.error(`warning: ${createCleanupFailed(inputs.name, cleanup)}`);
  }
}

/**
 * Adopts an existing config: patch it to the desired name and policy (guarded), then reset its key so the
 * stack holds a usable key; the previous key keeps working for the rotation grace period.
 */
async function adopt(api: RelayClient, id: string, inputs: RelayInputs): Promise<pulumi.dynamic.CreateResult<RelayOutputs>> {
  const found = await api.get(id, { name: inputs.name });
  if (!found) throw new Error(adoptTargetMissing(id));
  knownIds.add(id);
  await patchToDesired(api, id, inputs);
  const now = runtime.now();
  const expiry = rotationExpiry(now, graceMs(inputs.rotation));
  const outcome = await resetKey(api, id, expiry, found.displayKey, inputs.name, now);
  const previous = { previousKeyExpiresAt: expiry, previousDisplayKey: found.displayKey };
  const apiHost = settings().settings.apiHost;
  if ("lost" in outcome) {
    console.error(`warning: ${resetAnswerLost(inputs.name, id, undefined, expiry as number)}`);
    return { id, outs: toOutputs(outcome.lost, inputs, apiHost, { ...previous, keyRotatedAt: outcome.lost.lastModified, keyStale: true, keyLost: true }) };
  }
  const key = { ...previous, keyRotatedAt: outcome.issued.lastModified };
  return { id, outs: toOutputs(outcome.issued, inputs, apiHost, key) };
}

/** @internal Forget POSTs in flight (tests). */
export function resetCreateState(): void {
  inflightPosts.clear();
}

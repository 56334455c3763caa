// The dynamic ResourceProvider behind RelayProxyConfiguration: configure, check, diff, create, read, update,
// delete. It runs inside the engine's dynamic-provider process, loaded by the serialized stub (stub.ts).
// Decisions are pure functions (policy, patch, rotation, outputs); this module only sequences the calls.
import type * as pulumi from "@pulumi/pulumi";
import type { Account } from "./account";
import { createRelayClient, isLaunchDarklyError, RelayClient } from "./client";
import {
  adoptTargetMissing,
  concurrentChangeRetried,
  concurrentChanges,
  configGone,
  createCleanupFailed,
  deleteConflict,
  earlyRotationRefused,
  keyResetOutsidePulumi,
  resetAnswerLost,
  reachNotResolvable,
  reachUnavailable,
} from "./messages";
import { guardPatch, computePatch } from "./patch";
import { containsUnknown, normalizeInputs } from "./inputs";
import { inputWarnings, UNKNOWN_INPUT, validateInputs } from "./policy";
import { resolveReach, unresolvableSpecifiers } from "./reach";
import { resetKey, type ResetOutcome } from "./reset";
import { GRACE_PERIOD_BOUNDS, parseDuration, rotationExpiry } from "./rotation";
import { ProviderSettings, resolveSettings } from "./settings";
import {
  classifyDiff,
  contentChanged,
  earlyRotation,
  findAdoptable,
  inputsFromOutputs,
  keyResetNeeded,
  RelayOutputs,
  toOutputs,
  withInputs,
  type KeyBookkeeping,
} from "./outputs";
import { CheckFailure, RelayAutoConfig, RelayAutoConfigPost, RelayInputs, ResolvedReach, Statement } from "./types";

type CheckResult = pulumi.dynamic.CheckResult<RelayInputs>;

/** How many times update re-reads and recomputes after LaunchDarkly reports a concurrent change. */
const PATCH_ATTEMPTS = 3;
/** How many times delete tries while LaunchDarkly answers 409. */
const DELETE_ATTEMPTS = 3;
/** Clock-skew allowance when matching an ambiguous create to a listed config. */
const ADOPT_SKEW_MS = 5 * 60_000;

/** Process-wide state of the provider: settings from `configure`, and the clients built from them. */
interface ProviderState {
  settings: ProviderSettings;
  failures: CheckFailure[];
  client?: RelayClient;
  /** The account, read at most once per process; null when the read failed (reach stays unknown). */
  account?: Promise<Account | null>;
}

let state: ProviderState | undefined;

/**
 * Ids of configs that resources of this process created, adopted or manage (seen by diff, read, update): an
 * ambiguous create never adopts one of them, so two identical resources never end up sharing one config.
 */
const knownIds = new Set<string>();
/** POSTs in flight in this process; settled once their config (if any) is in `knownIds`. */
const inflightPosts = new Set<Promise<void>>();

/** Test and embedding hooks: the clock, and extra client options (e.g. a small baseDelayMs). */
export const runtime: { now: () => number; baseDelayMs?: number } = { now: () => Date.now() };

function current(): ProviderState {
  if (!state) configureFrom(() => undefined);
  return state as ProviderState;
}

function configureFrom(get: (key: string) => string | undefined): void {
  const { settings, failures } = resolveSettings(get, process.env);
  state = { settings, failures };
}

/**
 * The client for the configured host and token. A host is where, not what: every call goes to the host the
 * settings name, with their token, whatever host a config's state recorded (a refresh, an update or a delete
 * never sends this token to another host, and a host change alone never replaces anything).
 */
function client(): RelayClient {
  const s = current();
  if (s.failures.length > 0) throw new Error(s.failures.map((f) => f.reason).join("; "));
  s.client ??= createRelayClient({
    apiHost: s.settings.apiHost,
    token: s.settings.token as string,
    timeoutMs: s.settings.timeoutMs,
    baseDelayMs: runtime.baseDelayMs ?? Number(process.env.LAUNCHDARKLY_RETRY_BASE_MS || 1000),
  });
  return s.client;
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

function graceMs(inputs: RelayInputs): number {
  const grace = inputs.rotation?.gracePeriod;
  if (grace === undefined) return 0;
  const parsed = parseDuration(grace, GRACE_PERIOD_BOUNDS);
  return parsed.ok ? parsed.ms : 0;
}

/**
 * The account of the configured host, listed at most once per provider process whatever the number of
 * resources; null (after one warning) when it cannot be read, so reach degrades to unknown and nothing fails.
 */
function account(): Promise<Account | null> {
  const s = current();
  s.account ??= client()
    .account()
    .catch((err: unknown) => {
      console.error(`warning: ${reachUnavailable(err)}`);
      return null;
    });
  return s.account;
}

/**
 * What `policy` reaches in the live account; empty (reach not resolved) when the setting is off, the read
 * failed, or a specifier's reach depends on more than the account (a role attribute, a property selector).
 */
async function reachOf(name: string, policy: Statement[]): Promise<ResolvedReach> {
  if (!current().settings.resolveReach) return {};
  const unresolvable = unresolvableSpecifiers(policy);
  if (unresolvable.length > 0) {
    console.error(`warning: ${reachNotResolvable(name, unresolvable)}`);
    return {};
  }
  const live = await account();
  return live === null ? {} : resolveReach(policy, live);
}

/**
 * After a reset found by refresh: the key the stack holds, protected until `now` + this config's grace period
 * (never earlier than a protection already recorded); undefined when the config rotates without grace.
 */
function protectHeldKey(props: RelayOutputs, now: number): { previousDisplayKey: string; previousKeyExpiresAt: number } | undefined {
  const grace = graceMs(props);
  if (grace <= 0) return undefined;
  return { previousDisplayKey: props.displayKey, previousKeyExpiresAt: Math.max(props.previousKeyExpiresAt ?? 0, now + grace) };
}

/** Reads stack config (`launchdarkly:*`) when the engine starts the provider; env is the fallback. */
export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  configureFrom((key) => req.config.get(key));
}

/**
 * Preview-time validation: every failure, each naming its property, and no API call for bad input. Valid
 * inputs come back canonical with their resolved reach, so the engine's own input diff shows a change of reach
 * (from the policy or from the account) beside the policy lines. Reach is unknown while the policy is.
 */
export async function check(_olds: RelayInputs, news: RelayInputs): Promise<CheckResult> {
  const failures = [...current().failures, ...validateInputs(news)];
  if (failures.length > 0) return { failures };
  for (const warning of inputWarnings(news)) console.error(`warning: ${warning}`);
  const inputs = containsUnknown(news) ? { ...news } : normalizeInputs(news);
  if (containsUnknown(news.policy)) {
    if (current().settings.resolveReach) Object.assign(inputs, { reach: UNKNOWN_INPUT, reachDetails: UNKNOWN_INPUT });
    return { inputs };
  }
  return { inputs: { ...inputs, ...(await reachOf(containsUnknown(news.name) ? "(name not known yet)" : news.name, news.policy)) } };
}

/**
 * Update in place for name, policy, a new trigger, a stale key or a new reach; else nothing (never a replace).
 * A reset while the key before the current one is still in its grace period is refused here, at preview, with
 * no API call, unless `rotation.allowEarlyRotation` says it is meant.
 */
export async function diff(id: string, olds: RelayOutputs, news: RelayInputs): Promise<pulumi.dynamic.DiffResult> {
  if (id) knownIds.add(id);
  const now = runtime.now();
  const early = earlyRotation(olds, news, now);
  if (early !== undefined) throw new Error(earlyRotationRefused(news.name, id, early.displayKey, early.expiresAt));
  return { changes: classifyDiff(olds, news, now) };
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
    const listed = await api.list();
    // A listed config made by a POST of this process still in flight belongs to that resource: wait for them.
    await Promise.all([...inflightPosts]);
    const adoptable = findAdoptable(listed, inputs, startedAt, ADOPT_SKEW_MS, knownIds);
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
  const outs = toOutputs(created, inputs, current().settings.apiHost, { keyRotatedAt: created.lastModified });
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
    let target = adopted;
    if (!target) {
      const listed = await api.list();
      await Promise.all([...inflightPosts]);
      target = findAdoptable(listed, inputs, startedAt, ADOPT_SKEW_MS, knownIds);
    }
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
  const expiry = rotationExpiry(now, graceMs(inputs));
  const outcome = await resetKey(api, id, expiry, found.displayKey, inputs.name, now);
  const previous = { previousKeyExpiresAt: expiry, previousDisplayKey: found.displayKey };
  if ("lost" in outcome) {
    console.error(`warning: ${resetAnswerLost(inputs.name, id, undefined, expiry as number)}`);
    return { id, outs: toOutputs(outcome.lost, inputs, current().settings.apiHost, { ...previous, keyRotatedAt: outcome.lost.lastModified, keyStale: true, keyLost: true }) };
  }
  const key = { ...previous, keyRotatedAt: outcome.issued.lastModified };
  return { id, outs: toOutputs(outcome.issued, inputs, current().settings.apiHost, key) };
}

/** Refresh: live name and policy; a vanished config leaves state; a key reset elsewhere is flagged. */
export async function read(id: string, props?: RelayOutputs): Promise<pulumi.dynamic.ReadResult<RelayOutputs>> {
  const live = await client().get(id, { name: props?.name });
  if (!live) return { id: undefined as unknown as string, props: undefined as unknown as RelayOutputs };
  knownIds.add(id);
  const resetFound = props?.keyStale !== true && props?.displayKey !== undefined && props.displayKey !== live.displayKey;
  const keyStale = props?.keyStale === true || resetFound;
  // A reset found here may have given the key the stack holds a grace period (one we cannot see): protect it for
  // as long as this config's own rotations would, so the next rotation never stops it early.
  const protectedKey = resetFound ? protectHeldKey(props as RelayOutputs, runtime.now()) : undefined;
  if (resetFound) console.error(`warning: ${keyResetOutsidePulumi(live.name, id, protectedKey && { displayKey: protectedKey.previousDisplayKey, until: protectedKey.previousKeyExpiresAt })}`);
  const known: RelayInputs = { name: live.name, policy: live.policy, comment: props?.comment, rotation: props?.rotation, ...(await reachOf(live.name, live.policy)) };
  const outs = toOutputs(live, known, current().settings.apiHost, {
    fullKey: props?.fullKey,
    keyRotatedAt: props?.keyRotatedAt,
    previousKeyExpiresAt: protectedKey?.previousKeyExpiresAt ?? props?.previousKeyExpiresAt,
    previousDisplayKey: protectedKey?.previousDisplayKey ?? props?.previousDisplayKey,
    keyStale,
    keyLost: props?.keyLost,
  });
  return { id, props: outs, inputs: inputsFromOutputs(outs) } as pulumi.dynamic.ReadResult<RelayOutputs>;
}

/**
 * GET, patch only the changed paths (guarded by `test` ops, re-read on 409/422), then rotate if asked; when
 * only the reach changed, no request at all.
 */
export async function update(id: string, olds: RelayOutputs, news: RelayInputs): Promise<pulumi.dynamic.UpdateResult<RelayOutputs>> {
  knownIds.add(id);
  const now = runtime.now();
  const resetNeeded = keyResetNeeded(olds, news, now);
  // Only the reach moved (the account changed): record it, without a request to LaunchDarkly.
  if (!contentChanged(olds, news) && !resetNeeded) return { outs: withInputs(olds, news) };
  const api = client();
  let live: RelayAutoConfig | undefined;
  if (contentChanged(olds, news)) {
    live = await patchToDesired(api, id, news);
  }
  let key: KeyBookkeeping = {
    fullKey: olds.fullKey,
    keyRotatedAt: olds.keyRotatedAt,
    previousKeyExpiresAt: olds.previousKeyExpiresAt,
    previousDisplayKey: olds.previousDisplayKey,
    keyStale: olds.keyStale,
    keyLost: olds.keyLost,
  };
  if (resetNeeded) {
    // A current key whose answer was lost is held by nobody: the reset that replaces it ends it at once.
    const expiry = olds.keyLost === true ? undefined : rotationExpiry(now, graceMs(news));
    const outcome = await resetKey(api, id, expiry, olds.displayKey, news.name, now);
    const previous = expiry === undefined ? {} : { previousKeyExpiresAt: expiry, previousDisplayKey: olds.displayKey };
    if ("lost" in outcome) {
      // The stack keeps the key it had: it works until the expiry; the next up after that gets a new one.
      console.error(`warning: ${resetAnswerLost(news.name, id, olds.displayKey, expiry as number)}`);
      live = outcome.lost;
      key = { ...previous, fullKey: olds.fullKey, keyRotatedAt: live.lastModified, keyStale: true, keyLost: true };
    } else {
      live = outcome.issued;
      key = { ...previous, fullKey: live.fullKey, keyRotatedAt: live.lastModified };
    }
  }
  if (!live) {
    live = await api.get(id, { name: news.name });
    if (!live) throw new Error(configGone(news.name, id));
  }
  return { outs: toOutputs(live, news, current().settings.apiHost, key) };
}

async function patchToDesired(api: RelayClient, id: string, news: RelayInputs): Promise<RelayAutoConfig> {
  for (let attempt = 1; ; attempt++) {
    const live = await api.get(id, { name: news.name });
    if (!live) throw new Error(configGone(news.name, id));
    const ops = computePatch(live, news);
    if (ops.length === 0) return live;
    try {
      return await api.patch(id, guardPatch(live, ops), news.comment, { name: news.name });
    } catch (err) {
      const conflict = isLaunchDarklyError(err) && (err.status === 409 || err.status === 422);
      if (!conflict) throw err;
      if (attempt >= PATCH_ATTEMPTS) throw new Error(concurrentChanges(news.name, id, attempt), { cause: err });
      // Not silent: the guard caught a change made since the GET; re-read and apply what still differs.
      console.error(`warning: ${concurrentChangeRetried(news.name, id)}`);
    }
  }
}

/**
 * DELETE on the configured host; an already-deleted config (404 there) counts as deleted; a 409 is retried a
 * few times, then reported.
 */
export async function remove(id: string, props: RelayOutputs): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client().remove(id, { name: props.name });
      return;
    } catch (err) {
      if (!(isLaunchDarklyError(err) && err.status === 409)) throw err;
      if (attempt >= DELETE_ATTEMPTS) throw new Error(deleteConflict(props.name, id, attempt), { cause: err });
      await new Promise((r) => setTimeout(r, (runtime.baseDelayMs ?? 1000) * attempt));
    }
  }
}

/** @internal Forget configured settings (tests). */
export function resetForTests(): void {
  state = undefined;
  knownIds.clear();
  inflightPosts.clear();
}

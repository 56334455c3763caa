// Update: patch only the changed paths, then reset the key when a rotation is due; a change of reach alone sends
// nothing. The patch is first computed from the stored outputs and guarded by `test` ops on the whole stored
// document (one request when LaunchDarkly holds what the state recorded); when it holds something else (422/409)
// or nothing (404), the config is read and the patch recomputed from what it holds, guarded by `test` ops on the
// touched paths.
import type * as pulumi from "@pulumi/pulumi";
import { client, knownIds, runtime, settings } from "./clients";
import { isLaunchDarklyError, RelayClient } from "./client";
import { contentChanged, keyResetNeeded } from "./diff";
import { toOutputs, withInputs, type KeyBookkeeping, type RelayOutputs } from "./outputs";
import { computePatch, guardPatch, wholeDocumentGuard, type PatchableConfig } from "./patch";
import { resetKey } from "./reset";
import { graceMs, rotationExpiry } from "./rotation";
import { RelayAutoConfig, RelayInputs } from "./types";
import { concurrentChangeRetried, concurrentChanges, configGone, resetAnswerLost } from "./wording";

/** PATCH attempts in all, the one computed from the stored outputs included, before update gives up on a config that keeps changing. */
const PATCH_ATTEMPTS = 3;

/**
 * Patch only the changed paths (from the stored outputs when LaunchDarkly still holds them, else from a fresh
 * read), then rotate if asked; when only the reach changed, no request at all.
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
    live = await patchToDesired(api, id, news, olds);
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
    const expiry = olds.keyLost === true ? undefined : rotationExpiry(now, graceMs(news.rotation));
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
  return { outs: toOutputs(live, news, settings().settings.apiHost, key) };
}

/** Whether LaunchDarkly refused a patch because a `test` op failed (the config is not what the patch assumed). */
function isGuardRefusal(err: unknown): boolean {
  return isLaunchDarklyError(err) && (err.status === 409 || err.status === 422);
}

/**
 * The patch from `known` (the stored outputs) to the desired config, in one request guarded by the whole known
 * document; undefined when there is nothing to send from it, LaunchDarkly holds something else or nothing (the
 * caller then reads the config). Other errors are thrown.
 */
async function patchFromKnown(api: RelayClient, id: string, news: RelayInputs, known: PatchableConfig): Promise<RelayAutoConfig | undefined> {
  const ops = computePatch(known, news);
  if (ops.length === 0) return undefined;
  try {
    return await api.patch(id, [...wholeDocumentGuard(known), ...ops], news.comment, { name: news.name });
  } catch (err) {
    // A refused guard, or a config gone: the read that follows tells which (and says so).
    if (isGuardRefusal(err) || (isLaunchDarklyError(err) && err.status === 404)) return undefined;
    throw err;
  }
}

/**
 * Patch a config to the desired name and policy; returns it. With `known` (what the stack last saw), first the
 * patch from it in one request; otherwise, or when LaunchDarkly holds something else, read the config, patch what
 * differs from what it holds, and re-read after a concurrent change.
 */
export async function patchToDesired(api: RelayClient, id: string, news: RelayInputs, known?: PatchableConfig): Promise<RelayAutoConfig> {
  if (known !== undefined) {
    const patched = await patchFromKnown(api, id, news, known);
    if (patched !== undefined) return patched;
  }
  // The patch from what the stack knew counts as the first attempt.
  for (let attempt = known === undefined ? 1 : 2; ; attempt++) {
    const live = await api.get(id, { name: news.name });
    if (!live) throw new Error(configGone(news.name, id));
    const ops = computePatch(live, news);
    if (ops.length === 0) return live;
    try {
      return await api.patch(id, guardPatch(live, ops), news.comment, { name: news.name });
    } catch (err) {
      if (!isGuardRefusal(err)) throw err;
      if (attempt >= PATCH_ATTEMPTS) throw new Error(concurrentChanges(news.name, id, attempt), { cause: err });
      // Not silent: the guard caught a change made since the GET; re-read and apply what still differs.
      console.error(`warning: ${concurrentChangeRetried(news.name, id)}`);
    }
  }
}

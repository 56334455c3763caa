// Update: patch only the changed paths (guarded by `test` ops against concurrent edits, re-read and recomputed
// on 409/422), then reset the key when a rotation is due; a change of reach alone sends nothing.
import type * as pulumi from "@pulumi/pulumi";
import { client, knownIds, runtime, settings } from "./clients";
import { isLaunchDarklyError, RelayClient } from "./client";
import { contentChanged, keyResetNeeded } from "./diff";
import { toOutputs, withInputs, type KeyBookkeeping, type RelayOutputs } from "./outputs";
import { computePatch, guardPatch } from "./patch";
import { resetKey } from "./reset";
import { graceMs, rotationExpiry } from "./rotation";
import { RelayAutoConfig, RelayInputs } from "./types";
import { concurrentChangeRetried, concurrentChanges, configGone, resetAnswerLost } from "./wording";

/** How many times update re-reads and recomputes after LaunchDarkly reports a concurrent change. */
const PATCH_ATTEMPTS = 3;

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

/** Patch a live config to the desired name and policy, re-reading after a concurrent change; returns it. */
export async function patchToDesired(api: RelayClient, id: string, news: RelayInputs): Promise<RelayAutoConfig> {
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

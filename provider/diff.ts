// The diff decisions, all pure: whether a change of inputs needs an update (never a replace), whether it must
// reset the key, and whether a rotation asked for now must wait for the previous key's grace period.
import { containsUnknown } from "./inputs";
import { jsonEqual } from "./json";
import type { RelayOutputs } from "./outputs";
import { policiesEqual } from "./policy";
import { rotationRequested } from "./rotation";
import { RelayInputs, ResolvedReach } from "./types";

/** Whether the resolved reach differs between state and the new inputs (not when the new reach is unresolved). */
export function reachChanged(olds: ResolvedReach, news: ResolvedReach): boolean {
  if (!Array.isArray(news.reach)) return false;
  return !jsonEqual(olds.reach, news.reach) || !jsonEqual(olds.reachDetails, news.reachDetails);
}

/** Whether the managed content (name, policy) differs between state and desired inputs. */
export function contentChanged(olds: Pick<RelayInputs, "name" | "policy">, news: Pick<RelayInputs, "name" | "policy">): boolean {
  return olds.name !== news.name || !policiesEqual(olds.policy ?? [], news.policy ?? []);
}

/**
 * Whether the key before the current one is still in its grace period at `now` (and no early rotation is
 * allowed). LaunchDarkly may keep only one previous key, so a reset now could stop that key, which relays may
 * still hold, at once.
 */
function previousKeyInGrace(olds: RelayOutputs, news: RelayInputs, now: number): boolean {
  return news.rotation?.allowEarlyRotation !== true && olds.previousKeyExpiresAt !== undefined && now < olds.previousKeyExpiresAt;
}

/**
 * A rotation the user asked for (a new trigger) that must wait: the previous key is still in its grace period.
 * Undefined when the rotation may go ahead (or none was asked for). Refused at preview by `diff`.
 */
export function earlyRotation(olds: RelayOutputs, news: RelayInputs, now: number): { displayKey?: string; expiresAt: number } | undefined {
  if (!rotationRequested(olds.rotation, news.rotation) || !previousKeyInGrace(olds, news, now)) return undefined;
  return { displayKey: olds.previousDisplayKey, expiresAt: olds.previousKeyExpiresAt as number };
}

/**
 * Whether an update must reset the key: a new rotation trigger, or a stale key (reset outside Pulumi, or a reset
 * whose answer was lost). A stale key waits until the previous key's grace period is over, so replacing it never
 * stops a key relays may hold before its time (no error: the reset is only deferred).
 */
export function keyResetNeeded(olds: RelayOutputs, news: RelayInputs, now: number): boolean {
  if (rotationRequested(olds.rotation, news.rotation)) return true;
  return olds.keyStale === true && !previousKeyInGrace(olds, news, now);
}

/**
 * Whether a change needs an update: name, policy, a new rotation trigger or a stale key → update in place; a new
 * reach alone (the account changed) → an update that sends nothing but records it; a comment or grace period
 * alone → no change (nothing to send). The API host is where, not what: a host change alone is no change, and
 * nothing is ever replaced. At preview, an unknown name, policy or trigger counts as a change (the sentinel is
 * never compared or normalized).
 */
export function classifyDiff(olds: RelayOutputs, news: RelayInputs, now: number): boolean {
  // Preview: a value not known yet (an output of another resource) may change; never compare the sentinel.
  if (containsUnknown(news.name) || containsUnknown(news.policy)) return true;
  const rotation: unknown = news.rotation;
  const trigger = typeof rotation === "object" && rotation !== null ? (rotation as { trigger?: unknown }).trigger : rotation;
  if (olds.rotation !== undefined && containsUnknown(trigger)) return true;
  return contentChanged(olds, news) || keyResetNeeded(olds, news, now) || reachChanged(olds, news);
}

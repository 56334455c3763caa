// The dynamic ResourceProvider behind RelayProxyConfiguration, as the index of its lifecycle: configure,
// check, diff, read and delete here; create (with its recovery) in create.ts; update in update.ts. It runs
// inside the engine's dynamic-provider process, loaded by the serialized stub (stub.ts). Decisions are pure
// functions (inputs, diff, outputs, rotation); these modules only sequence the calls.
import type * as pulumi from "@pulumi/pulumi";
import { account, client, configureFrom, knownIds, resetProcessState, retryBaseMs, runtime, settings } from "./clients";
import { isLaunchDarklyError } from "./client";
import { resetCreateState } from "./create";
import { classifyDiff, earlyRotation } from "./diff";
import { containsUnknown, inputWarnings, normalizeInputs, validateInputs } from "./inputs";
import { inputsFromOutputs, toOutputs, type RelayOutputs } from "./outputs";
import { resolveReach, unresolvableSpecifiers } from "./reach";
import { graceMs } from "./rotation";
import { RelayInputs, ResolvedReach, Statement } from "./types";
import { UNKNOWN_INPUT } from "./wire";
import { deleteConflict, earlyRotationRefused, keyResetOutsidePulumi, reachNotResolvable } from "./wording";

export { create } from "./create";
export { update } from "./update";
export { runtime } from "./clients";

type CheckResult = pulumi.dynamic.CheckResult<RelayInputs>;

/** How many times delete tries while LaunchDarkly answers 409. */
const DELETE_ATTEMPTS = 3;

/**
 * What `policy` reaches in the live account; empty (reach not resolved) when the setting is off, the read
 * failed, or a specifier's reach depends on more than the account (a role attribute, a property selector).
 */
async function reachOf(name: string, policy: Statement[]): Promise<ResolvedReach> {
  if (!settings().settings.resolveReach) return {};
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
  const grace = graceMs(props.rotation);
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
  const failures = [...settings().failures, ...validateInputs(news)];
  if (failures.length > 0) return { failures };
  for (const warning of inputWarnings(news)) console.error(`warning: ${warning}`);
  const inputs = containsUnknown(news) ? { ...news } : normalizeInputs(news);
  if (containsUnknown(news.policy)) {
    if (settings().settings.resolveReach) Object.assign(inputs, { reach: UNKNOWN_INPUT, reachDetails: UNKNOWN_INPUT });
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
  const outs = toOutputs(live, known, settings().settings.apiHost, {
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
 * DELETE on the configured host; an already-deleted config (404 there) counts as deleted; a 409 is retried a
 * few times (waiting through `runtime.sleep`), then reported.
 */
export async function remove(id: string, props: RelayOutputs): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client().remove(id, { name: props.name });
      return;
    } catch (err) {
      if (!(isLaunchDarklyError(err) && err.status === 409)) throw err;
      if (attempt >= DELETE_ATTEMPTS) throw new Error(deleteConflict(props.name, id, attempt), { cause: err });
      await runtime.sleep(retryBaseMs() * attempt);
    }
  }
}

/** @internal Forget configured settings (tests). */
export function resetForTests(): void {
  resetProcessState();
  resetCreateState();
}

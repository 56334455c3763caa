// The resource's outputs and the pure mappings around them: live config → outputs, outputs → the inputs a
// refresh reports, and the diff classification (update in place, or nothing for a comment; never a replace).
// No I/O here; handlers.ts does the calls.
import { containsUnknown } from "./inputs";
import { jsonEqual, normalizePolicy, policiesEqual } from "./policy";
import { rotationRequested } from "./rotation";
import { RelayAutoConfig, RelayInputs, ResolvedReach } from "./types";

/** Everything the provider stores for one RelayProxyConfiguration (fullKey is a secret output). */
export interface RelayOutputs extends RelayInputs {
  /** LaunchDarkly's `_id`, also the Pulumi id. */
  configId: string;
  /** The relay key; present after create and after each rotation, absent after import or get. */
  fullKey?: string;
  /** Last 4 characters of the current key, as LaunchDarkly shows it. */
  displayKey: string;
  /** Epoch ms. */
  creationDate: number;
  /** Epoch ms. */
  lastModified: number;
  /** Email of the member who created the config, when LaunchDarkly says. */
  creator?: string;
  /** The API origin the config was last read or written on (the configured host; a change moves nothing). */
  apiHost: string;
  /** Epoch ms when the current key was issued (creation or last rotation). */
  keyRotatedAt?: number;
  /** Epoch ms until which the previous key keeps working after the last rotation. */
  previousKeyExpiresAt?: number;
  /** Last 4 characters of the key the last rotation replaced (the one relays may still hold until the expiry). */
  previousDisplayKey?: string;
  /**
   * True when the key the stack holds is not the current one: reset outside Pulumi (found by refresh), or a
   * reset whose answer was lost. The next up rotates (once the previous key's grace period is over).
   */
  keyStale?: boolean;
  /**
   * True when the current key is one whose reset answer was lost: nobody holds it, so the reset that replaces it
   * gives it no grace period.
   */
  keyLost?: boolean;
}

/** Bookkeeping carried from one state to the next. */
export interface KeyBookkeeping {
  fullKey?: string;
  keyRotatedAt?: number;
  previousKeyExpiresAt?: number;
  previousDisplayKey?: string;
  keyStale?: boolean;
  keyLost?: boolean;
}

/** Outputs from a live config, the inputs that produced it, and key bookkeeping. */
export function toOutputs(live: RelayAutoConfig, inputs: RelayInputs, apiHost: string, key: KeyBookkeeping): RelayOutputs {
  const out: RelayOutputs = {
    name: live.name,
    policy: normalizePolicy(live.policy ?? []),
    configId: live._id,
    displayKey: live.displayKey,
    creationDate: live.creationDate,
    lastModified: live.lastModified,
    apiHost,
  };
  if (inputs.comment !== undefined) out.comment = inputs.comment;
  if (inputs.rotation !== undefined) out.rotation = inputs.rotation;
  if (inputs.adoptConfigId !== undefined) out.adoptConfigId = inputs.adoptConfigId;
  Object.assign(out, knownReach(inputs));
  if (live._creator?.email) out.creator = live._creator.email;
  const fullKey = live.fullKey ?? key.fullKey;
  if (fullKey !== undefined) out.fullKey = fullKey;
  if (key.keyRotatedAt !== undefined) out.keyRotatedAt = key.keyRotatedAt;
  if (key.previousKeyExpiresAt !== undefined) out.previousKeyExpiresAt = key.previousKeyExpiresAt;
  if (key.previousDisplayKey !== undefined) out.previousDisplayKey = key.previousDisplayKey;
  if (key.keyStale) out.keyStale = true;
  if (key.keyLost) out.keyLost = true;
  return out;
}

/** The reach of `inputs` when it is resolved and known (never the preview sentinel). */
export function knownReach(inputs: ResolvedReach): ResolvedReach {
  if (!Array.isArray(inputs.reach) || inputs.reachDetails === undefined || containsUnknown(inputs.reachDetails)) return {};
  return { reach: [...inputs.reach], reachDetails: structuredClone(inputs.reachDetails) };
}

/** The inputs a refresh reports: what LaunchDarkly has now, plus the settings only Pulumi knows. */
export function inputsFromOutputs(out: RelayOutputs): RelayInputs {
  const inputs: RelayInputs = { name: out.name, policy: out.policy };
  if (out.comment !== undefined) inputs.comment = out.comment;
  if (out.rotation !== undefined) inputs.rotation = out.rotation;
  if (out.adoptConfigId !== undefined) inputs.adoptConfigId = out.adoptConfigId;
  return { ...inputs, ...knownReach(out) };
}

/**
 * The outputs after an update that sends nothing: the stored outputs with the settings only Pulumi knows
 * (comment, rotation, adoptConfigId) and the reach taken from the new inputs.
 */
export function withInputs(olds: RelayOutputs, news: RelayInputs): RelayOutputs {
  const out: RelayOutputs = { ...olds };
  for (const key of ["comment", "rotation", "adoptConfigId", "reach", "reachDetails"] as const) delete out[key];
  if (news.comment !== undefined) out.comment = news.comment;
  if (news.rotation !== undefined) out.rotation = news.rotation;
  if (news.adoptConfigId !== undefined) out.adoptConfigId = news.adoptConfigId;
  return { ...out, ...knownReach(news) };
}

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

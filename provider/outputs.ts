// The resource's outputs and the pure mappings around them: live config → outputs, outputs → the inputs a
// refresh reports, and the outputs of an update that sends nothing. No I/O here.
import { containsUnknown } from "./inputs";
import { normalizePolicy } from "./policy";
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

// Canonical inputs: what `check` hands to the engine, so the engine's own input diff reads well in preview
// (statements as objects in a fixed key order, no empty alternatives) and matches what refresh reports.
import { normalizePolicy, UNKNOWN_INPUT } from "./policy";
import { RelayInputs } from "./types";

/** Whether a value holds a preview-time unknown anywhere (then it is left as the engine gave it). */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN_INPUT) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** The canonical form of validated inputs: a new object; optional fields only when set. */
export function normalizeInputs(news: RelayInputs): RelayInputs {
  const out: RelayInputs = { name: news.name, policy: normalizePolicy(news.policy) };
  if (news.comment !== undefined && news.comment !== null) out.comment = news.comment;
  if (typeof news.adoptConfigId === "string") out.adoptConfigId = news.adoptConfigId;
  if (news.rotation !== undefined && news.rotation !== null) {
    out.rotation = { trigger: news.rotation.trigger };
    if (news.rotation.gracePeriod !== undefined && news.rotation.gracePeriod !== null) {
      out.rotation.gracePeriod = news.rotation.gracePeriod;
    }
    if (news.rotation.allowEarlyRotation === true) out.rotation.allowEarlyRotation = true;
  }
  return out;
}

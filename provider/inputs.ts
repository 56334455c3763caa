// A RelayProxyConfiguration's inputs as a whole: validate them as `check` receives them (every failure, named
// by property path), collect their preview warnings, and put valid inputs in canonical form, so the engine's
// own input diff reads well in preview (statements as objects in a fixed key order, no empty alternatives)
// and matches what refresh reports. Pure: no I/O, inputs are never mutated.

import { unknownFields } from "./fields";
import { isPlainObject } from "./json";
import { normalizePolicy, policyWarnings, validatePolicy } from "./policy";
import { parseGracePeriod } from "./rotation";
import { CheckFailure, RelayInputs } from "./types";
import { UNKNOWN_INPUT } from "./wire";
import { badConfigId, blankString, inputsNotObject, missingField, tooLong, wrongType } from "./wording";

/** Longest accepted config name. */
export const MAX_NAME_LENGTH = 256;

/** Top-level input keys. */
export const INPUT_KEYS = ["name", "policy", "comment", "rotation", "adoptConfigId"] as const;

const ROTATION_KEYS = ["trigger", "gracePeriod", "allowEarlyRotation"] as const;

function validateName(name: unknown): CheckFailure[] {
  if (name === undefined || name === null) return [{ property: "name", reason: missingField("name") }];
  if (typeof name !== "string") return [{ property: "name", reason: wrongType("a string", name) }];
  if (name.trim() === "") return [{ property: "name", reason: blankString() }];
  if (name.length > MAX_NAME_LENGTH) return [{ property: "name", reason: tooLong(MAX_NAME_LENGTH, name.length) }];
  return [];
}

function validateRotation(rotation: unknown): CheckFailure[] {
  if (rotation === undefined || rotation === null || rotation === UNKNOWN_INPUT) return [];
  if (!isPlainObject(rotation)) return [{ property: "rotation", reason: wrongType("an object", rotation) }];
  const failures: CheckFailure[] = unknownFields(rotation, ROTATION_KEYS, "rotation");
  const { trigger, gracePeriod, allowEarlyRotation } = rotation;
  if (allowEarlyRotation !== undefined && allowEarlyRotation !== null && allowEarlyRotation !== UNKNOWN_INPUT && typeof allowEarlyRotation !== "boolean") {
    failures.push({ property: "rotation.allowEarlyRotation", reason: wrongType("true or false", allowEarlyRotation) });
  }
  if (trigger === undefined || trigger === null) {
    failures.push({ property: "rotation.trigger", reason: missingField("rotation.trigger") });
  } else if (typeof trigger !== "string") {
    failures.push({ property: "rotation.trigger", reason: wrongType("a string", trigger) });
  } else if (trigger.trim() === "") {
    failures.push({ property: "rotation.trigger", reason: blankString() });
  }
  if (gracePeriod !== undefined && gracePeriod !== null && gracePeriod !== UNKNOWN_INPUT) {
    if (typeof gracePeriod !== "string" && typeof gracePeriod !== "number") {
      const reason = wrongType("a duration string or milliseconds", gracePeriod);
      failures.push({ property: "rotation.gracePeriod", reason });
    } else {
      const parsed = parseGracePeriod(gracePeriod);
      if (!parsed.ok) failures.push({ property: "rotation.gracePeriod", reason: parsed.reason });
    }
  }
  return failures;
}

/**
 * Validate a RelayProxyConfiguration's inputs as `check` receives them and return every failure: `name` (a
 * non-blank string of at most 256 characters), `policy` (see `validatePolicy`), optional `comment` (string)
 * and optional `rotation` (`trigger` non-blank string, optional `gracePeriod` duration of at most 30 days).
 * Unknown top-level fields are refused, except Pulumi's `__provider`. Unknown-at-preview values are skipped.
 */
export function validateInputs(news: unknown): CheckFailure[] {
  if (!isPlainObject(news)) return [{ property: "", reason: inputsNotObject(news) }];
  const failures: CheckFailure[] = unknownFields(news, INPUT_KEYS, "", true);
  if (news.name !== UNKNOWN_INPUT) failures.push(...validateName(news.name));
  failures.push(...validatePolicy(news.policy, "policy"));
  const comment = news.comment;
  if (comment !== undefined && comment !== null && comment !== UNKNOWN_INPUT && typeof comment !== "string") {
    failures.push({ property: "comment", reason: wrongType("a string", comment) });
  }
  failures.push(...validateRotation(news.rotation));
  const adopt = news.adoptConfigId;
  if (adopt !== undefined && adopt !== null && adopt !== UNKNOWN_INPUT && (typeof adopt !== "string" || !/^[0-9a-f]{24}$/.test(adopt))) {
    failures.push({ property: "adoptConfigId", reason: badConfigId(adopt) });
  }
  return failures;
}

/**
 * Preview warnings for a RelayProxyConfiguration's inputs as `check` receives them: one line per warning,
 * `<property>: <reason>`, for `check` to print to stderr as `warning: <line>` (a dynamic provider's `check` can
 * only return failures). Unusual is not wrong: these inputs pass `validateInputs`. Pure; never throws.
 */
export function inputWarnings(news: unknown): string[] {
  if (!isPlainObject(news)) return [];
  return policyWarnings(news.policy).map((w) => `${w.property}: ${w.reason}`);
}

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

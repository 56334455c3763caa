// The relay policy model: parse resource specifiers, validate policies and whole resource inputs (returning
// every failure, for `check`), and normalize statements into the canonical form that is both sent to
// LaunchDarkly and compared with the live config. Pure: no I/O, inputs are never mutated.

import { CheckFailure, ResourceSpecifier, SpecifierSegment, Statement } from "./types";
import { parseDuration } from "./rotation";
import {
  badAction,
  badSpecifier,
  blankString,
  bothFields,
  emptyList,
  inputsNotObject,
  invalidEffect,
  missingField,
  neitherField,
  segmentBadName,
  segmentBadTag,
  segmentBadType,
  segmentEmpty,
  segmentNoSlash,
  segmentWrongType,
  specifierEmpty,
  specifierWhitespace,
  tooLong,
  unknownField,
  wrongType,
  badConfigId,
} from "./messages";

/** Result of `parseResourceSpecifier`. */
export type SpecifierResult = { ok: true; value: ResourceSpecifier } | { ok: false; reason: string };

/** Longest accepted config name. */
export const MAX_NAME_LENGTH = 256;

/**
 * The value Pulumi passes to `check` for an input that is not known yet during preview (an output of another
 * resource). Validation skips such values instead of refusing them.
 */
export const UNKNOWN_INPUT = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Pulumi's own key in a dynamic resource's inputs (the serialized provider); ignored by validation. */
export const PROVIDER_KEY = "__provider";

/** Keys of a statement, in canonical order. */
export const STATEMENT_KEYS = ["effect", "resources", "notResources", "actions", "notActions"] as const;

/** Top-level input keys. */
export const INPUT_KEYS = ["name", "policy", "comment", "rotation", "adoptConfigId"] as const;

const ROTATION_KEYS = ["trigger", "gracePeriod"] as const;

/** Segment types a relay policy must use at each leading position: projects first, then environments. */
const POSITIONAL_TYPES = ["proj", "env"];

const TYPE_PATTERN = /^[a-z][a-z-]*$/;
const NAME_PATTERN = /^[A-Za-z0-9._\-*]+$/;
const ACTION_PATTERN = /^[A-Za-z*]+$/;

function parseSegment(text: string, index: number): SpecifierSegment | string {
  if (text === "") return segmentEmpty(index);
  const semi = text.indexOf(";");
  const head = semi < 0 ? text : text.slice(0, semi);
  const slash = head.indexOf("/");
  if (slash < 0) return segmentNoSlash(text);
  const type = head.slice(0, slash);
  const name = head.slice(slash + 1);
  if (!TYPE_PATTERN.test(type)) return segmentBadType(text);
  if (!NAME_PATTERN.test(name)) return segmentBadName(text);
  const tags = semi < 0 ? [] : text.slice(semi + 1).split(",");
  if (tags.some((tag) => !NAME_PATTERN.test(tag))) return segmentBadTag(text);
  const expected = POSITIONAL_TYPES[index];
  if (expected !== undefined && type !== expected) return segmentWrongType(index, expected, type);
  return { type, name, tags };
}

/**
 * Parse a resource specifier such as `proj/*:env/production`, `proj/my-proj;tag1,tag2:env/*` or
 * `proj/*:env/*;qa_*:flag/*`: `type/name` segments, each optionally followed by `;tag,tag`, joined by `:`.
 * Types are lowercase letters and `-`; names and tags are letters, digits, `.`, `_`, `-` and `*` globs; no
 * whitespace. The first segment must be `proj` and the second, when present, `env`; other types may follow.
 */
export function parseResourceSpecifier(text: string): SpecifierResult {
  if (typeof text !== "string" || text === "") return { ok: false, reason: specifierEmpty() };
  if (/\s/.test(text)) return { ok: false, reason: specifierWhitespace() };
  const segments: SpecifierSegment[] = [];
  const parts = text.split(":");
  for (let i = 0; i < parts.length; i++) {
    const segment = parseSegment(parts[i], i);
    if (typeof segment === "string") return { ok: false, reason: segment };
    segments.push(segment);
  }
  return { ok: true, value: { segments } };
}

/** Write a parsed specifier back as text; the inverse of `parseResourceSpecifier`. */
export function formatResourceSpecifier(spec: ResourceSpecifier): string {
  return spec.segments
    .map((s) => `${s.type}/${s.name}${s.tags.length > 0 ? `;${s.tags.join(",")}` : ""}`)
    .join(":");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Absent for the "exactly one of" rules: undefined, null or an empty array (dropped by normalization). */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function validateStringList(
  value: unknown,
  property: string,
  what: string,
  itemCheck: (item: string) => string | undefined,
): CheckFailure[] {
  if (value === UNKNOWN_INPUT) return [];
  if (!Array.isArray(value)) return [{ property, reason: wrongType("an array of strings", value) }];
  if (value.length === 0) return [{ property, reason: emptyList(what) }];
  const failures: CheckFailure[] = [];
  value.forEach((item, i) => {
    const at = `${property}[${i}]`;
    if (item === UNKNOWN_INPUT) return;
    if (typeof item !== "string") failures.push({ property: at, reason: wrongType("a string", item) });
    else if (item.trim() === "") failures.push({ property: at, reason: blankString() });
    else {
      const reason = itemCheck(item);
      if (reason !== undefined) failures.push({ property: at, reason });
    }
  });
  return failures;
}

function checkSpecifier(item: string): string | undefined {
  const parsed = parseResourceSpecifier(item);
  return parsed.ok ? undefined : badSpecifier(item, parsed.reason);
}

function checkAction(item: string): string | undefined {
  return ACTION_PATTERN.test(item) ? undefined : badAction(item);
}

/** Validate one pair of alternatives (`resources`/`notResources` or `actions`/`notActions`). */
function validateAlternatives(
  statement: Record<string, unknown>,
  at: string,
  keys: readonly [string, string],
  what: string,
  itemCheck: (item: string) => string | undefined,
): CheckFailure[] {
  const [a, b] = keys;
  const setA = !isAbsent(statement[a]);
  const setB = !isAbsent(statement[b]);
  if (setA && setB) return [{ property: at, reason: bothFields(a, b) }];
  if (setA) return validateStringList(statement[a], `${at}.${a}`, what, itemCheck);
  if (setB) return validateStringList(statement[b], `${at}.${b}`, what, itemCheck);
  // Neither has content: point at an empty list if one was given, else say one is missing.
  for (const key of keys) {
    if (Array.isArray(statement[key])) return [{ property: `${at}.${key}`, reason: emptyList(what) }];
  }
  return [{ property: at, reason: neitherField(a, b) }];
}

function validateStatement(statement: unknown, at: string): CheckFailure[] {
  if (statement === UNKNOWN_INPUT) return [];
  if (!isPlainObject(statement)) return [{ property: at, reason: wrongType("a statement object", statement) }];
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(statement)) {
    if (!(STATEMENT_KEYS as readonly string[]).includes(key)) {
      failures.push({ property: `${at}.${key}`, reason: unknownField(key, STATEMENT_KEYS) });
    }
  }
  const effect = statement.effect;
  if (effect === undefined || effect === null) {
    failures.push({ property: `${at}.effect`, reason: missingField("effect") });
  } else if (effect !== "allow" && effect !== "deny" && effect !== UNKNOWN_INPUT) {
    failures.push({ property: `${at}.effect`, reason: invalidEffect(effect) });
  }
  const resourceKeys = ["resources", "notResources"] as const;
  failures.push(...validateAlternatives(statement, at, resourceKeys, "resource specifier", checkSpecifier));
  failures.push(...validateAlternatives(statement, at, ["actions", "notActions"], "action", checkAction));
  return failures;
}

/**
 * Validate a relay policy and return every failure, with property paths such as `policy[2].resources[0]`:
 * an array of at least one statement; each statement an object with `effect` allow|deny, exactly one of
 * `resources`/`notResources`, exactly one of `actions`/`notActions` (non-empty arrays of non-empty strings),
 * no unknown fields, and every resource specifier parsing. Values unknown during preview are skipped.
 */
export function validatePolicy(policy: unknown, property = "policy"): CheckFailure[] {
  if (policy === UNKNOWN_INPUT) return [];
  if (policy === undefined || policy === null) return [{ property, reason: missingField(property) }];
  if (!Array.isArray(policy)) return [{ property, reason: wrongType("an array of statements", policy) }];
  if (policy.length === 0) return [{ property, reason: emptyList("statement") }];
  return policy.flatMap((statement, i) => validateStatement(statement, `${property}[${i}]`));
}

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
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(rotation)) {
    if (!(ROTATION_KEYS as readonly string[]).includes(key)) {
      failures.push({ property: `rotation.${key}`, reason: unknownField(key, ROTATION_KEYS) });
    }
  }
  const { trigger, gracePeriod } = rotation;
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
      const parsed = parseDuration(gracePeriod);
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
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(news)) {
    if (key !== PROVIDER_KEY && !(INPUT_KEYS as readonly string[]).includes(key)) {
      failures.push({ property: key, reason: unknownField(key, INPUT_KEYS) });
    }
  }
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

function copyList(list: string[] | undefined): string[] | undefined {
  return list !== undefined && list !== null && list.length > 0 ? [...list] : undefined;
}

/**
 * The canonical form of a policy, used both for what is sent and for comparing with the live config: each
 * statement rebuilt with keys in a fixed order (effect, resources|notResources, actions|notActions), empty,
 * null or undefined alternatives and unknown keys dropped, list items kept in the user's order. Returns a
 * deep copy; the input is not touched.
 */
export function normalizePolicy(policy: Statement[]): Statement[] {
  return policy.map((statement) => {
    const out: Statement = { effect: statement.effect };
    const resources = copyList(statement.resources);
    const notResources = copyList(statement.notResources);
    const actions = copyList(statement.actions);
    const notActions = copyList(statement.notActions);
    if (resources) out.resources = resources;
    if (notResources) out.notResources = notResources;
    if (actions) out.actions = actions;
    if (notActions) out.notActions = notActions;
    return out;
  });
}

/** Structural equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => jsonEqual(a[k], b[k]));
}

/** Whether two policies are the same once normalized (statement and list order matter). */
export function policiesEqual(a: Statement[], b: Statement[]): boolean {
  return jsonEqual(normalizePolicy(a), normalizePolicy(b));
}

// Relay policies: validate statements (returning every failure, for `check`), collect the warnings of their
// specifiers, and normalize them into the canonical form that is both sent to LaunchDarkly and compared with
// the live config. Pure: no I/O, inputs are never mutated. The specifier grammar itself is in specifier.ts.

import { unknownFields } from "./fields";
import { isPlainObject, jsonEqual } from "./json";
import { parseResourceSpecifier, specifierWarnings } from "./specifier";
import { CheckFailure, Statement } from "./types";
import { UNKNOWN_INPUT } from "./wire";
import {
  badAction,
  badSpecifier,
  blankString,
  bothFields,
  emptyList,
  invalidEffect,
  missingField,
  neitherField,
  unusualSpecifier,
  wrongType,
} from "./wording";

/** Keys of a statement, in canonical order. */
export const STATEMENT_KEYS = ["effect", "resources", "notResources", "actions", "notActions"] as const;

const ACTION_PATTERN = /^[A-Za-z*]+$/;

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
  const failures: CheckFailure[] = unknownFields(statement, STATEMENT_KEYS, at);
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

/**
 * The warnings of a policy, with property paths such as `policy[0].resources[1]`: every specifier in
 * `resources` or `notResources` that parses but is unusual (see `specifierWarnings`), one entry per reason.
 * Anything malformed or unknown at preview is skipped here (validation reports what is malformed).
 */
export function policyWarnings(policy: unknown, property = "policy"): CheckFailure[] {
  if (!Array.isArray(policy)) return [];
  return policy.flatMap((statement, i) => {
    if (!isPlainObject(statement)) return [];
    return (["resources", "notResources"] as const).flatMap((key) => {
      const list = statement[key];
      if (!Array.isArray(list)) return [];
      return list.flatMap((item, j) =>
        typeof item !== "string"
          ? []
          : specifierWarnings(item).map((reason) => ({ property: `${property}[${i}].${key}[${j}]`, reason: unusualSpecifier(item, reason) })),
      );
    });
  });
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


/** Whether two policies are the same once normalized (statement and list order matter). */
export function policiesEqual(a: Statement[], b: Statement[]): boolean {
  return jsonEqual(normalizePolicy(a), normalizePolicy(b));
}

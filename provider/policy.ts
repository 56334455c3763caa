// The relay policy model: parse resource specifiers (LaunchDarkly's documented grammar), validate policies and
// whole resource inputs (returning every failure, for `check`), say which accepted specifiers are unusual
// (warnings for `check` to print at preview), and normalize statements into the canonical form that is both
// sent to LaunchDarkly and compared with the live config. Pure: no I/O, inputs are never mutated.

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
  leadingSlashAccepted,
  missingField,
  namesNoEnvironment,
  neitherField,
  roleAttributeReach,
  segmentBadNameOrPlaceholder,
  segmentBadTagItem,
  segmentBadType,
  segmentEmpty,
  segmentLeadingSlash,
  segmentNeedsEnvironment,
  segmentNoSlash,
  segmentWhitespace,
  segmentWrongType,
  specifierEmpty,
  tooLong,
  undocumentedSelector,
  undocumentedType,
  unknownField,
  unusualSpecifier,
  wrongType,
  badConfigId,
} from "./messages";

/** A parsed segment: `slashed` is set (to true) only when it was written with a leading "/" (`…:/flag/*`). */
export interface ParsedSegment extends SpecifierSegment {
  slashed?: true;
}

/** Result of `parseResourceSpecifier`. */
export type SpecifierResult = { ok: true; value: { segments: ParsedSegment[] } } | { ok: false; reason: string };

/** One item of a segment's tag list, as `tagItem` reads it. */
export type TagItem =
  | { kind: "tag"; glob: string }
  | { kind: "selector"; property: string; value: string }
  | { kind: "view"; view: string };

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

const ROTATION_KEYS = ["trigger", "gracePeriod", "allowEarlyRotation"] as const;

/** Types LaunchDarkly scopes within a project and an environment: they cannot come straight after `proj`. */
const ENVIRONMENT_CHILD_TYPES = ["flag", "segment", "destination", "user"];

/** Every resource type LaunchDarkly documents (top-level, inside a project, inside an environment, of a member). */
export const DOCUMENTED_TYPES = [
  "proj", "member", "role", "integration", "webhook", "code-reference-repository", "acct",
  "env", "metric", "view",
  ...ENVIRONMENT_CHILD_TYPES,
  "token",
] as const;

const TYPE_PATTERN = /^[a-z][a-z-]*$/;
const GLOB_PATTERN = /^[A-Za-z0-9._\-*]+$/;
const ROLE_ATTRIBUTE_PATTERN = /^\$\{roleAttribute\/([A-Za-z0-9._-]+)\}$/;
const SELECTOR_PATTERN = /^\{([A-Za-z][A-Za-z0-9_-]*):([A-Za-z0-9._\-*]+)\}$/;
const VIEW_PREFIX = "view:";
const ACTION_PATTERN = /^[A-Za-z*]+$/;

/** The key of a role-attribute placeholder name (`${roleAttribute/projects}` → `projects`), else undefined. */
export function roleAttributeKey(name: string): string | undefined {
  return ROLE_ATTRIBUTE_PATTERN.exec(name)?.[1];
}

function isNameOrPlaceholder(name: string): boolean {
  return GLOB_PATTERN.test(name) || roleAttributeKey(name) !== undefined;
}

/**
 * Read one item of a segment's tag list: a tag glob (`qa_*`), a property selector (`{critical:true}`) or a view
 * (`view:frontend`, `view:${roleAttribute/views}`); undefined when it is none of these.
 */
export function tagItem(item: string): TagItem | undefined {
  if (GLOB_PATTERN.test(item)) return { kind: "tag", glob: item };
  const selector = SELECTOR_PATTERN.exec(item);
  if (selector) return { kind: "selector", property: selector[1], value: selector[2] };
  const view = item.startsWith(VIEW_PREFIX) ? item.slice(VIEW_PREFIX.length) : undefined;
  return view !== undefined && isNameOrPlaceholder(view) ? { kind: "view", view } : undefined;
}

/** Index of the first of `stops` at or after `from` that is outside `{…}`, or the text's length. */
function nextOutsideBraces(text: string, from: number, stops: string): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (depth === 0 && stops.includes(c)) return i;
  }
  return text.length;
}

/**
 * Whether the `:` at `colon` is the one of a `view:` tag item (`…:flag/*;view:frontend`) rather than a segment
 * boundary: the segment so far has a tag list whose current item is `view`, and what follows up to the next `:`
 * or `,` is no `type/name` (a `/` inside `${…}` does not count).
 */
function isViewColon(text: string, start: number, colon: number): boolean {
  const before = text.slice(start, colon);
  const semi = before.indexOf(";");
  if (semi < 0 || before.slice(Math.max(semi, before.lastIndexOf(",")) + 1) !== "view") return false;
  const value = text.slice(colon + 1, nextOutsideBraces(text, colon + 1, ":,"));
  return !value.replace(/\{[^{}]*\}/g, "").includes("/");
}

/** Split at the `:` that join segments: not inside `{…}` (selectors, role attributes), not a `view:`'s. */
function splitSegments(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let from = 0;
  for (;;) {
    const colon = nextOutsideBraces(text, from, ":");
    if (colon === text.length) return [...parts, text.slice(start)];
    from = colon + 1;
    if (isViewColon(text, start, colon)) continue;
    parts.push(text.slice(start, colon));
    start = from;
  }
}

function parseSegment(raw: string, index: number): ParsedSegment | string {
  if (raw === "") return segmentEmpty(index);
  const slashed = raw.startsWith("/");
  if (slashed && index < 2) return segmentLeadingSlash(index, raw);
  const text = slashed ? raw.slice(1) : raw;
  const semi = nextOutsideBraces(text, 0, ";");
  const head = text.slice(0, semi);
  const slash = head.indexOf("/");
  if (slash < 0) return segmentNoSlash(raw);
  const type = head.slice(0, slash);
  const name = head.slice(slash + 1);
  if (!TYPE_PATTERN.test(type)) return segmentBadType(raw);
  if (!isNameOrPlaceholder(name)) return segmentBadNameOrPlaceholder(raw);
  const tags = semi === text.length ? [] : text.slice(semi + 1).split(",");
  const badTag = tags.find((tag) => tagItem(tag) === undefined);
  if (badTag !== undefined) return segmentBadTagItem(raw, badTag);
  if (index === 0 && type !== "proj") return segmentWrongType(index, "proj", type);
  if (index === 1 && ENVIRONMENT_CHILD_TYPES.includes(type)) return segmentNeedsEnvironment(type);
  return slashed ? { type, name, tags, slashed } : { type, name, tags };
}

/**
 * Parse a resource specifier: the grammar LaunchDarkly documents for custom roles, integrations and Relay Proxy
 * configs, restricted to what can make sense for a relay. Decided from LaunchDarkly's "Using resources" pages
 * (launchdarkly/LaunchDarkly-Docs and launchdarkly.com/docs/home/account/roles/role-resources), "Using role scope",
 * "Onboarding to views", "Example roles and policies" and the REST API spec's examples of `resources`:
 *
 * - `type/name[;item,item]` segments joined by `:`, no whitespace. A type is lowercase letters and `-` (`proj`,
 *   `env`, `flag`, `code-reference-repository`). A name is a glob of letters, digits, `.`, `_`, `-` and `*`, or
 *   a role-attribute placeholder `${roleAttribute/<key>}` (the whole name).
 * - Items after `;` are tag globs (`proj/*;mobile`), property selectors `{property:value}`
 *   (`env/*;{critical:true}`) and views `view:<key or placeholder>` (`flag/*;view:frontend`). The `:` inside
 *   `{…}` and after `view` does not split segments.
 * - The first segment must be `proj`: a relay receives environments, and `member/*`, `role/*`, `acct` and the
 *   other top-level types name nothing a relay gets. The second, when present, is `env` or another child of a
 *   project (`metric`, `view`, or a type LaunchDarkly may add); a type LaunchDarkly scopes within an
 *   environment (`flag`, `segment`, `destination`, `user`) is refused there, since it needs `env` before it.
 *   Any type may follow.
 * - A segment below the environment may start with `/`: LaunchDarkly's spec publishes `proj/*:env/*;qa_*:/flag/*`
 *   as its example of `resources`, so `:/flag/*` is read as `:flag/*` (and kept as written). On the project or
 *   environment segment a leading `/` is refused: what it would mean there is undocumented.
 *
 * What parses may still be unusual (a role attribute, a non-env second segment, an undocumented type or
 * selector, a leading `/`): `specifierWarnings` says so, for `check` to print at preview.
 */
export function parseResourceSpecifier(text: string): SpecifierResult {
  if (typeof text !== "string" || text === "") return { ok: false, reason: specifierEmpty() };
  const segments: ParsedSegment[] = [];
  const parts = splitSegments(text);
  for (let i = 0; i < parts.length; i++) {
    const segment = /\s/.test(parts[i]) ? segmentWhitespace(i, parts[i]) : parseSegment(parts[i], i);
    if (typeof segment === "string") return { ok: false, reason: segment };
    segments.push(segment);
  }
  return { ok: true, value: { segments } };
}

/** Write a parsed specifier back as text; the inverse of `parseResourceSpecifier`. */
export function formatResourceSpecifier(spec: ResourceSpecifier): string {
  return spec.segments
    .map((s) => {
      const slash = (s as ParsedSegment).slashed ? "/" : "";
      return `${slash}${s.type}/${s.name}${s.tags.length > 0 ? `;${s.tags.join(",")}` : ""}`;
    })
    .join(":");
}

/** Why one segment of a parsed specifier is unusual (see `specifierWarnings`). */
function segmentWarnings(segment: ParsedSegment, index: number): string[] {
  const { type, name, tags } = segment;
  const reasons: string[] = [];
  const plain = formatResourceSpecifier({ segments: [{ type, name, tags }] });
  if (segment.slashed) reasons.push(leadingSlashAccepted(`/${plain}`, plain));
  if (index === 1 && type !== "env") reasons.push(namesNoEnvironment(type));
  if (!(DOCUMENTED_TYPES as readonly string[]).includes(type)) reasons.push(undocumentedType(type, DOCUMENTED_TYPES));
  const items = tags.map(tagItem);
  const placeholders = [name, ...items.map((item) => (item?.kind === "view" ? item.view : ""))].map(roleAttributeKey);
  for (const key of placeholders) if (key !== undefined) reasons.push(roleAttributeReach(key));
  items.forEach((item, i) => {
    const documented = item?.kind !== "selector" || (item.property === "critical" && /^(true|false)$/.test(item.value));
    if (!documented) reasons.push(undocumentedSelector(tags[i]));
  });
  return reasons;
}

/**
 * Why a specifier that parses is unusual, one reason each (empty when it is not, or when it does not parse):
 * a leading `/` on a segment, a second segment other than `env` (no environment named), a type or property
 * selector LaunchDarkly does not document, and role-attribute placeholders (a relay config has no member or
 * team to fill them in, so their reach cannot be known).
 */
export function specifierWarnings(text: string): string[] {
  const parsed = parseResourceSpecifier(text);
  return parsed.ok ? parsed.value.segments.flatMap(segmentWarnings) : [];
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

/**
 * Preview warnings for a RelayProxyConfiguration's inputs as `check` receives them: one line per warning,
 * `<property>: <reason>`, for `check` to print to stderr as `warning: <line>` (a dynamic provider's `check` can
 * only return failures). Unusual is not wrong: these inputs pass `validateInputs`. Pure; never throws.
 */
export function inputWarnings(news: unknown): string[] {
  if (!isPlainObject(news)) return [];
  return policyWarnings(news.policy).map((w) => `${w.property}: ${w.reason}`);
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

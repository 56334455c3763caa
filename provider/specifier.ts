// The resource-specifier grammar (LaunchDarkly's documented forms): parse a specifier into segments, write it
// back, read tag items, and say why an accepted specifier is unusual (warnings for `check`). Pure: no I/O.

import { ResourceSpecifier, SpecifierSegment } from "./types";
import {
  leadingSlashAccepted,
  namesNoEnvironment,
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
  undocumentedSelector,
  undocumentedType,
} from "./wording";

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

// Wording of input validation: shape errors, policy statements, the specifier grammar and its warnings,
// durations and rotation arguments, JSON Patch guards. Each function returns one reason for `check`.
//
// Rule for every function here: never interpolate a token, a relay key (fullKey), a rotation trigger or a
// comment. Values that are echoed are shown through `quote`, which JSON-encodes and truncates them.

import { kindOf, quote } from "./quote";

// ---- generic shape errors -------------------------------------------------------------------------------

/** A required property is absent. */
export function missingField(prop: string): string {
  return `${prop} is required`;
}

/** Two mutually exclusive properties are both set. */
export function bothFields(a: string, b: string): string {
  return `set exactly one of ${a} or ${b}, not both`;
}

/** Neither of two alternative properties is set. */
export function neitherField(a: string, b: string): string {
  return `set exactly one of ${a} or ${b}`;
}

/** A property is not one of the known ones. */
export function unknownField(prop: string, allowed: readonly string[]): string {
  return `unknown property ${quote(prop)}; expected one of ${allowed.join(", ")}`;
}

/** A value has the wrong JSON type. */
export function wrongType(expected: string, value: unknown): string {
  return `must be ${expected}, got ${kindOf(value)}`;
}

/** An array that must list at least one item is empty. */
export function emptyList(what: string): string {
  return `must list at least one ${what}`;
}

/** A string that must have content is empty or blank. */
export function blankString(): string {
  return "must not be empty or blank";
}

/** A string is longer than allowed. */
export function tooLong(max: number, actual: number): string {
  return `must be at most ${max} characters long (got ${actual})`;
}

/** The whole inputs object is not an object. */
export function inputsNotObject(value: unknown): string {
  return `resource inputs must be an object, got ${kindOf(value)}`;
}

// ---- policy statements ----------------------------------------------------------------------------------

/** A statement's effect is neither `allow` nor `deny`. */
export function invalidEffect(value: unknown): string {
  return `effect must be "allow" or "deny", got ${quote(value)}`;
}

/** A resource specifier does not follow the grammar. */
export function badSpecifier(spec: string, reason: string): string {
  return `invalid resource specifier ${quote(spec)}: ${reason}`;
}

/** An action specifier has characters outside the allowed set. */
export function badAction(action: string): string {
  return `invalid action ${quote(action)}: use an action name such as "*" or "updateOn" (letters and * only)`;
}

// ---- specifier grammar reasons (used as the `reason` of `badSpecifier`) ----------------------------------

/** Reason: the specifier is the empty string. */
export function specifierEmpty(): string {
  return "it is empty";
}

/** Reason: a `:`-separated segment is empty (e.g. a doubled or trailing `:`). */
export function segmentEmpty(index: number): string {
  return `segment ${index + 1} is empty (check for a doubled or trailing ":")`;
}

/** Reason: a segment lacks the `/` between type and name. */
export function segmentNoSlash(segment: string): string {
  return `segment ${quote(segment)} must look like type/name, e.g. proj/my-project or env/*`;
}

/** Reason: a segment's type is empty or has characters outside [a-z-]. */
export function segmentBadType(segment: string): string {
  return `segment ${quote(segment)} needs a resource type of lowercase letters and "-" before "/", e.g. proj or env`;
}

/** Reason: a segment of a relay policy has the wrong type at its position (proj first, env second). */
export function segmentWrongType(index: number, expected: string, actual: string): string {
  return `segment ${index + 1} must be of type ${expected} (relay policies name proj, then env), got ${quote(actual)}`;
}

// ---- durations and rotation -----------------------------------------------------------------------------

/** A duration is not understood. */
export function badDuration(value: unknown): string {
  return (
    `invalid duration ${quote(value)}: use milliseconds (e.g. 5000) or a number with a unit ` +
    `ms, s, m, h, d or w (e.g. "90m", "24h", "7d", "1.5h")`
  );
}

/** A duration is negative. */
export function negativeDuration(value: unknown): string {
  return `duration ${quote(value)} must not be negative`;
}

/** A duration is not a whole number of milliseconds. */
export function fractionalDuration(value: unknown): string {
  return `duration ${quote(value)} must be a whole number of milliseconds`;
}

/** A duration is outside the allowed range. */
export function durationOutOfRange(value: unknown, min: string, max: string): string {
  return `duration ${quote(value)} must be between ${min} and ${max}`;
}

/** A rotation window period cannot be used. */
export function badRotationPeriod(value: unknown, reason: string): string {
  return `invalid rotation period ${quote(value)}: ${reason}`;
}

/** A rotation grace period or timestamp passed to the rotation maths is unusable (a programming error). */
export function badRotationArgument(name: string, value: unknown): string {
  return `${name} must be a finite, non-negative number of milliseconds, got ${quote(value)}`;
}

// ---- JSON Patch -----------------------------------------------------------------------------------------

/** A patch operation addresses a path that does not exist in the document it is guarded against. */
export function patchPathMissing(op: string, path: string): string {
  return `cannot guard the ${op} operation at ${quote(path)}: the path does not exist in the live configuration`;
}

/** An adoptConfigId that is not a LaunchDarkly id. */
export function badConfigId(value: unknown): string {
  return `expected a LaunchDarkly relay config id (24 hexadecimal characters), got ${quote(value)}`;
}

// ---- specifier grammar: LaunchDarkly's documented forms (reasons, and warnings shown at preview) ----

/** Reason: a type that LaunchDarkly scopes within an environment (flag, segment, …) comes straight after proj. */
export function segmentNeedsEnvironment(type: string): string {
  return `segment 2 must be of type env: LaunchDarkly scopes ${quote(type)} within a project and an environment, so write proj/…:env/…:${type}/…`;
}

/** Reason: the project or environment segment starts with "/" (accepted only below the environment). */
export function segmentLeadingSlash(index: number, segment: string): string {
  return `segment ${index + 1} ${quote(segment)} must not start with "/" (a leading "/" is accepted only below the environment, as in LaunchDarkly's example proj/*:env/*;qa_*:/flag/*)`;
}

/** Reason: a segment's name is neither a glob nor a role-attribute placeholder. */
export function segmentBadNameOrPlaceholder(segment: string): string {
  return `segment ${quote(segment)} needs a name after "/": letters, digits, ".", "_", "-" and "*", or a role attribute such as \${roleAttribute/projects}`;
}

/** Reason: one item of a segment's tag list is not a tag, a property selector or a view. */
export function segmentBadTagItem(segment: string, item: string): string {
  return (
    `segment ${quote(segment)} has an empty or invalid tag ${quote(item)} after ";": use comma-separated tags ` +
    `(letters, digits, ".", "_", "-" and "*"), a property selector such as {critical:true}, or view:<view key>`
  );
}

/** A resource specifier that is accepted but unusual, and why (a preview warning, not a failure). */
export function unusualSpecifier(spec: string, reason: string): string {
  return `resource specifier ${quote(spec)} is accepted, but ${reason}`;
}

/** Warning reason: a segment below the environment starts with "/". */
export function leadingSlashAccepted(segment: string, without: string): string {
  return `segment ${quote(segment)} starts with "/" (as in LaunchDarkly's published example); it is read as ${quote(without)}, the form LaunchDarkly documents`;
}

/** Warning reason: a name is a role-attribute placeholder, which a relay config has no value for. */
export function roleAttributeReach(key: string): string {
  return (
    `it uses the role attribute ${quote(key)}: LaunchDarkly fills role attributes in from the member or team a role ` +
    `is assigned to, and a Relay Proxy config has neither, so what it reaches cannot be known (reach guardrails count it as any name)`
  );
}

/** Warning reason: the segment after proj is not env, so the specifier names no environment. */
export function namesNoEnvironment(type: string): string {
  return `segment 2 is of type ${quote(type)}, not env: it names no environment, so it gives a Relay Proxy nothing`;
}

/** Warning reason: a resource type that LaunchDarkly does not document. */
export function undocumentedType(type: string, documented: readonly string[]): string {
  return `resource type ${quote(type)} is not one LaunchDarkly documents (${documented.join(", ")})`;
}

/** Warning reason: a property selector other than the documented {critical:true} and {critical:false}. */
export function undocumentedSelector(selector: string): string {
  return `property selector ${quote(selector)} is not one LaunchDarkly documents ({critical:true} or {critical:false})`;
}

/** Reason: a segment contains whitespace. */
export function segmentWhitespace(index: number, segment: string): string {
  return `segment ${index + 1} ${quote(segment)} must not contain whitespace`;
}

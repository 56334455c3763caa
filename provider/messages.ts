// All user-facing wording of the provider, built by small named functions: validation reasons (check),
// specifier grammar errors, duration errors and patch errors. Other modules import these instead of writing
// sentences inline, so the wording stays consistent and this one file can be audited for leaked secrets.
//
// Rule for every function here: never interpolate a token, a relay key (fullKey), a rotation trigger or a
// comment. Values that are echoed (effects, specifiers, actions, durations) are shown through `quote`, which
// JSON-encodes and truncates them.

/** Longest echoed value, in characters, before `quote` truncates it. */
const MAX_ECHO = 80;

/**
 * Show a user-supplied value inside a message: JSON-encoded (so whitespace and quotes are visible) and
 * truncated to a readable length. Only for values that cannot be secret.
 */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? "undefined" : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  if (text === undefined) text = String(value);
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO - 1)}…` : text;
}

/** The JSON-ish kind of a value, for "expected X, got Y" messages. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

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

/** Reason: the specifier contains whitespace. */
export function specifierWhitespace(): string {
  return "it must not contain whitespace";
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

/** Reason: a segment's name is empty or has characters outside [A-Za-z0-9._-*]. */
export function segmentBadName(segment: string): string {
  return `segment ${quote(segment)} needs a name of letters, digits, ".", "_", "-" or "*" after "/"`;
}

/** Reason: a tag list is empty or a tag has characters outside [A-Za-z0-9._-*]. */
export function segmentBadTag(segment: string): string {
  return (
    `segment ${quote(segment)} has an empty or invalid tag after ";" ` +
    `(tags are comma-separated letters, digits, ".", "_", "-" or "*")`
  );
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

// ---- Provider settings and resource lifecycle ----

/** An adoptConfigId that is not a LaunchDarkly id. */
export function badConfigId(value: unknown): string {
  return `expected a LaunchDarkly relay config id (24 hexadecimal characters), got ${quote(value)}`;
}

/** The config named by adoptConfigId does not exist. */
export function adoptTargetMissing(id: string): string {
  return `adoptConfigId ${id}: no such relay config in LaunchDarkly`;
}

/** No token in stack config or environment. */
export function missingAccessToken(): string {
  return "no LaunchDarkly access token: set the secret stack config `launchdarkly:accessToken` (pulumi config set --secret launchdarkly:accessToken …) or the environment variable LAUNCHDARKLY_ACCESS_TOKEN";
}

/** An api host that is neither a preset nor an http(s) URL. */
export function badApiHost(value: string, presets: readonly string[]): string {
  return `launchdarkly:apiHost ${quote(value)} is not a URL (https://host[:port]) or one of the presets ${presets.join(", ")}`;
}

/** An api host on plain http that is not this machine: the token would cross the network in clear text. */
export function plainHttpApiHost(value: string): string {
  return `launchdarkly:apiHost ${quote(value)} uses plain http to another machine, which would send the access token in clear text: use https:// (plain http is allowed only for localhost, 127.0.0.1 and ::1)`;
}

/** A request timeout that is not a positive duration. */
export function badRequestTimeout(value: string): string {
  return `launchdarkly:requestTimeout ${quote(value)} is not a positive duration such as "30s" or 30000`;
}

/** The config was deleted outside Pulumi between refresh and update. */
export function configGone(name: string, id: string): string {
  return `relay config ${quote(name)} (${id}) no longer exists in LaunchDarkly: run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to recreate it`;
}

/** The live config kept changing while we tried to patch it. */
export function concurrentChanges(name: string, id: string, attempts: number): string {
  return `relay config ${quote(name)} (${id}) changed in LaunchDarkly while it was being updated (${attempts} attempts); nothing was overwritten — run \`pulumi refresh\` and \`pulumi up\` again`;
}

/** The race guard of an update tripped: the config changed since it was read; it is read again and re-patched. */
export function concurrentChangeRetried(name: string, id: string): string {
  return `relay config ${quote(name)} (${id}) changed in LaunchDarkly while it was being updated (the guarded patch was refused); reading it again and applying only what still differs`;
}

/** DELETE kept answering 409. */
export function deleteConflict(name: string, id: string, attempts: number): string {
  return `relay config ${quote(name)} (${id}) could not be deleted: LaunchDarkly answered 409 conflict ${attempts} times; try again later`;
}

/** The key was reset outside Pulumi: the key in state no longer works. */
export function keyResetOutsidePulumi(name: string, id: string, held?: { displayKey: string; until: number }): string {
  const head = `the key of relay config ${quote(name)} (${id}) was reset outside Pulumi (or by a reset whose answer was lost): the key in the stack no longer matches`;
  if (held === undefined) return `${head}; the next \`pulumi up\` resets it again to obtain a usable key`;
  const until = new Date(held.until).toISOString();
  return (
    `${head}. The key the stack holds (…${held.displayKey}) may still be in a grace period, so it is treated as live until ${until}: ` +
    `the first \`pulumi up\` after then resets the key to obtain a usable one (set rotation.allowEarlyRotation: true to do it now; that key may then stop at once)`
  );
}

/** A failed create could not delete the config it made (it may be left in LaunchDarkly). */
export function createCleanupFailed(name: string, err: unknown): string {
  const why = err instanceof Error ? err.message : String(err);
  return `creating relay config ${quote(name)} failed and the config it made could not be deleted (${why}); delete it in LaunchDarkly (it is not in the stack)`;
}

/** A boolean setting with another value. */
export function badBooleanSetting(key: string, value: string): string {
  return `launchdarkly:${key} ${quote(value)} is not a boolean: use true or false`;
}

/** Reach could not be resolved: the account listing failed; everything else goes on without it. */
export function reachUnavailable(cause: unknown): string {
  const why = cause instanceof Error ? cause.message : String(cause);
  const hint = /HTTP 403/.test(why) ? " (the access token may manage relay configs but not read projects)" : "";
  return `reach is unknown: ${why}${hint}; relay configs are managed as usual without it (set launchdarkly:resolveReach false to skip this read)`;
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

/** A policy whose reach the account alone cannot decide: reach stays unresolved for that config. */
export function reachNotResolvable(name: string, specifiers: string[]): string {
  return `reach of relay config ${quote(name)} is unknown: ${specifiers.map(quote).join(", ")} depend${specifiers.length === 1 ? "s" : ""} on more than the account's projects and environments (a role attribute, a property selector or a view)`;
}

/** A rotation refused because the key before the current one is still in its grace period. */
export function earlyRotationRefused(name: string, id: string, previousDisplayKey: string | undefined, expiresAt: number): string {
  const key = previousDisplayKey === undefined ? "the previous key" : `the previous key …${previousDisplayKey}`;
  return (
    `rotating relay config ${quote(name)} (${id}) now could stop ${key} at once instead of at ${new Date(expiresAt).toISOString()}, ` +
    `when its grace period ends: LaunchDarkly may keep only one previous key, and relays may still hold it. ` +
    `Rotate after ${new Date(expiresAt).toISOString()}, or set rotation.allowEarlyRotation: true if stopping it now is meant`
  );
}

/** A reset was applied but its answer (the new key) was lost; nothing is reset again during the grace period. */
export function resetAnswerLost(name: string, id: string, heldDisplayKey: string | undefined, expiresAt: number): string {
  const held = heldDisplayKey === undefined ? "the key relays hold" : `the key the stack holds (…${heldDisplayKey})`;
  return (
    `the key of relay config ${quote(name)} (${id}) was reset but LaunchDarkly's answer was lost, so the new key is unknown; ` +
    `${held} keeps working until ${new Date(expiresAt).toISOString()}. It is not reset again now (that could stop it early): ` +
    `run \`pulumi up\` after that time to obtain a usable key (marked keyStale)`
  );
}

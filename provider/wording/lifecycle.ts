// Wording of the provider's settings and resource lifecycle: configuration problems, and the errors and
// warnings of create, read, update, delete, rotation and reach.
//
// Rule for every function here: never interpolate a token, a relay key (fullKey), a rotation trigger or a
// comment. Values that are echoed are shown through `quote`, which JSON-encodes and truncates them.

import { kindOf, quote } from "./quote";

// ---- Provider settings and resource lifecycle ----

/** The config named by adoptConfigId does not exist. */
export function adoptTargetMissing(id: string): string {
  return `adoptConfigId ${id}: no such relay config in LaunchDarkly`;
}

/** No token in stack config or environment. */
export function missingAccessToken(): string {
  return "no LaunchDarkly credential: set the secret stack config `launchdarkly:accessToken` (pulumi config set --secret launchdarkly:accessToken …) or the environment variable LAUNCHDARKLY_ACCESS_TOKEN; for an OAuth token, `launchdarkly:oauthToken` or LAUNCHDARKLY_OAUTH_TOKEN";
}

/** Both an access token and an OAuth token are set: which one is meant is not ours to guess. */
export function bothTokens(): string {
  return "both an access token (launchdarkly:accessToken or LAUNCHDARKLY_ACCESS_TOKEN) and an OAuth token (launchdarkly:oauthToken or LAUNCHDARKLY_OAUTH_TOKEN) are set: set only one";
}

/** Both timeout settings are set. */
export function bothTimeouts(): string {
  return "both launchdarkly:requestTimeout and launchdarkly:httpTimeout are set: set only one (httpTimeout is in seconds, as Terraform's http_timeout)";
}

/** An httpTimeout that is not a whole number of seconds in range. */
export function badHttpTimeout(value: string, maxSeconds: number): string {
  return `launchdarkly:httpTimeout ${quote(value)} is not a whole number of seconds from 1 to ${maxSeconds}`;
}

/** A whole-number setting out of range or not a number. */
export function badIntegerSetting(key: string, value: string, min: number, max: number): string {
  return `launchdarkly:${key} ${quote(value)} is not a whole number from ${min} to ${max}`;
}

/** An api host that is neither a preset nor an http(s) URL. */
export function badApiHost(value: string, presets: readonly string[]): string {
  return `launchdarkly:apiHost ${quote(value)} is not a host (app.launchdarkly.com), a URL (https://host[:port][/path]) or one of the presets ${presets.join(", ")}`;
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

/** A data source asked for a config id that does not exist. */
export function configMissing(id: string): string {
  return `relay config ${quote(id)} does not exist in LaunchDarkly`;
}

/** A fleet's `configs` (or the fleet's inputs) is not an object of entries. */
export function fleetConfigsNotObject(value: unknown): string {
  return `expected an object of relay configurations by key, e.g. { "edge-eu": { name, policy } }, got ${kindOf(value)}`;
}

/** A fleet entry key that is not a stable name. */
export function badFleetKey(key: string): string {
  return `entry key ${quote(key)} must be 1 to 100 letters, digits, ".", "_" or "-" (it names the entry in state and messages)`;
}

/** adoptConfigId in a fleet entry. */
export function adoptionNotInFleet(): string {
  return "a RelayProxyConfigurations entry cannot adopt an existing configuration: adopt it with a RelayProxyConfiguration";
}

/** Some entries of a fleet failed: what each failure was, one line each, and what the state now holds. */
export function fleetPartialFailure(operation: string, failed: readonly { key: string; reason: string }[], recorded: number): string {
  const lines = failed.map((f) => `  ${JSON.stringify(f.key)}: ${f.reason}`);
  return `${operation}: ${failed.length} of the fleet's relay configurations failed (state records the ${recorded} that LaunchDarkly holds now; the next pulumi up retries the rest):\n${lines.join("\n")}`;
}

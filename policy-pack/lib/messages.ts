// All user-facing wording of the policy pack: one small function per violation message, each naming the
// statement (`policy[2]`), the offending value and what to change. Echoed values go through the provider's
// `quote` (JSON-encoded, truncated). Never interpolate a relay key, a token, a rotation trigger or a comment.

import { Statement } from "../../provider/types";
import { quote } from "../../provider/messages";

/** An example specifier used in suggestions. */
const EXAMPLE_SPECIFIER = "proj/my-project:env/production";

/** `resources [...]` or `notResources [...]` of a statement, for messages. */
function describeResources(statement: Statement): string {
  return statement.resources !== undefined
    ? `resources ${quote(statement.resources)}`
    : `notResources ${quote(statement.notResources ?? [])}`;
}

/** relay-no-unrestricted-access: statement `index` grants every action everywhere. */
export function unrestrictedAccess(index: number, statement: Statement, name: unknown): string {
  const where =
    statement.resources !== undefined
      ? `in every project and environment (${describeResources(statement)})`
      : `in every project and environment except ${quote(statement.notResources ?? [])}, ` +
        "which excludes no whole environment";
  return (
    `policy[${index}] allows every action ${where}. Name only the projects and environments this relay serves, ` +
    `e.g. ${quote(EXAMPLE_SPECIFIER)}, or add ${quote(name)} to allowedNames of relay-no-unrestricted-access.`
  );
}

/** relay-production-scope: one specifier reaches production in projects chosen by a glob. */
export function productionProjectGlob(
  index: number,
  position: number,
  specifier: string,
  projectGlob: string,
  pattern: string,
  suggestion: string,
): string {
  return (
    `policy[${index}].resources[${position}] ${quote(specifier)} reaches production environments ` +
    `(pattern ${quote(pattern)}) in every project matching ${quote(projectGlob)}. ` +
    `Name each project explicitly, e.g. ${quote(suggestion)}.`
  );
}

/** relay-production-scope: a notResources statement reaches production in every project it does not exclude. */
export function productionExceptList(index: number, notResources: string[], pattern: string): string {
  return (
    `policy[${index}] uses notResources ${quote(notResources)}, so it reaches production environments ` +
    `(pattern ${quote(pattern)}) in every project it does not exclude. List the projects explicitly in resources ` +
    `instead, e.g. ${quote(EXAMPLE_SPECIFIER)}.`
  );
}

/** relay-key-rotation: no `rotation` input. */
export function noRotation(): string {
  return (
    "rotation is not configured, so the relay key is never rotated. Add rotation: " +
    '{ trigger: rotationWindow("30d"), gracePeriod: "1h" } (or any trigger you change to rotate).'
  );
}

/** relay-key-rotation: a production config whose old key dies at once on rotation. */
export function noGracePeriod(index: number, pattern: string, maxGracePeriod: string): string {
  return (
    `rotation.gracePeriod is 0 or unset, but policy[${index}] reaches production environments ` +
    `(pattern ${quote(pattern)}): relays using the old key lose access the moment the key rotates. ` +
    `Set a grace period above 0 and at most ${quote(maxGracePeriod)}, e.g. "1h".`
  );
}

/** relay-key-rotation: a production config whose old key lives longer than allowed after rotation. */
export function gracePeriodTooLong(
  gracePeriod: unknown,
  maxGracePeriod: string,
  index: number,
  pattern: string,
): string {
  return (
    `rotation.gracePeriod ${quote(gracePeriod)} is longer than maxGracePeriod ${quote(maxGracePeriod)}, and ` +
    `policy[${index}] reaches production environments (pattern ${quote(pattern)}): the old key stays valid that ` +
    `long after a rotation. Shorten rotation.gracePeriod to at most ${quote(maxGracePeriod)}.`
  );
}

/** relay-key-rotation: the grace period does not parse (the provider refuses it too). */
export function badGracePeriod(reason: string): string {
  return `rotation.gracePeriod is unusable: ${reason}.`;
}

/** relay-key-rotation: a rotationWindow trigger names a window older than allowed. */
export function keyTooOld(ageDays: number, maxKeyAgeDays: number, windowStart: number): string {
  const since = new Date(windowStart).toISOString().slice(0, 10);
  return (
    `rotation.trigger is a rotationWindow trigger whose window started ${ageDays} days ago (${since}), more than ` +
    `maxKeyAgeDays ${maxKeyAgeDays}: the key is older than allowed. Compute the trigger with rotationWindow(period) ` +
    `on every run instead of a fixed value, with a period of at most ${maxKeyAgeDays} days.`
  );
}

/** Any rule: a configured value cannot be used. */
export function badConfig(policyName: string, property: string, value: unknown, reason: string): string {
  return (
    `policy pack config ${policyName}.${property} ${quote(value)} is unusable: ${reason}. ` +
    "Fix the policy pack config."
  );
}

/** relay-policy-well-formed: one validation failure from the provider's model. */
export function malformedInput(property: string, reason: string): string {
  const where = property === "" ? "inputs" : property;
  return (
    `${where}: ${reason}. The provider refuses this at preview; ` +
    "fix the program or the transformation that changed it."
  );
}

/** relay-name-convention: the LaunchDarkly name does not match the configured pattern. */
export function nameMismatch(name: string, pattern: string, suggestion: string | undefined): string {
  const hint = suggestion !== undefined ? `, e.g. ${quote(suggestion)}` : "";
  return `name ${quote(name)} does not match namePattern ${quote(pattern)}. Rename the configuration${hint}.`;
}

/** relay-deny-only: no statement allows anything. */
export function denyOnly(count: number, name: unknown): string {
  const which = count === 1 ? "policy[0] denies" : `all ${count} statements (policy[0]..policy[${count - 1}]) deny`;
  return (
    `${which}, so a relay using this configuration is granted nothing and serves no flags. Add an allow statement, ` +
    `e.g. { effect: "allow", resources: [${quote(EXAMPLE_SPECIFIER)}], actions: ["*"] }, delete the configuration, ` +
    `or add ${quote(name)} to allowedNames of relay-deny-only.`
  );
}

/** relay-unique-names: another configuration in the stack has the same name. */
export function duplicateName(name: string, resourceName: string, others: string[]): string {
  return (
    `name ${quote(name)} of ${quote(resourceName)} is also used by ${others.map((o) => quote(o)).join(", ")} in this ` +
    `stack: the configurations cannot be told apart in LaunchDarkly, and the provider's recovery after an ambiguous ` +
    `create (list and match) could adopt the wrong one. Give each RelayProxyConfiguration a distinct name.`
  );
}

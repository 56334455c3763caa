// All user-facing wording of the policy pack: one small function per violation message, each naming the
// statement (`policy[2]`), the offending value and what to change. Echoed values go through the provider's
// `quote` (JSON-encoded, truncated). Never interpolate a relay key, a token, a rotation trigger or a comment.
// Reached environments are shown only by their `reach` string (`proj/web:env/production`), never by name or tag.
// A violation of a RelayProxyConfigurations fleet entry starts with the entry's place (`configs["edge"]: `).

import { Statement } from "../../provider/types";
import { quote } from "../../provider/wording";
import { ProductionEnvironment } from "./relay";

/** An example specifier used in suggestions. */
const EXAMPLE_SPECIFIER = "proj/my-project:env/production";

/** How many environments a message lists before "and N more". */
export const MAX_LISTED_ENVIRONMENTS = 10;

/** Items joined by commas, at most `max` of them, then "and N more". */
function bounded(items: readonly string[], max = MAX_LISTED_ENVIRONMENTS): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/** Reached environments (strings from `reach`), quoted, at most MAX_LISTED_ENVIRONMENTS of them. */
function environmentList(ids: readonly string[]): string {
  return bounded(ids.map((id) => quote(id)));
}

/** "the critical environment X" or "the critical environments X, Y". */
function environments(kind: string, ids: readonly string[]): string {
  return `the ${kind} environment${ids.length === 1 ? "" : "s"} ${environmentList(ids)}`;
}

/** A reached production environment and why it counts: `"proj/web:env/production" (key matches "production")`. */
function productionEnvironment(environment: ProductionEnvironment): string {
  const why = [
    ...(environment.pattern !== undefined ? [`key matches ${quote(environment.pattern)}`] : []),
    ...(environment.critical ? ["critical"] : []),
  ];
  return `${quote(environment.id)} (${why.join(", ")})`;
}

/** "the production environment X (why)" or "the production environments X (why), Y (why)". */
function productionEnvironments(reached: readonly ProductionEnvironment[]): string {
  const plural = reached.length === 1 ? "" : "s";
  return `the production environment${plural} ${bounded(reached.map(productionEnvironment))}`;
}

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

/** relay-production-scope, resolved reach: a specifier with a project glob reaches production environments. */
export function reachedProductionProjectGlob(
  index: number,
  position: number,
  specifier: string,
  projectGlob: string,
  reached: readonly ProductionEnvironment[],
  suggestion: string,
): string {
  return (
    `policy[${index}].resources[${position}] ${quote(specifier)} reaches ${productionEnvironments(reached)} ` +
    `through the project glob ${quote(projectGlob)}. Name each project explicitly, e.g. ${quote(suggestion)}.`
  );
}

/** relay-production-scope, resolved reach: a notResources statement reaches production environments. */
export function reachedProductionExceptList(
  index: number,
  notResources: string[],
  reached: readonly ProductionEnvironment[],
): string {
  return (
    `policy[${index}] uses notResources ${quote(notResources)}, so it reaches ${productionEnvironments(reached)} ` +
    `and any production environment added outside the exclusions. List the projects explicitly in resources ` +
    `instead, e.g. ${quote(reached[0].id)}.`
  );
}

/** relay-critical-environments: a configuration reaching critical environments has no rotation. */
export function criticalNoRotation(critical: readonly string[]): string {
  return (
    `the configuration reaches ${environments("critical", critical)}, but rotation is not configured, so the ` +
    'relay key is never rotated. Add rotation: { trigger: rotationWindow("30d"), gracePeriod: "1h" }.'
  );
}

/** relay-critical-environments: the old key outlives a rotation for longer than allowed. */
export function criticalGracePeriodTooLong(
  gracePeriod: unknown,
  maxGracePeriod: string,
  critical: readonly string[],
): string {
  return (
    `rotation.gracePeriod ${quote(gracePeriod)} is longer than maxGracePeriod ${quote(maxGracePeriod)}, and the ` +
    `configuration reaches ${environments("critical", critical)}: the old key stays valid that long after a ` +
    `rotation. Shorten rotation.gracePeriod to at most ${quote(maxGracePeriod)}.`
  );
}

/** relay-critical-environments: the grace period does not parse (the provider refuses it too). */
export function criticalBadGracePeriod(reason: string, critical: readonly string[]): string {
  return (
    `rotation.gracePeriod is unusable: ${reason}; the configuration reaches ${environments("critical", critical)}, ` +
    "whose grace period must be a duration of at most maxGracePeriod."
  );
}

/** relay-critical-environments: one key serves critical and non-critical environments. */
export function criticalMixed(critical: readonly string[], others: readonly string[]): string {
  return (
    `the configuration reaches ${environments("critical", critical)} and also ` +
    `${environments("non-critical", others)}: one relay key serves both, so a relay deployed for the ` +
    "non-critical environments holds the critical ones' SDK keys. Split it into one configuration for the critical " +
    "environments and one for the others, or set allowMixed of relay-critical-environments."
  );
}

/** relay-max-reach: a configuration reaches more environments than allowed. */
export function tooManyEnvironments(reached: readonly string[], maxEnvironments: number): string {
  return (
    `the configuration reaches ${reached.length} environments, more than maxEnvironments ${maxEnvironments}: ` +
    `${environmentList(reached)}. Name only the projects and environments this relay serves, or split it into ` +
    "several configurations."
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

/** Where a fleet entry sits in the fleet's inputs: `configs["edge"]`. */
export function fleetEntry(key: string): string {
  return `configs[${JSON.stringify(key)}]`;
}

/**
 * A violation of one configuration: the message as is for a RelayProxyConfiguration (`at` is ""), prefixed with
 * the entry's place for a fleet entry: `configs["edge"]: policy[0] allows every action ...`.
 */
export function atConfiguration(at: string, message: string): string {
  return at === "" ? message : `${at}: ${message}`;
}

/** A configuration of the stack: the resource's Pulumi name and, for a fleet entry, its place in the fleet. */
export interface ConfigurationPlace {
  resourceName: string;
  at: string;
}

/** `"relay"` for a RelayProxyConfiguration, `"fleet" configs["edge"]` for a fleet entry. */
function place({ resourceName, at }: ConfigurationPlace): string {
  return at === "" ? quote(resourceName) : `${quote(resourceName)} ${at}`;
}

/** relay-unique-names: another configuration in the stack has the same name. */
export function duplicateName(name: string, self: ConfigurationPlace, others: ConfigurationPlace[]): string {
  return (
    `name ${quote(name)} of ${place(self)} is also used by ${others.map(place).join(", ")} in this ` +
    `stack: the configurations cannot be told apart in LaunchDarkly, and the provider's recovery after an ambiguous ` +
    `create (list and match) could adopt the wrong one. Give each RelayProxyConfiguration a distinct name.`
  );
}

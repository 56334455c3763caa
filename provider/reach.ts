// Reach: which environments of the account a relay policy gives a Relay Proxy, by the rule of
// ../shared/spec/relay-policy-reach.md (the provider's own implementation; the emulator has its own, and the
// relay-proxy e2e test checks they agree with ld-relay). An environment is reached when at least one allow
// statement applies to it and no deny statement does. Pure: the policy and the account in, the reach out.

import type { Account, AccountEnvironment, AccountProject } from "./account";
import { parseResourceSpecifier, roleAttributeKey, tagItem } from "./specifier";
import { globMatches } from "./scope";
import type { ReachedEnvironment, ResolvedReach, SpecifierSegment, Statement } from "./types";

/** `proj/<projectKey>:env/<environmentKey>`, how reach names an environment. */
export function environmentName(project: Pick<AccountProject, "key">, environment: Pick<AccountEnvironment, "key">): string {
  return `proj/${project.key}:env/${environment.key}`;
}

/**
 * Whether the account alone decides what a specifier reaches: its project and environment segments use names
 * and tag globs only — no role attribute (a relay config has no member to fill it in) and no property selector
 * or view (the account listing the rule reads does not model them). Segments below the environment do not matter.
 */
export function resolvable(text: string): boolean {
  const parsed = parseResourceSpecifier(text);
  if (!parsed.ok) return true;
  return parsed.value.segments
    .filter((segment) => segment.type === "proj" || segment.type === "env")
    .every((segment) => roleAttributeKey(segment.name) === undefined && segment.tags.every((item) => tagItem(item)?.kind === "tag"));
}

/** The specifiers of a policy whose reach the account cannot decide (see `resolvable`). */
export function unresolvableSpecifiers(policy: readonly Statement[]): string[] {
  return policy.flatMap((statement) => [...(statement.resources ?? []), ...(statement.notResources ?? [])]).filter((text) => !resolvable(text));
}

/** A segment matches a key and its tags: the name glob matches the key, and with tags one tag matches one glob. */
function segmentMatches(segment: SpecifierSegment, key: string, tags: readonly string[]): boolean {
  if (!globMatches(segment.name, key)) return false;
  return segment.tags.length === 0 || tags.some((tag) => segment.tags.some((glob) => globMatches(glob, tag)));
}

/**
 * Whether a specifier names the environment (or something inside it): its `proj` segment matches the project
 * and its `env` segment matches the environment. A project-only specifier names no environment; one that does
 * not parse names nothing.
 */
export function specifierReaches(text: string, project: AccountProject, environment: AccountEnvironment): boolean {
  const parsed = parseResourceSpecifier(text);
  if (!parsed.ok) return false;
  const proj = parsed.value.segments.find((segment) => segment.type === "proj");
  const env = parsed.value.segments.find((segment) => segment.type === "env");
  if (proj === undefined || env === undefined) return false;
  return segmentMatches(proj, project.key, project.tags) && segmentMatches(env, environment.key, environment.tags);
}

/** Whether a statement applies to the environment: its resources name it (notResources: do not), and it is not `notActions: ["*"]`. */
export function statementApplies(statement: Statement, project: AccountProject, environment: AccountEnvironment): boolean {
  if ((statement.notActions ?? []).includes("*")) return false;
  const names = (list: readonly string[] | undefined) => (list ?? []).some((text) => specifierReaches(text, project, environment));
  return (statement.resources ?? []).length > 0 ? names(statement.resources) : !names(statement.notResources);
}

/** The environments `policy` reaches in `account`: sorted names and, for each, what guardrails need. */
export function resolveReach(policy: readonly Statement[], account: Account): Required<ResolvedReach> {
  const details: Record<string, ReachedEnvironment> = {};
  for (const project of account.projects) {
    for (const environment of project.environments) {
      const applies = (effect: Statement["effect"]) =>
        policy.some((statement) => statement.effect === effect && statementApplies(statement, project, environment));
      if (!applies("allow") || applies("deny")) continue;
      details[environmentName(project, environment)] = {
        name: environment.name,
        critical: environment.critical,
        tags: [...environment.tags],
        projectName: project.name,
        projectTags: [...project.tags],
      };
    }
  }
  const reach = Object.keys(details).sort();
  return { reach, reachDetails: Object.fromEntries(reach.map((name) => [name, details[name]])) };
}

// What a relay policy reaches, for guardrails (the policy pack calls these; they reuse policy.ts parsing):
// which projects and environments a statement names, whether it reaches an environment such as `production`
// or `prod*`, whether it grants everything, and whether a policy only denies. Pure.
//
// Model. A specifier names environments when its second segment is `env` (`proj/p:env/e`); a project-only
// specifier (`proj/*`), or one whose second segment is another child of a project (`proj/*:metric/*`), names
// no environment; deeper segments (`...:flag/*`, LaunchDarkly's `...:/flag/*`) name things inside an
// environment and so reach it. Environment tags, property selectors (`{critical:true}`) and views are not
// known here, so they never shrink "reaches" (over-approximation) but do stop a specifier from counting as
// "all" or as covering an exclusion. A role-attribute placeholder (`${roleAttribute/projects}`) has no value
// for a relay config, so its scope shows it as `*` (it may reach any name) and it never covers anything.
// Answers err on the side of reporting reach, which is the safe side for a guardrail.

import { ResourceSpecifier, SpecifierSegment, Statement } from "./types";
import { parseResourceSpecifier, roleAttributeKey } from "./specifier";

/** The project and environment part of one resource specifier. */
export interface EnvironmentScope {
  /** The specifier text it came from. */
  specifier: string;
  project: SpecifierSegment;
  /** Absent for a project-only specifier, which names no environment. */
  environment?: SpecifierSegment;
  /** True when segments below the environment follow (`...:flag/*`): part of the environment is named. */
  partial: boolean;
  /**
   * Set (to true) when the project or environment name is a role-attribute placeholder; that name is shown as
   * `*` in `project`/`environment`, and the scope never counts as covering anything.
   */
  placeholder?: true;
}

/**
 * What a statement's resources reach: `only` the listed scopes (`resources`), or everything `except` them
 * (`notResources`). Specifiers that do not parse are listed in `unparsed` and otherwise ignored.
 */
export interface StatementReach {
  mode: "only" | "except";
  scopes: EnvironmentScope[];
  unparsed: string[];
}

type Token = string | typeof ANY;
const ANY = Symbol("any");

/** Match a glob (`*` = any run of characters) against a token list, where `ANY` stands for a star of another glob. */
function globMatchesTokens(glob: string, tokens: Token[]): boolean {
  // Set of glob positions reachable after consuming a prefix of tokens (NFA simulation).
  const closure = (states: Set<number>) => {
    for (const s of [...states]) for (let i = s; i < glob.length && glob[i] === "*"; i++) states.add(i + 1);
    return states;
  };
  let states = closure(new Set([0]));
  for (const token of tokens) {
    const next = new Set<number>();
    for (const s of states) {
      if (s >= glob.length) continue;
      if (glob[s] === "*") next.add(s);
      else if (token !== ANY && glob[s] === token) next.add(s + 1);
    }
    states = closure(next);
    if (states.size === 0) return false;
  }
  return states.has(glob.length);
}

function tokens(text: string, starsAreAny: boolean): Token[] {
  return [...text].map((c) => (starsAreAny && c === "*" ? ANY : c));
}

/** Whether a glob such as `prod*` matches the literal name `value` (`*` matches any run, even empty). */
export function globMatches(glob: string, value: string): boolean {
  return globMatchesTokens(glob, tokens(value, false));
}

/** Whether every name matched by glob `specific` is also matched by glob `general` (`*` covers `prod*`). */
export function globCovers(general: string, specific: string): boolean {
  return globMatchesTokens(general, tokens(specific, true));
}

/** Whether two globs can match a common name (`prod*` and `*-eu` overlap: `prod-eu`). */
export function globsOverlap(a: string, b: string): boolean {
  // Product automaton over positions (i in a, j in b), searched depth-first.
  const seen = new Set<string>();
  const queue: [number, number][] = [[0, 0]];
  while (queue.length > 0) {
    const [i, j] = queue.pop()!;
    const key = `${i},${j}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (i === a.length && j === b.length) return true;
    if (a[i] === "*") queue.push([i + 1, j]);
    if (b[j] === "*") queue.push([i, j + 1]);
    if (i < a.length && j < b.length) {
      // Consume one common character: a star may stay in place while the other side advances.
      const ai = a[i] === "*" ? i : i + 1;
      const bj = b[j] === "*" ? j : j + 1;
      if (a[i] === "*" || b[j] === "*" || a[i] === b[j]) {
        if (a[i] === "*" && b[j] === "*") continue; // star against star: covered by the epsilon moves
        queue.push([ai, bj]);
      }
    }
  }
  return false;
}

function isWildcardSegment(segment: SpecifierSegment | undefined): boolean {
  return segment !== undefined && /^\*+$/.test(segment.name) && segment.tags.length === 0;
}

/** Whether a specifier names every project: its project segment is `proj/*` with no tags. */
export function matchesAllProjects(spec: ResourceSpecifier): boolean {
  return isWildcardSegment(spec.segments[0]);
}

/**
 * Whether a specifier names every environment of every project: `proj/*:env/*` with no tags, and any deeper
 * segments also untagged `*` (e.g. `proj/*:env/*:flag/*`).
 */
export function matchesAllEnvironments(spec: ResourceSpecifier): boolean {
  return spec.segments[1]?.type === "env" && spec.segments.every(isWildcardSegment);
}

/** A segment with a role-attribute placeholder name read as `*`, and whether it had one. */
function openPlaceholder(segment: SpecifierSegment): [SpecifierSegment, boolean] {
  return roleAttributeKey(segment.name) === undefined ? [segment, false] : [{ ...segment, name: "*" }, true];
}

function toScope(text: string, spec: ResourceSpecifier): EnvironmentScope {
  const [project, projectPlaceholder] = openPlaceholder(spec.segments[0]);
  const second = spec.segments[1];
  if (second?.type !== "env") {
    return { specifier: text, project, environment: undefined, partial: false, ...(projectPlaceholder ? { placeholder: true } : {}) };
  }
  const [environment, environmentPlaceholder] = openPlaceholder(second);
  const placeholder = projectPlaceholder || environmentPlaceholder;
  return { specifier: text, project, environment, partial: spec.segments.length > 2, ...(placeholder ? { placeholder: true } : {}) };
}

/** The projects and environments a statement names, from its `resources` or `notResources`. */
export function reachedEnvironments(statement: Statement): StatementReach {
  const except = (statement.resources ?? []).length === 0 && (statement.notResources ?? []).length > 0;
  const list = (except ? statement.notResources : statement.resources) ?? [];
  const reach: StatementReach = { mode: except ? "except" : "only", scopes: [], unparsed: [] };
  for (const text of list) {
    const parsed = parseResourceSpecifier(text);
    if (parsed.ok) reach.scopes.push(toScope(text, parsed.value));
    else reach.unparsed.push(text);
  }
  return reach;
}

/** Whether a scope may reach environments named by `envPattern` in projects named by `projectPattern`. */
function scopeOverlaps(scope: EnvironmentScope, envPattern: string, projectPattern: string): boolean {
  return (
    scope.environment !== undefined &&
    globsOverlap(scope.project.name, projectPattern) &&
    globsOverlap(scope.environment.name, envPattern)
  );
}

/** Whether a scope certainly names every environment matched by the patterns, entirely. */
function scopeCovers(scope: EnvironmentScope, envPattern: string, projectPattern: string): boolean {
  const { project, environment } = scope;
  return (
    environment !== undefined &&
    !scope.partial &&
    !scope.placeholder &&
    project.tags.length === 0 &&
    environment.tags.length === 0 &&
    globCovers(project.name, projectPattern) &&
    globCovers(environment.name, envPattern)
  );
}

/**
 * Whether a statement's resources reach an environment whose name matches `envPattern` (a name or glob,
 * e.g. `production`, `prod*`) in a project matching `projectPattern` (default every project). Globs match
 * both ways: `env/prod*` reaches `production`, and `env/production` reaches `prod*`. With `notResources`,
 * the statement reaches the pattern unless one exclusion certainly covers all of it. The effect and
 * actions are not considered; see `policyReachesEnvironment`.
 */
export function statementReachesEnvironment(statement: Statement, envPattern: string, projectPattern = "*"): boolean {
  const reach = reachedEnvironments(statement);
  if (reach.mode === "only") return reach.scopes.some((s) => scopeOverlaps(s, envPattern, projectPattern));
  return !reach.scopes.some((s) => scopeCovers(s, envPattern, projectPattern));
}

function allowsAnyAction(statement: Statement): boolean {
  if ((statement.actions ?? []).length > 0) return true;
  return !(statement.notActions ?? []).some((a) => /^\*+$/.test(a));
}

function coversAllActions(statement: Statement): boolean {
  if ((statement.actions ?? []).length > 0) return statement.actions!.some((a) => /^\*+$/.test(a));
  return (statement.notActions ?? []).length === 0;
}

/**
 * Whether a statement grants everything: it allows, every action (`actions` holds `*`, or no `notActions`),
 * and every environment — `resources` holds an untagged `proj/*:env/*`, or `notResources` excludes no
 * whole environment (only project-only or below-environment specifiers).
 */
export function grantsEverything(statement: Statement): boolean {
  if (statement.effect !== "allow" || !coversAllActions(statement)) return false;
  const reach = reachedEnvironments(statement);
  if (reach.mode === "only") {
    return (statement.resources ?? []).some((text) => {
      const parsed = parseResourceSpecifier(text);
      return parsed.ok && matchesAllEnvironments(parsed.value);
    });
  }
  return reach.scopes.every((s) => s.environment === undefined || s.partial);
}

/** Indexes of the statements that grant everything (see `grantsEverything`). */
export function unrestrictedStatements(policy: readonly Statement[]): number[] {
  return policy.flatMap((statement, i) => (grantsEverything(statement) ? [i] : []));
}

/** Whether a policy allows nothing: no statement has effect `allow` (true for an empty policy). */
export function hasOnlyDenyStatements(policy: readonly Statement[]): boolean {
  return !policy.some((statement) => statement.effect === "allow");
}

/**
 * Indexes of the `allow` statements that reach environments matching the patterns (see
 * `statementReachesEnvironment`), whether or not a deny statement later removes them.
 */
export function statementsReachingEnvironment(
  policy: readonly Statement[],
  envPattern: string,
  projectPattern = "*",
): number[] {
  const reaches = (statement: Statement) =>
    statement.effect === "allow" &&
    allowsAnyAction(statement) &&
    statementReachesEnvironment(statement, envPattern, projectPattern);
  return policy.flatMap((statement, i) => (reaches(statement) ? [i] : []));
}

/** Whether a deny statement certainly removes every environment matched by the patterns, for every action. */
function deniesEntirely(statement: Statement, envPattern: string, projectPattern: string): boolean {
  if (statement.effect !== "deny" || !coversAllActions(statement)) return false;
  const reach = reachedEnvironments(statement);
  return reach.mode === "only" && reach.scopes.some((s) => scopeCovers(s, envPattern, projectPattern));
}

/**
 * Whether the policy as a whole gives access to environments matching the patterns: some `allow`
 * statement reaches them and no `deny` statement (deny wins in LaunchDarkly) certainly removes all of them.
 */
export function policyReachesEnvironment(
  policy: readonly Statement[],
  envPattern: string,
  projectPattern = "*",
): boolean {
  if (policy.some((s) => deniesEntirely(s, envPattern, projectPattern))) return false;
  return statementsReachingEnvironment(policy, envPattern, projectPattern).length > 0;
}

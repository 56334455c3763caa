// What the rules share: the resources' type tokens (a RelayProxyConfiguration and the RelayProxyConfigurations
// fleet; lib/configurations.ts splits a fleet into its configurations), reading inputs as plain JSON, choosing
// the statements the provider's model can analyze, finding the statements that reach production environments,
// and reading the reach `check` resolved from the live account (`reach`, `reachDetails`). Every question about
// specifiers is answered by the provider's pure model (provider/policy.ts, provider/scope.ts); nothing here
// parses a specifier.

import { UnknownValueError } from "@pulumi/policy";
import { ReachedEnvironment, ResolvedReach, Statement } from "../../provider/types";
import { normalizePolicy, validatePolicy } from "../../provider/policy";
import { parseResourceSpecifier } from "../../provider/specifier";
import { globMatches, policyReachesEnvironment, statementsReachingEnvironment } from "../../provider/scope";
import { RELAY_PROXY_CONFIGURATION_TYPE, RELAY_PROXY_CONFIGURATIONS_TYPE } from "../../provider/wire";

/**
 * The type token of a RelayProxyConfiguration (`pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration`), as
 * the provider's resource declares it: a `dynamic.Resource` with module `launchdarkly`.
 */
export const RELAY_TYPE: string = RELAY_PROXY_CONFIGURATION_TYPE;

/**
 * The type token of a RelayProxyConfigurations fleet (`pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfigurations`):
 * many configurations in one resource, its `configs` input mapping a stable key to one configuration's inputs.
 */
export const RELAY_FLEET_TYPE: string = RELAY_PROXY_CONFIGURATIONS_TYPE;

/** The production environment patterns the rules use unless configured otherwise. */
export const DEFAULT_PRODUCTION_PATTERNS: readonly string[] = ["production", "prod*"];

/** The `productionPatterns` config property, shared by every rule that asks what counts as production. */
export const PRODUCTION_PATTERNS_PROPERTY = {
  type: "array" as const,
  items: { type: "string" as const },
  description: "Environment names or globs (`*` matches any run of characters) that count as production.",
  default: [...DEFAULT_PRODUCTION_PATTERNS],
};

/** The part of a policy's `args` that the rules read (a `ResourceValidationArgs` or a stack `PolicyResource`). */
export interface RelayLike {
  type: string;
  props: Record<string, unknown>;
}

/** A statement the model can analyze, with its position in the resource's `policy` list. */
export interface IndexedStatement {
  /** Position in the resource's `policy` input, for messages (`policy[2]`). */
  index: number;
  /** The statement in the provider's canonical form (see `normalizePolicy`). */
  statement: Statement;
}

/** What `analyzableStatements` found. */
export interface AnalyzablePolicy {
  /** The statements that pass the provider's validation, normalized, in input order. */
  statements: IndexedStatement[];
  /** True when `policy` is a non-empty list and every statement in it is analyzable. */
  complete: boolean;
}

/** A statement that gives access to environments matching production patterns. */
export interface ProductionReach {
  /** Position in the resource's `policy` input. */
  index: number;
  /** The configured patterns it reaches, in configured order (at least one). */
  patterns: string[];
}

/** Whether `args` describes a RelayProxyConfiguration or a RelayProxyConfigurations fleet. */
export function isRelay(args: RelayLike): boolean {
  return args.type === RELAY_TYPE || args.type === RELAY_FLEET_TYPE;
}

/**
 * A deep plain copy of one input value. Reading goes through the policy SDK's proxy, so a value that is unknown
 * during preview raises the SDK's UnknownValueError, which the SDK reports as "can't run policy during preview"
 * instead of a false verdict. Only the inputs a rule reads are copied, so an unknown `comment` does not stop a
 * rule that looks at `policy`.
 */
export function plain<T = unknown>(value: unknown): T | undefined {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * The statements of `policy` that the provider's validation accepts, normalized, with their original indexes.
 * Malformed statements are skipped here and reported by `relay-policy-well-formed`, so one bad statement
 * neither crashes nor silences the other rules.
 */
export function analyzableStatements(policy: unknown): AnalyzablePolicy {
  if (!Array.isArray(policy)) return { statements: [], complete: false };
  const statements: IndexedStatement[] = [];
  policy.forEach((statement: unknown, index) => {
    if (validatePolicy([statement]).length === 0) {
      statements.push({ index, statement: normalizePolicy([statement as Statement])[0] });
    }
  });
  return { statements, complete: policy.length > 0 && statements.length === policy.length };
}

/**
 * The allow statements that reach environments matching any of `patterns`, each with the patterns it reaches.
 * A pattern is skipped when the policy as a whole does not reach it (a deny statement removes it entirely),
 * following `policyReachesEnvironment`. Sorted by statement index.
 */
export function productionStatements(statements: IndexedStatement[], patterns: readonly string[]): ProductionReach[] {
  const policy = statements.map((s) => s.statement);
  const found = new Map<number, ProductionReach>();
  for (const pattern of patterns) {
    if (!policyReachesEnvironment(policy, pattern)) continue;
    for (const k of statementsReachingEnvironment(policy, pattern)) {
      const index = statements[k].index;
      const entry = found.get(index) ?? { index, patterns: [] };
      entry.patterns.push(pattern);
      found.set(index, entry);
    }
  }
  return [...found.values()].sort((a, b) => a.index - b.index);
}

/** The inputs the provider's `check` computes (the resolved reach); never written by users. */
export const RESOLVED_REACH_KEYS: readonly (keyof ResolvedReach)[] = ["reach", "reachDetails"];

/** One environment of a resolved reach. */
export interface ReachedEnvironmentEntry {
  /** `proj/<projectKey>:env/<environmentKey>`, as listed in `reach`: the only form messages show. */
  id: string;
  /** The project's key. */
  projectKey: string;
  /** The environment's key. */
  environmentKey: string;
  /** What `reachDetails` says of it. */
  details: ReachedEnvironment;
}

/**
 * The reach of a configuration as the rules see it: `resolved` (the environments, in `reach` order),
 * `absent` (not resolved: setting off, account unreadable, or values that are not a consistent pair), or
 * `unknown` (not known yet during preview).
 */
export type RelayReach =
  | { status: "resolved"; environments: ReachedEnvironmentEntry[] }
  | { status: "absent" }
  | { status: "unknown" };

/** A JSON object (not null, not a list), e.g. a configuration's inputs. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `proj/<projectKey>:env/<environmentKey>` split by the provider's parser; undefined for anything else. */
function environmentKeys(id: string): { projectKey: string; environmentKey: string } | undefined {
  const parsed = parseResourceSpecifier(id);
  if (!parsed.ok) return undefined;
  const segments = parsed.value.segments;
  if (segments.length !== 2 || segments.some((s) => s.tags.length > 0 || s.name.includes("*"))) return undefined;
  const [project, environment] = segments;
  if (project.type !== "proj" || environment.type !== "env") return undefined;
  return { projectKey: project.name, environmentKey: environment.name };
}

/**
 * Reads the resolved reach (`reach` and `reachDetails`) of a configuration's inputs. Unknown values (preview)
 * give `unknown` instead of raising, so each rule decides what an unknown reach means. Both inputs must be
 * present and agree (every listed environment has details with a boolean `critical`); otherwise the reach is
 * `absent` and rules behave as if it had not been resolved.
 */
export function resolvedReach(props: Record<string, unknown>): RelayReach {
  let reach: unknown;
  let details: unknown;
  try {
    reach = plain(props.reach);
    details = plain(props.reachDetails);
  } catch (err) {
    if (err instanceof UnknownValueError) return { status: "unknown" };
    throw err;
  }
  if (!Array.isArray(reach) || !isRecord(details)) return { status: "absent" };
  const environments: ReachedEnvironmentEntry[] = [];
  for (const id of reach) {
    const entry = typeof id === "string" ? details[id] : undefined;
    const keys = typeof id === "string" ? environmentKeys(id) : undefined;
    if (keys === undefined || !isRecord(entry) || typeof entry.critical !== "boolean") return { status: "absent" };
    environments.push({ id, ...keys, details: entry as unknown as ReachedEnvironment });
  }
  return { status: "resolved", environments };
}

/** A reached environment that counts as production, and why. */
export interface ProductionEnvironment extends ReachedEnvironmentEntry {
  /** The first configured pattern its key matches, if any. */
  pattern?: string;
  /** Whether LaunchDarkly marks it critical (and critical environments count as production). */
  critical: boolean;
}

/**
 * The reached environments that count as production: the key matches one of `patterns` (the provider's glob
 * matching), or, with `includeCritical`, LaunchDarkly marks the environment critical. In reach order.
 */
export function productionEnvironments(
  environments: readonly ReachedEnvironmentEntry[],
  patterns: readonly string[],
  includeCritical: boolean,
): ProductionEnvironment[] {
  return environments.flatMap((environment) => {
    const pattern = patterns.find((p) => globMatches(p, environment.environmentKey));
    const critical = includeCritical && environment.details.critical;
    return pattern !== undefined || critical ? [{ ...environment, pattern, critical }] : [];
  });
}

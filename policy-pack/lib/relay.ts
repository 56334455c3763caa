// What the rules share: the resource's type token, reading its inputs as plain JSON, choosing the statements the
// provider's model can analyze, and finding the statements that reach production environments. Every question
// about specifiers is answered by the provider's pure model (provider/policy.ts, provider/scope.ts); nothing
// here parses a specifier.

import { Statement } from "../../provider/types";
import { normalizePolicy, validatePolicy } from "../../provider/policy";
import { policyReachesEnvironment, statementsReachingEnvironment } from "../../provider/scope";
import { RELAY_PROXY_CONFIGURATION_TYPE } from "../../provider/resource";

/**
 * The type token of a RelayProxyConfiguration (`pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration`), as
 * the provider's resource declares it: a `dynamic.Resource` with module `launchdarkly`.
 */
export const RELAY_TYPE: string = RELAY_PROXY_CONFIGURATION_TYPE;

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

/** Whether `args` describes a RelayProxyConfiguration. */
export function isRelay(args: RelayLike): boolean {
  return args.type === RELAY_TYPE;
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

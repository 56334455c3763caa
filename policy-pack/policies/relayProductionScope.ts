// relay-production-scope: statements that reach production environments must name their projects explicitly,
// not through a glob such as `proj/*`, so that adding a project never silently extends production access.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { formatResourceSpecifier, parseResourceSpecifier } from "../../provider/policy";
import { reachedEnvironments, statementReachesEnvironment } from "../../provider/scope";
import { Statement } from "../../provider/types";
import { analyzableStatements, isRelay, plain, PRODUCTION_PATTERNS_PROPERTY, productionStatements } from "../lib/relay";
import { productionExceptList, productionProjectGlob } from "../lib/messages";

/** Configuration of relay-production-scope. */
export interface RelayProductionScopeConfig {
  /** Environment names or globs that count as production, e.g. `production`, `prod*`. */
  productionPatterns: string[];
}

/** The specifier with its project segment replaced by an explicit example name, for the message. */
function suggestion(specifier: string): string {
  const parsed = parseResourceSpecifier(specifier);
  if (!parsed.ok) return "proj/my-project:env/production";
  const [project, ...rest] = parsed.value.segments;
  return formatResourceSpecifier({ segments: [{ ...project, name: "my-project", tags: [] }, ...rest] });
}

/**
 * The messages for one allow statement that reaches production through `patterns`: with notResources, the
 * statement itself; with resources, each specifier whose project is a glob and that reaches one of the patterns.
 */
function violations(index: number, statement: Statement, patterns: string[]): string[] {
  const reach = reachedEnvironments(statement);
  if (reach.mode === "except") return [productionExceptList(index, statement.notResources ?? [], patterns[0])];
  return reach.scopes.flatMap((scope, position) => {
    if (!scope.project.name.includes("*")) return [];
    const single: Statement = { ...statement, resources: [scope.specifier] };
    const pattern = patterns.find((p) => statementReachesEnvironment(single, p));
    if (pattern === undefined) return [];
    const example = suggestion(scope.specifier);
    return [productionProjectGlob(index, position, scope.specifier, scope.project.name, pattern, example)];
  });
}

/** Requires production access to name its projects explicitly. */
export const relayProductionScope: ResourceValidationPolicy = {
  name: "relay-production-scope",
  description:
    "A Relay Proxy configuration statement that reaches production environments must name its projects " +
    "explicitly instead of selecting them with a glob such as proj/*.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    'Split the statement so that production environments are reached only through specifiers with explicit ' +
    'project names, e.g. "proj/web:env/production" and "proj/mobile:env/production", and keep globs such as ' +
    '"proj/*:env/test" for non-production environments.',
  configSchema: {
    properties: {
      productionPatterns: PRODUCTION_PATTERNS_PROPERTY,
    },
  },
  validateResource: (args, reportViolation) => {
    if (!isRelay(args)) return;
    const { productionPatterns } = args.getConfig<Required<RelayProductionScopeConfig>>();
    const { statements } = analyzableStatements(plain(args.props.policy));
    const byIndex = new Map(statements.map((s) => [s.index, s.statement]));
    for (const { index, patterns } of productionStatements(statements, productionPatterns)) {
      violations(index, byIndex.get(index)!, patterns).forEach((message) => reportViolation(message));
    }
  },
};

// relay-production-scope: statements that reach production environments must name their projects explicitly,
// not through a glob such as `proj/*`, so that adding a project never silently extends production access.
// With a resolved reach (`reach`, `reachDetails` from the provider's `check`), the rule judges the production
// environments the configuration really reaches in the account; without it, the static analysis of the policy.

import { ResourceValidationPolicy } from "@pulumi/policy";
import { formatResourceSpecifier, parseResourceSpecifier } from "../../provider/specifier";
import { reachedEnvironments, statementReachesEnvironment, statementsReachingEnvironment } from "../../provider/scope";
import { Statement } from "../../provider/types";
import { judgeConfigurations } from "../lib/configurations";
import {
  analyzableStatements,
  IndexedStatement,
  plain,
  PRODUCTION_PATTERNS_PROPERTY,
  ProductionEnvironment,
  productionEnvironments,
  productionStatements,
  resolvedReach,
} from "../lib/relay";
import {
  productionExceptList,
  productionProjectGlob,
  reachedProductionExceptList,
  reachedProductionProjectGlob,
} from "../lib/messages";

/** Configuration of relay-production-scope. */
export interface RelayProductionScopeConfig {
  /** Environment names or globs that count as production, e.g. `production`, `prod*`. */
  productionPatterns: string[];
  /** With a resolved reach, also count environments LaunchDarkly marks critical as production. */
  criticalIsProduction: boolean;
}

/** The specifier with its project segment replaced by an explicit project name, for the message. */
function suggestion(specifier: string, project = "my-project"): string {
  const parsed = parseResourceSpecifier(specifier);
  if (!parsed.ok) return `proj/${project}:env/production`;
  const [first, ...rest] = parsed.value.segments;
  return formatResourceSpecifier({ segments: [{ ...first, name: project, tags: [] }, ...rest] });
}

/**
 * Static analysis: the messages for one allow statement that reaches production through `patterns`: with
 * notResources, the statement itself; with resources, each specifier whose project is a glob and that reaches
 * one of the patterns.
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

/** Resolved reach: one statement (position -1, notResources) or specifier with a project glob, and what it reaches. */
interface Finding {
  index: number;
  position: number;
  statement: Statement;
  specifier: string;
  projectGlob: string;
  environments: ProductionEnvironment[];
}

/**
 * Resolved reach: the messages for the reached production environments, grouped by the allow statement (with
 * notResources) or the specifier with a project glob (with resources) that can reach each one, in policy order.
 * An environment reached only through explicit project names gives no message.
 */
function reachedViolations(statements: IndexedStatement[], production: ProductionEnvironment[]): string[] {
  const policy = statements.map((s) => s.statement);
  const found = new Map<string, Finding>();
  const add = (finding: Omit<Finding, "environments">, environment: ProductionEnvironment) => {
    const key = `${finding.index}:${finding.position}`;
    const entry = found.get(key) ?? { ...finding, environments: [] };
    entry.environments.push(environment);
    found.set(key, entry);
  };
  for (const environment of production) {
    const { environmentKey, projectKey } = environment;
    for (const k of statementsReachingEnvironment(policy, environmentKey, projectKey)) {
      const { index, statement } = statements[k];
      const reach = reachedEnvironments(statement);
      if (reach.mode === "except") {
        add({ index, position: -1, statement, specifier: "", projectGlob: "" }, environment);
        continue;
      }
      reach.scopes.forEach((scope, position) => {
        if (!scope.project.name.includes("*")) return;
        const single: Statement = { ...statement, resources: [scope.specifier] };
        if (!statementReachesEnvironment(single, environmentKey, projectKey)) return;
        add({ index, position, statement, specifier: scope.specifier, projectGlob: scope.project.name }, environment);
      });
    }
  }
  return [...found.values()]
    .sort((a, b) => a.index - b.index || a.position - b.position)
    .map((f) =>
      f.position < 0
        ? reachedProductionExceptList(f.index, f.statement.notResources ?? [], f.environments)
        : reachedProductionProjectGlob(
            f.index,
            f.position,
            f.specifier,
            f.projectGlob,
            f.environments,
            suggestion(f.specifier, f.environments[0].projectKey),
          ),
    );
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
      criticalIsProduction: {
        type: "boolean",
        description:
          "When the provider resolved the configuration's reach, also count environments that LaunchDarkly marks " +
          "critical as production, whatever their key.",
        default: true,
      },
    },
  },
  validateResource: (args, reportViolation) =>
    judgeConfigurations(args, reportViolation, (relay, report) => {
      const { productionPatterns, criticalIsProduction } = args.getConfig<Required<RelayProductionScopeConfig>>();
      const { statements } = analyzableStatements(plain(relay.props.policy));
      const reach = resolvedReach(relay.props);
      if (reach.status === "resolved") {
        const production = productionEnvironments(reach.environments, productionPatterns, criticalIsProduction);
        reachedViolations(statements, production).forEach((message) => report(message));
        return;
      }
      // Reach absent or not known yet: the static analysis, which over-approximates.
      const byIndex = new Map(statements.map((s) => [s.index, s.statement]));
      for (const { index, patterns } of productionStatements(statements, productionPatterns)) {
        violations(index, byIndex.get(index)!, patterns).forEach((message) => report(message));
      }
    }),
};

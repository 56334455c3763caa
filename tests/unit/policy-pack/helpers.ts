// Test helpers for the policy pack: a passing baseline() RelayProxyConfiguration, a resolved reach as the
// provider's `check` adds it (reachOf), fake validation args that behave like the policy SDK's (props behind its
// unknown-checking proxy, config = schema defaults + overrides, as the engine reconciles it), a violation
// collector, assertHasViolation / assertNoViolations, and running a rule on a RelayProxyConfigurations fleet
// (runFleetPolicy, assertJudgedPerEntry).

import {
  Policy,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
  unknownCheckingProxy,
} from "@pulumi/policy";
import { RELAY_FLEET_TYPE, RELAY_TYPE } from "../../../policy-pack/lib/relay";
import { ReachedEnvironment, RelayInputs, ResolvedReach } from "../../../provider/types";

/** The unknown-string sentinel the engine sends for a value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A RelayProxyConfiguration that passes every rule with default config. */
export function baseline(): RelayInputs {
  return {
    name: "checkout-production",
    policy: [
      { effect: "allow", resources: ["proj/checkout:env/production", "proj/*:env/test"], actions: ["*"] },
      { effect: "deny", resources: ["proj/checkout:env/production:flag/internal-*"], actions: ["*"] },
    ],
    comment: "managed by pulumi",
    rotation: { trigger: "2025-q1", gracePeriod: "1h" },
  };
}

/** A baseline with some top-level inputs replaced (one field per test). */
export function withInputs(change: Partial<Record<keyof RelayInputs, unknown>>): Record<string, unknown> {
  return { ...baseline(), ...change };
}

/**
 * A resolved reach (`reach` and `reachDetails`, as `check` adds them) from `proj/<p>:env/<e>` strings mapped to
 * whether LaunchDarkly marks the environment critical. Names and tags are filled in plausibly.
 */
export function reachOf(environments: Record<string, boolean>): Required<ResolvedReach> {
  const reach = Object.keys(environments).sort();
  const details = (id: string): ReachedEnvironment => {
    const [, project, environment] = /^proj\/([^:]+):env\/(.+)$/.exec(id) ?? ["", id, id];
    return {
      name: environment.charAt(0).toUpperCase() + environment.slice(1),
      critical: environments[id],
      tags: environments[id] ? ["critical"] : [],
      projectName: project.charAt(0).toUpperCase() + project.slice(1),
      projectTags: [],
    };
  };
  return { reach, reachDetails: Object.fromEntries(reach.map((id) => [id, details(id)])) };
}

/** The config the engine hands a policy: every schema default, then the overrides. */
export function configFor(policy: Policy, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (typeof schema === "object" && "default" in schema) defaults[key] = schema.default;
  }
  return { ...defaults, ...overrides };
}

/** Options for running a rule. */
export interface RunOptions {
  /** Policy config overrides (on top of the schema defaults). */
  config?: Record<string, unknown>;
  /** Resource type token (default: RelayProxyConfiguration). */
  type?: string;
  /** Resource name (default `relay`). */
  name?: string;
}

function resourceOptions(): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
}

function notApplicable(reason?: string): never {
  throw new Error(`notApplicable: ${reason}`);
}

/** Fake ResourceValidationArgs for `props`. */
export function resourceArgs(
  policy: Policy,
  props: Record<string, unknown>,
  opts: RunOptions = {},
): ResourceValidationArgs {
  const type = opts.type ?? RELAY_TYPE;
  const name = opts.name ?? "relay";
  const config = configFor(policy, opts.config);
  return {
    type,
    props: unknownCheckingProxy(JSON.parse(JSON.stringify(props))),
    urn: `urn:pulumi:test::project::${type}::${name}`,
    name,
    opts: resourceOptions(),
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
}

/** A violation reported by a rule. */
export interface Violation {
  message: string;
  urn?: string;
}

function collector(): { violations: Violation[]; report: ReportViolation } {
  const violations: Violation[] = [];
  return { violations, report: (message: string, urn?: string) => void violations.push({ message, urn }) };
}

/** Runs a resource rule on `props` and returns what it reported. */
export function runResourcePolicy(
  policy: ResourceValidationPolicy,
  props: Record<string, unknown>,
  opts: RunOptions = {},
): Violation[] {
  const { violations, report } = collector();
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource!];
  for (const validate of validations) void validate(resourceArgs(policy, props, opts), report);
  return violations;
}

/** A resource of a stack, as a stack policy sees it. */
export interface StackEntry {
  name: string;
  props: Record<string, unknown>;
  type?: string;
}

/** Runs a stack rule over `resources` and returns what it reported. */
export function runStackPolicy(
  policy: StackValidationPolicy,
  resources: StackEntry[],
  config: Record<string, unknown> = {},
): Violation[] {
  const { violations, report } = collector();
  const merged = configFor(policy, config);
  const policyResources: PolicyResource[] = resources.map(({ name, props, type = RELAY_TYPE }) => ({
    type,
    name,
    urn: `urn:pulumi:test::project::${type}::${name}`,
    props: unknownCheckingProxy(JSON.parse(JSON.stringify(props))),
    opts: resourceOptions(),
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  const args: StackValidationArgs = {
    resources: policyResources,
    stackTags: new Map(),
    getConfig: <T extends object>() => merged as T,
    notApplicable,
  };
  void policy.validateStack(args, report);
  return violations;
}

/** Asserts the rule reports at least one violation, one of which matches every pattern; returns them. */
export function assertHasViolation(
  policy: ResourceValidationPolicy,
  props: Record<string, unknown>,
  patterns: (string | RegExp)[] = [],
  opts: RunOptions = {},
): Violation[] {
  const violations = runResourcePolicy(policy, props, opts);
  expect(violations.length).toBeGreaterThan(0);
  const matches = (v: Violation) =>
    patterns.every((p) => (typeof p === "string" ? v.message.includes(p) : p.test(v.message)));
  if (!violations.some(matches)) {
    const got = violations.map((v) => v.message).join("\n");
    throw new Error(`no violation matches ${patterns.join(", ")}; got:\n${got}`);
  }
  return violations;
}

/** Asserts the rule reports nothing. */
export function assertNoViolations(
  policy: ResourceValidationPolicy,
  props: Record<string, unknown>,
  opts: RunOptions = {},
): void {
  expect(runResourcePolicy(policy, props, opts).map((v) => v.message)).toEqual([]);
}

/** The inputs of a RelayProxyConfigurations fleet whose `configs` is `configs` (key → one configuration's inputs). */
export function fleetOf(configs: unknown): Record<string, unknown> {
  return { configs };
}

/** Runs a resource rule on a RelayProxyConfigurations fleet whose `configs` is `configs`. */
export function runFleetPolicy(
  policy: ResourceValidationPolicy,
  configs: unknown,
  opts: Omit<RunOptions, "type"> = {},
): Violation[] {
  return runResourcePolicy(policy, fleetOf(configs), { ...opts, type: RELAY_FLEET_TYPE });
}

/** The key of the passing entry in assertJudgedPerEntry's fleet (sorts before BAD_KEY). */
export const GOOD_KEY = "edge-good";
/** The key of the violating entry in assertJudgedPerEntry's fleet. */
export const BAD_KEY = "web-bad";

/**
 * Asserts the rule judges a fleet entry by entry: `bad` as a RelayProxyConfiguration gets violations and `good`
 * none; a fleet holding both (keys GOOD_KEY, BAD_KEY) gets exactly `bad`'s messages, each prefixed with
 * `configs["web-bad"]: `. Returns the fleet's violations.
 */
export function assertJudgedPerEntry(
  policy: ResourceValidationPolicy,
  bad: Record<string, unknown>,
  opts: Omit<RunOptions, "type"> = {},
  good: Record<string, unknown> = baseline() as unknown as Record<string, unknown>,
): Violation[] {
  const single = runResourcePolicy(policy, bad, opts).map((v) => v.message);
  expect(single.length).toBeGreaterThan(0);
  expect(runResourcePolicy(policy, good, opts)).toEqual([]);
  const fleet = runFleetPolicy(policy, { [GOOD_KEY]: good, [BAD_KEY]: bad }, opts);
  expect(fleet.map((v) => v.message)).toEqual(single.map((message) => `configs["${BAD_KEY}"]: ${message}`));
  return fleet;
}

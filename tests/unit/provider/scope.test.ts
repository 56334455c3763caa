// Tests for provider/scope.ts: glob maths, what specifiers and statements reach, unrestricted statements
// and deny-only policies. Table-driven; the case is in each title.

import { parseResourceSpecifier } from "../../../provider/specifier";
import {
  globCovers,
  globMatches,
  globsOverlap,
  grantsEverything,
  hasOnlyDenyStatements,
  matchesAllEnvironments,
  matchesAllProjects,
  policyReachesEnvironment,
  reachedEnvironments,
  statementReachesEnvironment,
  statementsReachingEnvironment,
  unrestrictedStatements,
} from "../../../provider/scope";
import { ResourceSpecifier, Statement } from "../../../provider/types";

const spec = (text: string): ResourceSpecifier => {
  const parsed = parseResourceSpecifier(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};
const allow = (resources: string[], actions = ["*"]): Statement => ({ effect: "allow", resources, actions });
const deny = (resources: string[], actions = ["*"]): Statement => ({ effect: "deny", resources, actions });
const allowExcept = (notResources: string[], actions = ["*"]): Statement => ({ effect: "allow", notResources, actions });

describe("globs", () => {
  it.each<[string, string, boolean]>([
    ["*", "production", true],
    ["prod*", "production", true],
    ["prod*", "prod", true],
    ["*prod", "preprod", true],
    ["p*d*n", "production", true],
    ["production", "production", true],
    ["prod*", "staging", false],
    ["production", "prod", false],
    ["*-eu", "prod-us", false],
    ["", "", true],
    ["", "x", false],
  ])("globMatches(%p, %p) → %s", (glob, value, expected) => {
    expect(globMatches(glob, value)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ["prod*", "production", true],
    ["production", "prod*", true],
    ["prod*", "*-eu", true],
    ["*", "anything*", true],
    ["prod*", "stag*", false],
    ["*-us", "*-eu", false],
    ["a*b", "*c", false],
    ["a*b", "a*b", true],
    ["*a*", "*b*", true],
    ["production", "staging", false],
    ["**", "", true],
  ])("globsOverlap(%p, %p) → %s", (a, b, expected) => {
    expect(globsOverlap(a, b)).toBe(expected);
    expect(globsOverlap(b, a)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ["*", "prod*", true],
    ["prod*", "prod-*", true],
    ["prod*", "production", true],
    ["prod-*", "prod*", false],
    ["*a", "*a*a", true],
    ["*a*", "*", false],
    ["production", "prod*", false],
    ["production", "production", true],
  ])("globCovers(%p, %p) → %s", (general, specific, expected) => {
    expect(globCovers(general, specific)).toBe(expected);
  });
});

describe("specifiers", () => {
  it.each<[string, boolean, boolean]>([
    ["proj/*:env/*", true, true],
    ["proj/*", true, false],
    ["proj/*:env/production", true, false],
    ["proj/web:env/*", false, false],
    ["proj/*;mobile:env/*", false, false],
    ["proj/*:env/*;qa", true, false],
    ["proj/*:env/*:flag/*", true, true],
    ["proj/*:env/*:flag/x", true, false],
    ["proj/*:env/*:/flag/*", true, true],
    ["proj/*:metric/*", true, false],
    ["proj/${roleAttribute/projects}:env/*", false, false],
    ["proj/*:env/${roleAttribute/envs}", true, false],
    ["proj/*:env/*;{critical:true}", true, false],
  ])("%s: all projects %s, all environments %s", (text, allProjects, allEnvironments) => {
    expect(matchesAllProjects(spec(text))).toBe(allProjects);
    expect(matchesAllEnvironments(spec(text))).toBe(allEnvironments);
  });
});

describe("reachedEnvironments", () => {
  it("lists project and environment of each resource, and what did not parse", () => {
    expect(reachedEnvironments(allow(["proj/web;mobile:env/prod*", "proj/*", "bad", "proj/*:env/*:flag/x"]))).toEqual({
      mode: "only",
      scopes: [
        {
          specifier: "proj/web;mobile:env/prod*",
          project: { type: "proj", name: "web", tags: ["mobile"] },
          environment: { type: "env", name: "prod*", tags: [] },
          partial: false,
        },
        { specifier: "proj/*", project: { type: "proj", name: "*", tags: [] }, environment: undefined, partial: false },
        {
          specifier: "proj/*:env/*:flag/x",
          project: { type: "proj", name: "*", tags: [] },
          environment: { type: "env", name: "*", tags: [] },
          partial: true,
        },
      ],
      unparsed: ["bad"],
    });
  });

  it.each<[string, Partial<ReturnType<typeof reachedEnvironments>["scopes"][number]>]>([
    ["LaunchDarkly's :/flag/* below the environment", { specifier: "proj/*:env/*;qa_*:/flag/*", environment: { type: "env", name: "*", tags: ["qa_*"] }, partial: true }],
    ["a second segment other than env names no environment", { specifier: "proj/*:metric/*", environment: undefined, partial: false }],
    ["a project placeholder reads as any project", { specifier: "proj/${roleAttribute/projects}:env/production", project: { type: "proj", name: "*", tags: [] }, placeholder: true }],
    ["an environment placeholder reads as any environment", { specifier: "proj/web:env/${roleAttribute/envs}", environment: { type: "env", name: "*", tags: [] }, placeholder: true }],
    ["a project-only placeholder", { specifier: "proj/${roleAttribute/projects}", environment: undefined, placeholder: true }],
    ["a view and a selector are kept as tags", { specifier: "proj/*:env/*;{critical:true}:flag/*;view:web", environment: { type: "env", name: "*", tags: ["{critical:true}"] }, partial: true }],
  ])("scope of %s", (_title, expected) => {
    const [scope] = reachedEnvironments(allow([expected.specifier!])).scopes;
    expect(scope).toMatchObject(expected);
    if (expected.placeholder === undefined) expect(scope.placeholder).toBeUndefined();
  });

  it.each<[string, Statement, "only" | "except", number]>([
    ["resources", allow(["proj/*:env/a"]), "only", 1],
    ["notResources", allowExcept(["proj/*:env/a", "proj/*:env/b"]), "except", 2],
    ["neither", { effect: "allow", actions: ["*"] }, "only", 0],
  ])("%s → mode %s with %d scopes", (_title, statement, mode, count) => {
    const reach = reachedEnvironments(statement);
    expect([reach.mode, reach.scopes.length]).toEqual([mode, count]);
  });
});

describe("statementReachesEnvironment", () => {
  it.each<[string, Statement, string, string | undefined, boolean]>([
    ["all environments reach production", allow(["proj/*:env/*"]), "production", undefined, true],
    ["exact name", allow(["proj/*:env/production"]), "production", undefined, true],
    ["specifier glob vs name", allow(["proj/*:env/prod*"]), "production", undefined, true],
    ["name vs pattern glob", allow(["proj/*:env/production"]), "prod*", undefined, true],
    ["glob vs glob", allow(["proj/*:env/*-eu"]), "prod*", undefined, true],
    ["other environment", allow(["proj/*:env/staging"]), "prod*", undefined, false],
    ["project-only specifier names no environment", allow(["proj/*"]), "production", undefined, false],
    ["tagged environment may be production", allow(["proj/*:env/*;critical"]), "production", undefined, true],
    ["below the environment still reaches it", allow(["proj/*:env/production:flag/*"]), "production", undefined, true],
    ["project pattern matches", allow(["proj/web:env/*"]), "production", "web", true],
    ["project pattern misses", allow(["proj/web:env/*"]), "production", "mobile", false],
    ["one of several resources", allow(["proj/*:env/dev", "proj/*:env/prod"]), "prod", undefined, true],
    ["notResources excluding production", allowExcept(["proj/*:env/production"]), "production", undefined, false],
    ["notResources excluding prod*", allowExcept(["proj/*:env/prod*"]), "production", undefined, false],
    ["notResources excluding only production vs prod*", allowExcept(["proj/*:env/production"]), "prod*", undefined, true],
    ["notResources excluding staging", allowExcept(["proj/*:env/staging"]), "production", undefined, true],
    ["notResources with tags cannot prove exclusion", allowExcept(["proj/*:env/*;prod"]), "production", undefined, true],
    ["notResources on one project only", allowExcept(["proj/web:env/*"]), "production", undefined, true],
    ["notResources below the environment", allowExcept(["proj/*:env/production:flag/*"]), "production", undefined, true],
    ["LaunchDarkly's :/flag/* reaches its environments", allow(["proj/*:env/*;qa_*:/flag/*"]), "production", undefined, true],
    ["a metric specifier names no environment", allow(["proj/*:metric/*"]), "production", undefined, false],
    ["a critical selector may be production", allow(["proj/*:env/*;{critical:true}"]), "production", undefined, true],
    ["a view below the environment still reaches it", allow(["proj/default:env/*:flag/*;view:frontend"]), "production", undefined, true],
    ["a project placeholder may be any project", allow(["proj/${roleAttribute/projects}:env/production"]), "production", "web", true],
    ["an environment placeholder may be production", allow(["proj/web:env/${roleAttribute/envs}"]), "production", "web", true],
    ["an environment placeholder still names its project", allow(["proj/web:env/${roleAttribute/envs}"]), "production", "mobile", false],
    ["notResources with a placeholder cannot prove exclusion", allowExcept(["proj/*:env/${roleAttribute/envs}"]), "production", undefined, true],
    ["notResources with a critical selector cannot prove exclusion", allowExcept(["proj/*:env/*;{critical:true}"]), "production", undefined, true],
  ])("%s", (_title, statement, envPattern, projectPattern, expected) => {
    expect(statementReachesEnvironment(statement, envPattern, projectPattern)).toBe(expected);
  });
});

describe("grantsEverything", () => {
  it.each<[string, Statement, boolean]>([
    ["allow proj/*:env/* with *", allow(["proj/*:env/*"]), true],
    ["among other resources", allow(["proj/a:env/b", "proj/*:env/*"]), true],
    ["deeper all-star specifier", allow(["proj/*:env/*:flag/*"]), true],
    ["deny", deny(["proj/*:env/*"]), false],
    ["one environment", allow(["proj/*:env/production"]), false],
    ["tagged environments", allow(["proj/*:env/*;qa"]), false],
    ["project-only", allow(["proj/*"]), false],
    ["some actions only", allow(["proj/*:env/*"], ["updateOn"]), false],
    ["notActions", { effect: "allow", resources: ["proj/*:env/*"], notActions: ["updateOn"] }, false],
    ["no actions at all", { effect: "allow", resources: ["proj/*:env/*"] }, true],
    ["notResources excluding one environment", allowExcept(["proj/*:env/staging"]), false],
    ["notResources excluding only projects", allowExcept(["proj/legacy"]), true],
    ["notResources excluding only flags", allowExcept(["proj/*:env/*:flag/secret"]), true],
    ["unparsable resource", allow(["everything"]), false],
    ["LaunchDarkly's :/flag/* under every environment", allow(["proj/*:env/*:/flag/*"]), true],
    ["every metric", allow(["proj/*:metric/*"]), false],
    ["placeholder environments", allow(["proj/*:env/${roleAttribute/envs}"]), false],
    ["notResources excluding only metrics", allowExcept(["proj/*:metric/*"]), true],
    ["notResources excluding placeholder environments", allowExcept(["proj/*:env/${roleAttribute/envs}"]), false],
  ])("%s → %s", (_title, statement, expected) => {
    expect(grantsEverything(statement)).toBe(expected);
  });

  it("unrestrictedStatements lists the indexes", () => {
    expect(unrestrictedStatements([allow(["proj/*:env/a"]), allow(["proj/*:env/*"]), deny(["proj/*:env/*"]), allow(["proj/*:env/*"])])).toEqual([1, 3]);
  });
});

describe("policy level", () => {
  it.each<[string, Statement[], boolean]>([
    ["empty", [], true],
    ["only deny", [deny(["proj/*:env/*"]), deny(["proj/*:env/x"])], true],
    ["one allow", [deny(["proj/*:env/*"]), allow(["proj/*:env/x"])], false],
  ])("hasOnlyDenyStatements: %s → %s", (_title, policy, expected) => {
    expect(hasOnlyDenyStatements(policy)).toBe(expected);
  });

  it.each<[string, Statement[], string, number[], boolean]>([
    ["allow all", [allow(["proj/*:env/*"])], "production", [0], true],
    ["allow all, deny production", [allow(["proj/*:env/*"]), deny(["proj/*:env/production"])], "production", [0], false],
    ["allow all, deny prod*", [allow(["proj/*:env/*"]), deny(["proj/*:env/prod*"])], "prod*", [0], false],
    ["deny only part of prod*", [allow(["proj/*:env/*"]), deny(["proj/*:env/production"])], "prod*", [0], true],
    ["deny of some actions only", [allow(["proj/*:env/*"]), deny(["proj/*:env/production"], ["updateOn"])], "production", [0], true],
    ["deny with notResources proves nothing", [allow(["proj/*:env/*"]), { effect: "deny", notResources: ["proj/*:env/dev"], actions: ["*"] }], "production", [0], true],
    ["deny of tagged environments proves nothing", [allow(["proj/*:env/*"]), deny(["proj/*:env/*;prod"])], "production", [0], true],
    ["allow with notActions *", [{ effect: "allow", resources: ["proj/*:env/*"], notActions: ["*"] }], "production", [], false],
    ["allow with notActions", [{ effect: "allow", resources: ["proj/*:env/*"], notActions: ["updateOn"] }], "production", [0], true],
    ["second statement reaches", [allow(["proj/*:env/dev"]), allow(["proj/*:env/prod*"])], "production", [1], true],
    ["none reaches", [allow(["proj/*:env/dev"]), deny(["proj/*:env/production"])], "production", [], false],
    ["deny of a placeholder proves nothing", [allow(["proj/*:env/*"]), deny(["proj/*:env/${roleAttribute/envs}"])], "production", [0], true],
    ["deny of critical environments proves nothing", [allow(["proj/*:env/*"]), deny(["proj/*:env/*;{critical:true}"])], "production", [0], true],
    ["deny of LaunchDarkly's :/flag/* removes only flags", [allow(["proj/*:env/*"]), deny(["proj/*:env/*:/flag/*"])], "production", [0], true],
  ])("%s: reaching %s", (_title, policy, envPattern, indexes, reaches) => {
    expect(statementsReachingEnvironment(policy, envPattern)).toEqual(indexes);
    expect(policyReachesEnvironment(policy, envPattern)).toBe(reaches);
  });

  it("takes a project pattern", () => {
    const policy = [allow(["proj/web:env/*"]), deny(["proj/web:env/production"])];
    expect(policyReachesEnvironment(policy, "production", "mobile")).toBe(false);
    expect(policyReachesEnvironment(policy, "staging", "web")).toBe(true);
    expect(policyReachesEnvironment(policy, "production", "web")).toBe(false);
  });
});

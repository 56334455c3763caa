// Tests provider/reach.ts against every case of ../shared/spec/relay-policy-reach.md (tests/fixtures/reach/, the
// same table the emulator's own rule is held to), plus what each reached environment carries.

import type { Account } from "../../../provider/account";
import { resolvable, resolveReach, specifierReaches, unresolvableSpecifiers } from "../../../provider/reach";
import type { Statement } from "../../../provider/types";
import { REACH_ACCOUNT, REACH_CASES } from "../../support/reach-cases";

/** The fixture account as the provider reads it (missing tags and critical default to none and false). */
const account: Account = {
  projects: REACH_ACCOUNT.projects.map((p) => ({
    key: p.key,
    name: p.name,
    tags: p.tags ?? [],
    environments: p.environments.map((e) => ({ key: e.key, name: e.name, tags: e.tags ?? [], critical: e.critical === true })),
  })),
};

describe("resolveReach: the cases of relay-policy-reach.md", () => {
  it.each(REACH_CASES.map((c) => [c.title, c.policy, c.reached] as const))("%s", (_title, policy, reached) => {
    const resolved = resolveReach(policy as Statement[], account);
    expect(resolved.reach).toEqual(reached);
    expect(Object.keys(resolved.reachDetails)).toEqual(reached);
  });
});

describe("resolveReach: details", () => {
  it("gives each reached environment its name, critical flag, tags, and its project's name and tags", () => {
    const { reachDetails } = resolveReach([{ effect: "allow", resources: ["proj/*:env/production"], actions: ["*"] }], account);
    expect(reachDetails["proj/mobile:env/production"]).toEqual({ name: "Production", critical: true, tags: [], projectName: "Mobile", projectTags: ["frontend", "federal"] });
    expect(reachDetails["proj/internal:env/production"]).toEqual({ name: "Production", critical: false, tags: ["restricted"], projectName: "Internal", projectTags: [] });
  });

  it("reaches nothing in an empty account, and never mutates the policy", () => {
    const policy: Statement[] = [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }];
    const copy = structuredClone(policy);
    expect(resolveReach(policy, { projects: [] })).toEqual({ reach: [], reachDetails: {} });
    expect(policy).toEqual(copy);
  });
});

describe("specifierReaches", () => {
  const [web] = account.projects;
  const production = web.environments[0];
  it.each([
    ["proj/web:env/production", true],
    ["proj/*:env/prod*", true],
    ["proj/web;front*:env/production", true],
    ["proj/web;backend:env/production", false],
    ["proj/web:env/production;pci", false],
    ["proj/web", false],
    ["proj/web:env/production:flag/*", true],
    ["not a specifier", false],
  ])("%s → %p", (text, reaches) => {
    expect(specifierReaches(text, web, production)).toBe(reaches);
  });
});

describe("resolvable", () => {
  it.each([
    ["proj/*:env/production", true],
    ["proj/*;frontend:env/*;qa_*", true],
    ["proj/*:env/*;qa_*:/flag/*", true],
    ["proj/default:env/*:flag/*;view:frontend", true],
    ["proj/*:env/*;{critical:true}", false],
    ["proj/${roleAttribute/projects}:env/production", false],
    ["proj/*:env/${roleAttribute/environments}", false],
  ])("%s → %p", (text, expected) => {
    expect(resolvable(text)).toBe(expected);
  });

  it("lists the specifiers of a policy whose reach the account cannot decide", () => {
    const policy: Statement[] = [
      { effect: "allow", resources: ["proj/web:env/production", "proj/*:env/*;{critical:true}"], actions: ["*"] },
      { effect: "deny", notResources: ["proj/${roleAttribute/projects}:env/*"], actions: ["*"] },
    ];
    expect(unresolvableSpecifiers(policy)).toEqual(["proj/*:env/*;{critical:true}", "proj/${roleAttribute/projects}:env/*"]);
  });
});

// Tests emulator/reach.ts against every case of ../shared/spec/relay-policy-reach.md (tests/fixtures/reach/),
// plus the glob and tag details the table leaves implicit.

import { buildAccount } from "../../emulator/account";
import { reachedEnvironments, specifierMatches } from "../../emulator/reach";
import type { Statement } from "../../emulator/types";
import { REACH_ACCOUNT, REACH_CASES } from "../support/reach-cases";

const account = buildAccount(REACH_ACCOUNT);
const names = (policy: Statement[]): string[] =>
  reachedEnvironments(policy, account)
    .map(({ project, environment }) => `proj/${project.key}:env/${environment.key}`)
    .sort();

describe("reachedEnvironments: the cases of relay-policy-reach.md", () => {
  it.each(REACH_CASES.map((c) => [c.title, c.policy, c.reached] as const))("%s", (_title, policy, reached) => {
    expect(names(policy as Statement[])).toEqual(reached);
  });
});

describe("specifierMatches", () => {
  const web = account.projects[0];
  const production = web.environments[0];
  it.each([
    ["proj/web:env/production", true],
    ["proj/*:env/*", true],
    ["proj/we:env/production", false],
    ["proj/w.b:env/production", false],
    ["proj/web;front*:env/production", true],
    ["proj/web;backend,frontend:env/production", true],
    ["proj/web;backend:env/production", false],
    ["proj/web:env/production;critical", false],
    ["proj/web", false],
    ["env/production", false],
    ["proj/web:env/production:flag/x", true],
  ])("%s → %p", (specifier, matches) => {
    expect(specifierMatches(specifier, web, production)).toBe(matches);
  });
});

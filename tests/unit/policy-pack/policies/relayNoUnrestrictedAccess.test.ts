// Tests for policy-pack/policies/relayNoUnrestrictedAccess.ts.

import { relayNoUnrestrictedAccess as rule } from "../../../../policy-pack/policies/relayNoUnrestrictedAccess";
import { Statement } from "../../../../provider/types";
import {
  assertHasViolation,
  assertJudgedPerEntry,
  assertNoViolations,
  baseline,
  runFleetPolicy,
  runResourcePolicy,
  UNKNOWN,
  withInputs,
} from "../helpers";

const withStatement = (statement: Statement) => withInputs({ policy: [baseline().policy[0], statement] });

describe("relay-no-unrestricted-access", () => {
  it("passes the baseline", () => {
    assertNoViolations(rule, baseline() as unknown as Record<string, unknown>);
  });

  it.each<[string, Statement, string]>([
    ["proj/*:env/* with actions *", { effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }, '["proj/*:env/*"]'],
    ["proj/*:env/* among others", { effect: "allow", resources: ["proj/a:env/b", "proj/*:env/*"], actions: ["*"] }, "proj/*:env/*"],
    ["deeper all-wildcard specifier", { effect: "allow", resources: ["proj/*:env/*:flag/*"], actions: ["*"] }, "proj/*:env/*:flag/*"],
    [
      "notResources excluding only a project-level specifier",
      { effect: "allow", notResources: ["proj/legacy"], actions: ["*"] },
      'except ["proj/legacy"]',
    ],
    ["* among other actions", { effect: "allow", resources: ["proj/*:env/*"], actions: ["updateOn", "*"] }, "proj/*:env/*"],
  ])("flags %s", (_title, statement, value) => {
    assertHasViolation(rule, withStatement(statement), ["policy[1]", value, "allowedNames"]);
  });

  it.each<[string, Statement]>([
    ["a named project", { effect: "allow", resources: ["proj/web:env/*"], actions: ["*"] }],
    ["a named environment", { effect: "allow", resources: ["proj/*:env/test"], actions: ["*"] }],
    ["tagged projects", { effect: "allow", resources: ["proj/*;mobile:env/*"], actions: ["*"] }],
    ["some actions only", { effect: "allow", resources: ["proj/*:env/*"], actions: ["updateOn"] }],
    ["every action but some (notActions)", { effect: "allow", resources: ["proj/*:env/*"], notActions: ["deleteFlag"] }],
    ["a deny statement", { effect: "deny", resources: ["proj/*:env/*"], actions: ["*"] }],
    ["notResources excluding an environment", { effect: "allow", notResources: ["proj/*:env/production"], actions: ["*"] }],
  ])("does not flag %s", (_title, statement) => {
    assertNoViolations(rule, withStatement(statement));
  });

  it("names the config in the hint and honours allowedNames", () => {
    const props = withInputs({ name: "fleet", policy: [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }] });
    assertHasViolation(rule, props, ["policy[0]", '"fleet"']);
    assertNoViolations(rule, props, { config: { allowedNames: ["fleet"] } });
  });

  it("reports each unrestricted statement and skips malformed ones", () => {
    const all: Statement = { effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] };
    const props = withInputs({ policy: [all, { effect: "allow", resources: ["nope"], actions: ["*"] }, all] });
    expect(runResourcePolicy(rule, props).map((v) => v.message.slice(0, 9))).toEqual(["policy[0]", "policy[2]"]);
  });

  it("ignores other resource types", () => {
    const props = withInputs({ policy: [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }] });
    assertNoViolations(rule, props, { type: "aws:s3/bucket:Bucket" });
  });
});

describe("relay-no-unrestricted-access in a RelayProxyConfigurations fleet", () => {
  const unrestricted: Statement = { effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] };

  it("reports only the unrestricted entry, naming it and its name", () => {
    const violations = assertJudgedPerEntry(rule, withInputs({ name: "fleet", policy: [unrestricted] }));
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toMatch(/^configs\["web-bad"\]: policy\[0\] allows every action in every project/);
    expect(violations[0].message).toContain('add "fleet" to allowedNames');
  });

  it("reports each unrestricted statement of an entry", () => {
    const props = withInputs({ policy: [unrestricted, baseline().policy[0], unrestricted] });
    const violations = assertJudgedPerEntry(rule, props);
    expect(violations.map((v) => v.message.split(" ").slice(0, 2).join(" "))).toEqual(['configs["web-bad"]: policy[0]', 'configs["web-bad"]: policy[2]']);
  });

  it("honours allowedNames entry by entry, by each entry's name", () => {
    const configs = {
      central: withInputs({ name: "fleet", policy: [unrestricted] }),
      team: withInputs({ name: "team-relay", policy: [unrestricted] }),
    };
    expect(runFleetPolicy(rule, configs).map((v) => v.message.split(":")[0])).toEqual(['configs["central"]', 'configs["team"]']);
    const violations = runFleetPolicy(rule, configs, { config: { allowedNames: ["fleet"] } });
    expect(violations.map((v) => v.message.split(":")[0])).toEqual(['configs["team"]']);
    expect(runFleetPolicy(rule, configs, { config: { allowedNames: ["fleet", "team-relay"] } })).toEqual([]);
  });

  it("says nothing while the configs map is unknown at preview", () => {
    expect(runFleetPolicy(rule, UNKNOWN)).toEqual([]);
  });
});

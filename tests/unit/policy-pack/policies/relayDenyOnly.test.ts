// Tests for policy-pack/policies/relayDenyOnly.ts.

import { relayDenyOnly as rule } from "../../../../policy-pack/policies/relayDenyOnly";
import { Statement } from "../../../../provider/types";
import {
  assertHasViolation,
  assertJudgedPerEntry,
  assertNoViolations,
  baseline,
  runFleetPolicy,
  UNKNOWN,
  withInputs,
} from "../helpers";

const deny = (resource: string): Statement => ({ effect: "deny", resources: [resource], actions: ["*"] });

describe("relay-deny-only", () => {
  it("passes the baseline", () => {
    assertNoViolations(rule, baseline() as unknown as Record<string, unknown>);
  });

  it("flags a single deny statement", () => {
    assertHasViolation(rule, withInputs({ policy: [deny("proj/*:env/*")] }), ["policy[0] denies", "allow statement"]);
  });

  it("flags several deny statements", () => {
    assertHasViolation(rule, withInputs({ policy: [deny("proj/a:env/*"), deny("proj/b:env/*")] }), [
      "all 2 statements (policy[0]..policy[1]) deny",
    ]);
  });

  it("honours allowedNames", () => {
    const props = withInputs({ name: "parked", policy: [deny("proj/*:env/*")] });
    assertHasViolation(rule, props, ['"parked"']);
    assertNoViolations(rule, props, { config: { allowedNames: ["parked"] } });
  });

  it.each<[string, unknown]>([
    ["an empty policy", []],
    ["a malformed allow beside a deny", [deny("proj/a:env/*"), { effect: "allow", resources: ["bad"], actions: ["*"] }]],
    ["a policy that is not a list", "deny"],
  ])("leaves %s to relay-policy-well-formed", (_title, policy) => {
    assertNoViolations(rule, withInputs({ policy }));
  });
});

describe("relay-deny-only in a RelayProxyConfigurations fleet", () => {
  it("reports only the deny-only entry, naming it and its name", () => {
    const violations = assertJudgedPerEntry(rule, withInputs({ name: "parked", policy: [deny("proj/*:env/*")] }));
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toMatch(/^configs\["web-bad"\]: policy\[0\] denies/);
    expect(violations[0].message).toContain('add "parked" to allowedNames');
  });

  it("honours allowedNames entry by entry, by each entry's name", () => {
    const configs = {
      parked: withInputs({ name: "parked", policy: [deny("proj/*:env/*")] }),
      lost: withInputs({ name: "lost-allow", policy: [deny("proj/a:env/*"), deny("proj/b:env/*")] }),
    };
    const violations = runFleetPolicy(rule, configs, { config: { allowedNames: ["parked"] } });
    expect(violations.map((v) => v.message)).toEqual([expect.stringMatching(/^configs\["lost"\]: all 2 statements/)]);
    expect(runFleetPolicy(rule, configs, { config: { allowedNames: ["parked", "lost-allow"] } })).toEqual([]);
  });

  it("leaves an entry's malformed policy to relay-policy-well-formed", () => {
    expect(runFleetPolicy(rule, { empty: withInputs({ policy: [] }), good: baseline() })).toEqual([]);
  });

  it("says nothing while the configs map is unknown at preview", () => {
    expect(runFleetPolicy(rule, UNKNOWN)).toEqual([]);
  });
});

// Tests for policy-pack/policies/relayPolicyWellFormed.ts.

import { relayPolicyWellFormed as rule } from "../../../../policy-pack/policies/relayPolicyWellFormed";
import {
  assertHasViolation,
  assertJudgedPerEntry,
  assertNoViolations,
  baseline,
  reachOf,
  runFleetPolicy,
  runResourcePolicy,
  UNKNOWN,
  withInputs,
} from "../helpers";

const withStatement = (statement: unknown) => withInputs({ policy: [baseline().policy[0], statement] });
const ok = { effect: "allow", resources: ["proj/a"], actions: ["*"] };

describe("relay-policy-well-formed", () => {
  it("passes the baseline", () => {
    assertNoViolations(rule, baseline() as unknown as Record<string, unknown>);
  });

  it.each<[string, unknown, string[]]>([
    ["an unparsable specifier", { ...ok, resources: ["proj/a:env"] }, ["policy[1].resources[0]", '"proj/a:env"']],
    ["a wrong segment order", { ...ok, resources: ["env/production"] }, ["policy[1].resources[0]"]],
    ["an invalid effect", { ...ok, effect: "permit" }, ["policy[1].effect", '"permit"']],
    ["both resources and notResources", { ...ok, notResources: ["proj/b"] }, ["exactly one of resources or notResources"]],
    ["neither actions nor notActions", { effect: "allow", resources: ["proj/a"] }, ["exactly one of actions or notActions"]],
    ["an unknown statement field", { ...ok, condition: {} }, ["policy[1].condition"]],
    ["a statement that is not an object", "allow everything", ["policy[1]"]],
  ])("flags %s", (_title, statement, fragments) => {
    assertHasViolation(rule, withStatement(statement), fragments);
  });

  it("flags an empty policy", () => {
    assertHasViolation(rule, withInputs({ policy: [] }), ["policy:", "at least one statement"]);
  });

  it("reports every failure, one violation each", () => {
    const bad = { effect: "maybe", resources: ["x", "proj/ok"], actions: ["*"] };
    expect(runResourcePolicy(rule, withStatement(bad)).map((v) => v.message.split(":")[0])).toEqual([
      "policy[1].effect",
      "policy[1].resources[0]",
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a blank name", { name: " " }, "name"],
    ["a bad gracePeriod", { rotation: { trigger: "t", gracePeriod: "-1h" } }, "rotation.gracePeriod"],
    ["an unknown input", { labels: ["x"] }, "labels"],
  ])("checks the other inputs too by default: %s", (_title, change, property) => {
    const props = { ...withInputs({}), ...change };
    assertHasViolation(rule, props, [`${property}:`]);
    assertNoViolations(rule, props, { config: { checkAllInputs: false } });
  });

  describe("the resolved reach the provider adds", () => {
    const reach = reachOf({ "proj/checkout:env/production": true, "proj/checkout:env/test": false });

    it("is not an unknown input", () => {
      assertNoViolations(rule, withInputs(reach));
      // Any other input the program did not declare still is.
      assertHasViolation(rule, { ...withInputs(reach), reachable: true }, ["reachable:"]);
    });

    it("does not stop the check of the other inputs when unknown at preview", () => {
      const props = withInputs({ name: " ", reach: UNKNOWN, reachDetails: UNKNOWN });
      expect(runResourcePolicy(rule, props).map((v) => v.message.split(":")[0])).toEqual(["name"]);
    });
  });
});

describe("relay-policy-well-formed in a RelayProxyConfigurations fleet", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["an unparsable specifier", withStatement({ ...ok, resources: ["proj/a:env"] }), "policy[1].resources[0]:"],
    ["an empty policy", withInputs({ policy: [] }), "policy:"],
    ["a blank name", withInputs({ name: " " }), "name:"],
    ["an unknown input", { ...withInputs({}), labels: ["x"] }, "labels:"],
  ])("reports only the entry with %s, naming it", (_title, bad, property) => {
    const violations = assertJudgedPerEntry(rule, bad);
    expect(violations).toHaveLength(1);
    expect(violations[0].message.startsWith(`configs["web-bad"]: ${property}`)).toBe(true);
  });

  it("checks only policy with checkAllInputs false, in every entry", () => {
    const configs = { blank: withInputs({ name: " " }), bad: withStatement({ ...ok, effect: "permit" }) };
    const messages = runFleetPolicy(rule, configs, { config: { checkAllInputs: false } }).map((v) => v.message);
    expect(messages).toEqual([expect.stringMatching(/^configs\["bad"\]: policy\[1\]\.effect:/)]);
  });

  it("leaves each entry's resolved reach out, even when unknown at preview", () => {
    const reach = reachOf({ "proj/checkout:env/production": true });
    const configs = { known: withInputs(reach), pending: withInputs({ reach: UNKNOWN, reachDetails: UNKNOWN }) };
    expect(runFleetPolicy(rule, configs)).toEqual([]);
  });

  it("says nothing while the configs map is unknown at preview", () => {
    expect(runFleetPolicy(rule, UNKNOWN)).toEqual([]);
  });
});

// Tests for policy-pack/policies/relayNameConvention.ts.

import { UnknownValueError } from "@pulumi/policy";
import { relayNameConvention as rule } from "../../../../policy-pack/policies/relayNameConvention";
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

describe("relay-name-convention", () => {
  it("passes the baseline", () => {
    assertNoViolations(rule, baseline() as unknown as Record<string, unknown>);
  });

  it.each([["checkout"], ["web-2"], ["0-relay"]])("accepts %s", (name) => {
    assertNoViolations(rule, withInputs({ name }));
  });

  it.each<[string, string | undefined]>([
    ["Checkout Production", "checkout-production"],
    ["checkout_prod", "checkout-prod"],
    ["-leading", "leading"],
    ["!!!", undefined],
  ])("flags %s", (name, suggestion) => {
    const [violation] = assertHasViolation(rule, withInputs({ name }), [JSON.stringify(name), '"^[a-z0-9][a-z0-9-]*$"']);
    if (suggestion !== undefined) expect(violation.message).toContain(`e.g. "${suggestion}"`);
    else expect(violation.message).not.toContain("e.g.");
  });

  it("uses namePattern from config", () => {
    const config = { namePattern: "^relay-" };
    assertHasViolation(rule, withInputs({ name: "checkout" }), ['"^relay-"'], { config });
    assertNoViolations(rule, withInputs({ name: "relay-checkout" }), { config });
  });

  it("reports an invalid namePattern", () => {
    assertHasViolation(rule, baseline() as unknown as Record<string, unknown>, ["relay-name-convention.namePattern", '"(["'], {
      config: { namePattern: "([" },
    });
  });

  it("leaves a non-string name to relay-policy-well-formed", () => {
    expect(runResourcePolicy(rule, withInputs({ name: 42 }))).toEqual([]);
  });
});

describe("relay-name-convention in a RelayProxyConfigurations fleet", () => {
  it("reports only the entry with a bad name, naming it", () => {
    const violations = assertJudgedPerEntry(rule, withInputs({ name: "Checkout Production" }));
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toMatch(/^configs\["web-bad"\]: name "Checkout Production" does not match/);
  });

  it("uses namePattern from config for every entry", () => {
    const violations = assertJudgedPerEntry(rule, withInputs({ name: "checkout" }), { config: { namePattern: "^checkout-" } });
    expect(violations).toHaveLength(1);
  });

  it("raises the SDK's UnknownValueError for an entry's name unknown at preview, naming its path", () => {
    const configs = { a: withInputs({ name: "checkout" }), b: withInputs({ name: UNKNOWN }) };
    expect(() => runResourcePolicy(rule, withInputs({ name: UNKNOWN }))).toThrow(UnknownValueError);
    expect(() => runFleetPolicy(rule, configs)).toThrow(/\.configs\.b\.name can't be known during preview/);
  });

  it("says nothing while the configs map is unknown at preview", () => {
    expect(runFleetPolicy(rule, UNKNOWN)).toEqual([]);
  });
});

// Tests for policy-pack/policies/relayNameConvention.ts.

import { relayNameConvention as rule } from "../../../../policy-pack/policies/relayNameConvention";
import { assertHasViolation, assertNoViolations, baseline, runResourcePolicy, withInputs } from "../helpers";

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

// Tests for policy-pack/policies/relayDenyOnly.ts.

import { relayDenyOnly as rule } from "../../../../policy-pack/policies/relayDenyOnly";
import { Statement } from "../../../../provider/types";
import { assertHasViolation, assertNoViolations, baseline, withInputs } from "../helpers";

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

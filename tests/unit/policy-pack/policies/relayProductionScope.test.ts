// Tests for policy-pack/policies/relayProductionScope.ts.

import { relayProductionScope as rule } from "../../../../policy-pack/policies/relayProductionScope";
import { Statement } from "../../../../provider/types";
import { assertHasViolation, assertNoViolations, baseline, runResourcePolicy, withInputs } from "../helpers";

const allow = (...resources: string[]): Statement => ({ effect: "allow", resources, actions: ["*"] });
const deny = (...resources: string[]): Statement => ({ effect: "deny", resources, actions: ["*"] });
const allowExcept = (...notResources: string[]): Statement => ({ effect: "allow", notResources, actions: ["*"] });
const withPolicy = (...policy: Statement[]) => withInputs({ policy });

describe("relay-production-scope", () => {
  it("passes the baseline", () => {
    assertNoViolations(rule, baseline() as unknown as Record<string, unknown>);
  });

  it.each<[string, string, string[]]>([
    [
      "proj/* reaching production",
      "proj/*:env/production",
      ["policy[0].resources[0]", '"proj/*:env/production"', '"production"', '"proj/my-project:env/production"'],
    ],
    ["proj/* reaching prod*", "proj/*:env/prod-eu", ["policy[0].resources[0]", '"prod*"']],
    ["a project glob", "proj/team-*:env/production", ['matching "team-*"']],
    ["tagged wildcard projects", "proj/*;mobile:env/production", ['"proj/*;mobile:env/production"']],
    ["every environment", "proj/*:env/*", ['"proj/my-project:env/*"']],
    ["an environment glob overlapping prod*", "proj/*:env/*-live", ['"proj/*:env/*-live"']],
    ["flags below production", "proj/*:env/production:flag/*", ['"proj/my-project:env/production:flag/*"']],
  ])("flags %s", (_title, specifier, fragments) => {
    assertHasViolation(rule, withPolicy(allow(specifier)), fragments);
  });

  it("names the position of the offending specifier", () => {
    const props = withPolicy(allow("proj/web:env/production"), allow("proj/a:env/test", "proj/*:env/prod"));
    const violations = runResourcePolicy(rule, props);
    expect(violations.map((v) => v.message.split(" ")[0])).toEqual(["policy[1].resources[1]"]);
  });

  it("flags a notResources statement reaching production", () => {
    assertHasViolation(rule, withPolicy(allowExcept("proj/*:env/test")), ["policy[0] uses notResources", '["proj/*:env/test"]']);
  });

  it.each<[string, Statement[]]>([
    ["explicit projects", [allow("proj/web:env/production", "proj/api:env/prod-eu")]],
    ["wildcards outside production", [allow("proj/*:env/test", "proj/*:env/staging")]],
    ["project-only specifiers", [allow("proj/*")]],
    ["deny statements", [deny("proj/*:env/production"), allow("proj/web:env/production")]],
    ["a deny that removes every production environment", [allow("proj/*:env/*"), deny("proj/*:env/prod*")]],
    ["a notResources list excluding all production", [allowExcept("proj/*:env/prod*")]],
  ])("does not flag %s", (_title, policy) => {
    assertNoViolations(rule, withPolicy(...policy));
  });

  it("uses productionPatterns from config", () => {
    const props = withPolicy(allow("proj/*:env/live"));
    assertNoViolations(rule, props);
    assertHasViolation(rule, props, ['"live"'], { config: { productionPatterns: ["live"] } });
    assertNoViolations(rule, withPolicy(allow("proj/*:env/production")), { config: { productionPatterns: ["live"] } });
  });

  it("checks every pattern a statement reaches", () => {
    // Reaches "production" through an explicit project, and "prod*" through a wildcard one.
    const props = withPolicy(allow("proj/web:env/production", "proj/*:env/prod-eu"));
    assertHasViolation(rule, props, ["policy[0].resources[1]", '"prod*"']);
  });
});

// Tests for policy-pack/policies/relayProductionScope.ts.

import { relayProductionScope as rule } from "../../../../policy-pack/policies/relayProductionScope";
import { Statement } from "../../../../provider/types";
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

  // Reach cases are honest: each `reach` is what the provider resolves for the policy in the account described
  // beside it (an environment is reached when an allow statement applies to it and no deny statement does);
  // `true` (and `*` in comments) marks an environment LaunchDarkly calls critical.
  describe("with a resolved reach", () => {
    const withReach = (environments: Record<string, boolean>, ...policy: Statement[]) =>
      withInputs({ policy, ...reachOf(environments) });

    it("names the production environments a project glob really reaches, and a real project to name", () => {
      // Account: checkout {production*, test}, web {production*, test}.
      const props = withReach(
        { "proj/checkout:env/production": true, "proj/web:env/production": true },
        allow("proj/*:env/production"),
      );
      const violations = assertHasViolation(rule, props, [
        "policy[0].resources[0]",
        'the production environments "proj/checkout:env/production" (key matches "production", critical), ' +
          '"proj/web:env/production" (key matches "production", critical)',
        'through the project glob "*"',
        'e.g. "proj/checkout:env/production"',
      ]);
      expect(violations).toHaveLength(1);
    });

    it("is silent when the reach holds no production environment, where the static analysis would flag", () => {
      // Account: search {dev, test}: proj/*:env/* reaches no production environment.
      const policy = [allow("proj/*:env/*")];
      assertHasViolation(rule, withPolicy(...policy), ['in every project matching "*"']);
      assertNoViolations(rule, withReach({ "proj/search:env/dev": false, "proj/search:env/test": false }, ...policy));
    });

    it("is silent when a deny removes the only production environment, although prod* stays possible statically", () => {
      // Account: web {production*, staging, test}.
      const policy = [allow("proj/*:env/*"), deny("proj/*:env/production")];
      assertHasViolation(rule, withPolicy(...policy), ['"prod*"']);
      assertNoViolations(rule, withReach({ "proj/web:env/staging": false, "proj/web:env/test": false }, ...policy));
    });

    it("does not blame a glob for production reached through an explicit project", () => {
      // Account: web {production*, test}, search {test}: no environment matches prod-*.
      const policy = [allow("proj/web:env/production", "proj/*:env/prod-*")];
      assertHasViolation(rule, withPolicy(...policy), ["policy[0].resources[1]"]);
      assertNoViolations(rule, withReach({ "proj/web:env/production": true }, ...policy));
    });

    it("reports one message per specifier, listing only the production environments it reaches", () => {
      // Account: checkout {production*, staging}, web {production*, staging}.
      const props = withReach(
        {
          "proj/checkout:env/production": true,
          "proj/checkout:env/staging": false,
          "proj/web:env/production": true,
          "proj/web:env/staging": false,
        },
        allow("proj/*:env/staging", "proj/*:env/production"),
      );
      const messages = runResourcePolicy(rule, props).map((v) => v.message);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(/^policy\[0\]\.resources\[1\] "proj\/\*:env\/production"/);
      expect(messages[0]).not.toContain("staging");
      expect(messages[0]).toContain('"proj/checkout:env/production" (key matches "production", critical), "proj/web:env/production"');
    });

    it("bounds the list of environments", () => {
      // Account: twelve projects p00..p11, each with a production environment.
      const reached = Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => [`proj/p${String(i).padStart(2, "0")}:env/production`, false]),
      );
      const [violation] = assertHasViolation(rule, withReach(reached, allow("proj/*:env/production")), [
        '"proj/p09:env/production" (key matches "production") and 2 more',
      ]);
      expect(violation.message).not.toContain("p10");
    });

    it("counts a critical environment as production whatever its key, unless criticalIsProduction is false", () => {
      // Account: search {main*, dev}.
      const props = withReach({ "proj/search:env/main": true }, allow("proj/*:env/main"));
      assertNoViolations(rule, withPolicy(allow("proj/*:env/main")));
      assertHasViolation(rule, props, ['the production environment "proj/search:env/main" (critical)', 'e.g. "proj/search:env/main"']);
      assertNoViolations(rule, props, { config: { criticalIsProduction: false } });
    });

    it("uses productionPatterns from config on the reached keys", () => {
      // Account: search {live, dev}.
      const props = withReach({ "proj/search:env/dev": false, "proj/search:env/live": false }, allow("proj/*:env/*"));
      assertNoViolations(rule, props);
      assertHasViolation(rule, props, ['"proj/search:env/live" (key matches "live")'], { config: { productionPatterns: ["live"] } });
    });

    it("flags a notResources statement that reaches production, naming the environments", () => {
      // Account: checkout {production*, test}, search {dev}.
      const props = withReach(
        { "proj/checkout:env/production": true, "proj/checkout:env/test": false },
        allowExcept("proj/search:env/*"),
      );
      assertHasViolation(rule, props, [
        'policy[0] uses notResources ["proj/search:env/*"]',
        'the production environment "proj/checkout:env/production"',
        'e.g. "proj/checkout:env/production"',
      ]);
    });

    it("does not flag a notResources statement whose real reach holds no production", () => {
      // Account: web {production*, test}, search {dev, test}.
      const policy = [allowExcept("proj/web:env/*")];
      assertHasViolation(rule, withPolicy(...policy), ["policy[0] uses notResources"]);
      assertNoViolations(rule, withReach({ "proj/search:env/dev": false, "proj/search:env/test": false }, ...policy));
    });

    it.each<[string, Record<string, unknown>]>([
      ["absent", {}],
      ["unknown at preview", { reach: UNKNOWN, reachDetails: UNKNOWN }],
      ["without its details", { reach: ["proj/search:env/dev"] }],
    ])("falls back to the static analysis when the reach is %s", (_title, reach) => {
      const policy = [allow("proj/*:env/*")];
      const resolved = withReach({ "proj/search:env/dev": false }, ...policy);
      assertNoViolations(rule, resolved);
      const props = { ...withPolicy(...policy), ...reach };
      assertHasViolation(rule, props, ["policy[0].resources[0]", 'reaches production environments (pattern "production")']);
    });
  });
});

describe("relay-production-scope in a RelayProxyConfigurations fleet", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["a project glob reaching production", withPolicy(allow("proj/*:env/production")), 'policy[0].resources[0] "proj/*:env/production"'],
    ["a notResources statement reaching production", withPolicy(allowExcept("proj/*:env/test")), "policy[0] uses notResources"],
    [
      // Account: checkout {production*, test}, web {production*, test}.
      "a project glob reaching resolved production environments",
      withInputs({
        policy: [allow("proj/*:env/production")],
        ...reachOf({ "proj/checkout:env/production": true, "proj/web:env/production": true }),
      }),
      'policy[0].resources[0] "proj/*:env/production" reaches the production environments',
    ],
  ])("reports only the entry with %s, naming it", (_title, bad, fragment) => {
    const violations = assertJudgedPerEntry(rule, bad);
    expect(violations).toHaveLength(1);
    expect(violations[0].message.startsWith(`configs["web-bad"]: ${fragment}`)).toBe(true);
  });

  it("uses productionPatterns from config for every entry", () => {
    const violations = assertJudgedPerEntry(rule, withPolicy(allow("proj/*:env/live")), { config: { productionPatterns: ["live"] } });
    expect(violations).toHaveLength(1);
  });

  it("reads each entry's own resolved reach, falling back to the static analysis where it is unknown", () => {
    // Account: search {dev, test}: proj/*:env/* reaches no production environment there.
    const policy = [allow("proj/*:env/*")];
    const configs = {
      pending: { ...withPolicy(...policy), reach: UNKNOWN, reachDetails: UNKNOWN },
      resolved: withInputs({ policy, ...reachOf({ "proj/search:env/dev": false, "proj/search:env/test": false }) }),
    };
    expect(runFleetPolicy(rule, configs).map((v) => v.message.split(" ")[0])).toEqual(['configs["pending"]:']);
  });

  it("says nothing while the configs map is unknown at preview", () => {
    expect(runFleetPolicy(rule, UNKNOWN)).toEqual([]);
  });
});

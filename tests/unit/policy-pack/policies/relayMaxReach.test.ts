// Tests for policy-pack/policies/relayMaxReach.ts. Reach cases are honest: each `reach` is what the provider
// resolves for the policy in the account described beside it; `true` (and `*` in comments) marks a critical
// environment.

import { relayMaxReach as rule } from "../../../../policy-pack/policies/relayMaxReach";
import { Statement } from "../../../../provider/types";
import {
  assertHasViolation,
  assertJudgedPerEntry,
  assertNoViolations,
  baseline as inputs,
  reachOf,
  runFleetPolicy,
  runResourcePolicy,
  UNKNOWN,
} from "../helpers";

const allow = (...resources: string[]): Statement => ({ effect: "allow", resources, actions: ["*"] });

/** Account: `count` projects p00, p01, … each with environments production and test; reach of proj/*:env/*. */
function everything(count: number): Record<string, unknown> {
  const reached: Record<string, boolean> = {};
  for (let i = 0; i < count; i++) {
    const project = `proj/p${String(i).padStart(2, "0")}`;
    reached[`${project}:env/production`] = true;
    reached[`${project}:env/test`] = false;
  }
  return { policy: [allow("proj/*:env/*")], ...reachOf(reached) };
}

/** Account: checkout {production*, test}, web {test}; the baseline reaches three environments. */
function baseline(): Record<string, unknown> {
  return {
    ...inputs(),
    policy: [allow("proj/checkout:env/production", "proj/*:env/test")],
    ...reachOf({ "proj/checkout:env/production": true, "proj/checkout:env/test": false, "proj/web:env/test": false }),
  };
}

const withInputs = (change: Record<string, unknown>) => ({ ...baseline(), ...change });

describe("relay-max-reach", () => {
  it("passes the baseline", () => {
    assertNoViolations(rule, baseline());
  });

  it("is advisory with severity low", () => {
    expect([rule.enforcementLevel, rule.severity]).toEqual(["advisory", "low"]);
  });

  it("flags a reach of more than maxEnvironments, with the count and the first environments", () => {
    const [violation] = assertHasViolation(rule, withInputs(everything(6)), [
      "reaches 12 environments, more than maxEnvironments 10",
      '"proj/p00:env/production", "proj/p00:env/test"',
      '"proj/p04:env/test" and 2 more',
    ]);
    expect(violation.message).not.toContain("p05");
  });

  it("accepts exactly maxEnvironments", () => {
    const props = withInputs(everything(5));
    assertNoViolations(rule, props);
    assertHasViolation(rule, props, ["reaches 10 environments, more than maxEnvironments 9"], { config: { maxEnvironments: 9 } });
  });

  it("uses maxEnvironments from config", () => {
    assertHasViolation(rule, baseline(), ["reaches 3 environments, more than maxEnvironments 2"], {
      config: { maxEnvironments: 2 },
    });
    assertNoViolations(rule, withInputs(everything(6)), { config: { maxEnvironments: 12 } });
  });

  it.each<[string, Record<string, unknown>]>([
    ["absent", { reach: undefined, reachDetails: undefined }],
    ["unknown at preview", { reach: UNKNOWN, reachDetails: UNKNOWN }],
    ["without its details", { reachDetails: undefined }],
  ])("says nothing when the reach is %s", (_title, reach) => {
    const props = withInputs(everything(6));
    expect(runResourcePolicy(rule, props)).toHaveLength(1);
    assertNoViolations(rule, { ...props, ...reach });
  });
});

describe("relay-max-reach in a RelayProxyConfigurations fleet", () => {
  it("reports only the entry reaching too many environments, naming it", () => {
    const violations = assertJudgedPerEntry(rule, withInputs(everything(6)), {}, baseline());
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toMatch(/^configs\["web-bad"\]: the configuration reaches 12 environments/);
  });

  it("uses maxEnvironments from config for every entry", () => {
    const violations = assertJudgedPerEntry(rule, withInputs(everything(2)), { config: { maxEnvironments: 3 } }, baseline());
    expect(violations).toHaveLength(1);
  });

  it("is silent for an entry whose reach is unknown at preview, and judges the others", () => {
    const configs = { pending: withInputs({ ...everything(6), reach: UNKNOWN }), wide: withInputs(everything(6)) };
    expect(runFleetPolicy(rule, configs).map((v) => v.message.split(":")[0])).toEqual(['configs["wide"]']);
  });

  it("says nothing while the configs map is unknown at preview", () => {
    expect(runFleetPolicy(rule, UNKNOWN)).toEqual([]);
  });
});

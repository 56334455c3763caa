// Tests for policy-pack/policies/relayCriticalEnvironments.ts. Reach cases are honest: each `reach` is what the
// provider resolves for the policy in the account described beside it (an environment is reached when an allow
// statement applies to it and no deny statement does); `true` (and `*` in comments) marks a critical environment.

import { relayCriticalEnvironments as rule } from "../../../../policy-pack/policies/relayCriticalEnvironments";
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

/** Account: checkout {production*, test}. The configuration reaches only its critical production environment. */
function baseline(): Record<string, unknown> {
  return {
    ...inputs(),
    policy: [allow("proj/checkout:env/production")],
    ...reachOf({ "proj/checkout:env/production": true }),
    rotation: { trigger: "2025-q1", gracePeriod: "1h" },
  };
}

/** The baseline with some inputs replaced (one field per test; `reach` and `reachDetails` go together). */
const withInputs = (change: Record<string, unknown>) => ({ ...baseline(), ...change });

/** Account: checkout {production*, test}; policy proj/checkout:env/*. */
const mixed = {
  policy: [allow("proj/checkout:env/*")],
  ...reachOf({ "proj/checkout:env/production": true, "proj/checkout:env/test": false }),
};

describe("relay-critical-environments", () => {
  it("passes the baseline", () => {
    assertNoViolations(rule, baseline());
  });

  it.each([["absent", undefined], ["null", null]])("flags rotation %s", (_title, rotation) => {
    assertHasViolation(rule, withInputs({ rotation }), [
      'reaches the critical environment "proj/checkout:env/production"',
      "rotation is not configured",
    ]);
  });

  it.each<[string, unknown]>([["25h", "25h"], ["7d", "7d"], ["milliseconds", 2 * 24 * 60 * 60 * 1000]])(
    "flags a gracePeriod above maxGracePeriod (%s), naming the critical environments",
    (_title, gracePeriod) => {
      assertHasViolation(rule, withInputs({ rotation: { trigger: "t1", gracePeriod } }), [
        "longer than maxGracePeriod \"24h\"",
        'the critical environment "proj/checkout:env/production"',
      ]);
    },
  );

  it.each<[string, unknown]>([["24h exactly", "24h"], ["1m", "1m"], ["unset (0)", undefined]])(
    "accepts a gracePeriod of %s",
    (_title, gracePeriod) => {
      assertNoViolations(rule, withInputs({ rotation: { trigger: "t1", gracePeriod } }));
    },
  );

  it("uses maxGracePeriod from config", () => {
    const props = withInputs({ rotation: { trigger: "t1", gracePeriod: "2h" } });
    assertNoViolations(rule, props);
    assertHasViolation(rule, props, ['longer than maxGracePeriod "1h"'], { config: { maxGracePeriod: "1h" } });
  });

  it("reports an unusable gracePeriod and an unusable maxGracePeriod config", () => {
    assertHasViolation(rule, withInputs({ rotation: { trigger: "t1", gracePeriod: "soon" } }), [
      "rotation.gracePeriod is unusable",
      '"soon"',
      '"proj/checkout:env/production"',
    ]);
    assertHasViolation(rule, baseline(), ['relay-critical-environments.maxGracePeriod "a day"'], {
      config: { maxGracePeriod: "a day" },
    });
  });

  it("flags a configuration reaching critical and non-critical environments, naming both", () => {
    const violations = assertHasViolation(rule, withInputs(mixed), [
      'the critical environment "proj/checkout:env/production" and also the non-critical environment ' +
        '"proj/checkout:env/test"',
      "allowMixed",
    ]);
    expect(violations).toHaveLength(1);
  });

  it("allows mixing with allowMixed", () => {
    assertNoViolations(rule, withInputs(mixed), { config: { allowMixed: true } });
  });

  it("reports a missing rotation and mixing together", () => {
    const messages = runResourcePolicy(rule, withInputs({ ...mixed, rotation: undefined })).map((v) => v.message);
    expect(messages).toEqual([expect.stringContaining("rotation is not configured"), expect.stringContaining("non-critical")]);
  });

  it("is silent when nothing reached is critical, with any rotation", () => {
    // Account: checkout {production*, staging, test}; policy proj/*:env/test, proj/*:env/staging.
    const props = withInputs({
      policy: [allow("proj/*:env/test", "proj/*:env/staging")],
      ...reachOf({ "proj/checkout:env/staging": false, "proj/checkout:env/test": false }),
      rotation: undefined,
    });
    assertHasViolation(rule, { ...props, ...reachOf({ "proj/checkout:env/staging": true }) }, ["rotation is not configured"]);
    assertNoViolations(rule, props);
  });

  it.each<[string, Record<string, unknown>]>([
    ["absent", { reach: undefined, reachDetails: undefined }],
    ["unknown at preview", { reach: UNKNOWN, reachDetails: UNKNOWN }],
    ["unknown inside the list at preview", { reach: [UNKNOWN] }],
    ["without its details", { reachDetails: undefined }],
  ])("says nothing when the reach is %s", (_title, reach) => {
    const props = withInputs({ ...mixed, rotation: { trigger: "t1", gracePeriod: "30d" } });
    expect(runResourcePolicy(rule, props)).toHaveLength(2);
    assertNoViolations(rule, { ...props, ...reach });
  });

  it("does not read the rotation when the reach is unknown at preview", () => {
    assertNoViolations(rule, withInputs({ reach: UNKNOWN, reachDetails: UNKNOWN, rotation: UNKNOWN }));
  });

  it("never echoes the trigger or the comment", () => {
    const secretish = { trigger: "trigger-value-7f3a", gracePeriod: "48h" };
    const props = withInputs({ ...mixed, rotation: secretish, comment: "comment-value-91bc" });
    const messages = runResourcePolicy(rule, props).map((v) => v.message);
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message).not.toContain("trigger-value-7f3a");
      expect(message).not.toContain("comment-value-91bc");
      expect(message).not.toContain("Production"); // the environment's name: messages use reach strings only
    }
  });
});

describe("relay-critical-environments in a RelayProxyConfigurations fleet", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["no rotation", withInputs({ rotation: undefined }), 'the configuration reaches the critical environment "proj/checkout:env/production", but rotation'],
    ["a gracePeriod above maxGracePeriod", withInputs({ rotation: { trigger: "t1", gracePeriod: "25h" } }), 'rotation.gracePeriod "25h"'],
    ["critical and non-critical environments", withInputs(mixed), 'the configuration reaches the critical environment "proj/checkout:env/production" and also'],
  ])("reports only the entry with %s, naming it", (_title, bad, fragment) => {
    const violations = assertJudgedPerEntry(rule, bad, {}, baseline());
    expect(violations).toHaveLength(1);
    expect(violations[0].message.startsWith(`configs["web-bad"]: ${fragment}`)).toBe(true);
  });

  it("uses allowMixed and maxGracePeriod from config for every entry", () => {
    expect(runFleetPolicy(rule, { a: withInputs(mixed), b: withInputs(mixed) }, { config: { allowMixed: true } })).toEqual([]);
    const bad = withInputs({ rotation: { trigger: "t1", gracePeriod: "2h" } });
    expect(assertJudgedPerEntry(rule, bad, { config: { maxGracePeriod: "1h" } }, baseline())).toHaveLength(1);
  });

  it("is silent for an entry whose reach is unknown at preview, and judges the others", () => {
    const configs = {
      pending: withInputs({ reach: UNKNOWN, reachDetails: UNKNOWN, rotation: UNKNOWN }),
      unrotated: withInputs({ rotation: undefined }),
    };
    expect(runFleetPolicy(rule, configs).map((v) => v.message.split(":")[0])).toEqual(['configs["unrotated"]']);
  });

  it("says nothing while the configs map is unknown at preview", () => {
    expect(runFleetPolicy(rule, UNKNOWN)).toEqual([]);
  });
});

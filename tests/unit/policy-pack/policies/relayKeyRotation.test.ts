// Tests for policy-pack/policies/relayKeyRotation.ts (with a fixed clock).

import { createRelayKeyRotation, relayKeyRotation } from "../../../../policy-pack/policies/relayKeyRotation";
import { DAY_MS } from "../../../../provider/duration";
import { rotationWindow } from "../../../../provider/rotation";
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

const NOW = Date.UTC(2025, 5, 1);
const rule = createRelayKeyRotation(() => NOW);
const testOnly: Statement[] = [{ effect: "allow", resources: ["proj/*:env/test"], actions: ["*"] }];

describe("relay-key-rotation", () => {
  it("passes the baseline", () => {
    assertNoViolations(rule, baseline() as unknown as Record<string, unknown>);
  });

  it("is advisory, and the exported rule uses the wall clock", () => {
    expect(relayKeyRotation.enforcementLevel).toBe("advisory");
    assertNoViolations(relayKeyRotation, withInputs({ rotation: { trigger: rotationWindow("30d"), gracePeriod: "1h" } }));
  });

  it.each([["absent", undefined], ["null", null]])("flags rotation %s", (_title, rotation) => {
    assertHasViolation(rule, withInputs({ rotation }), ["rotation is not configured", "rotationWindow"]);
  });

  it.each<[string, unknown]>([["unset", undefined], ["0", 0], ['"0s"', "0s"]])(
    "flags a production config whose gracePeriod is %s",
    (_title, gracePeriod) => {
      assertHasViolation(rule, withInputs({ rotation: { trigger: "t1", gracePeriod } }), [
        "rotation.gracePeriod is 0 or unset",
        "policy[0]",
        '"production"',
        '"24h"',
      ]);
    },
  );

  it.each<[string, unknown]>([["25h", "25h"], ["7d", "7d"], ["milliseconds", 2 * DAY_MS]])(
    "flags a production gracePeriod above maxGracePeriod (%s)",
    (_title, gracePeriod) => {
      const props = withInputs({ rotation: { trigger: "t1", gracePeriod } });
      assertHasViolation(rule, props, ["longer than maxGracePeriod", "policy[0]"]);
    },
  );

  it.each<[string, unknown]>([["24h exactly", "24h"], ["1m", "1m"], ["milliseconds", 5000]])(
    "accepts a production gracePeriod of %s",
    (_title, gracePeriod) => {
      assertNoViolations(rule, withInputs({ rotation: { trigger: "t1", gracePeriod } }));
    },
  );

  it("does not require a grace period when nothing reaches production", () => {
    assertNoViolations(rule, withInputs({ policy: testOnly, rotation: { trigger: "t1" } }));
    assertNoViolations(rule, withInputs({ policy: testOnly, rotation: { trigger: "t1", gracePeriod: "30d" } }));
  });

  it("reports an unusable gracePeriod", () => {
    const props = withInputs({ rotation: { trigger: "t1", gracePeriod: "soon" } });
    assertHasViolation(rule, props, ["rotation.gracePeriod is unusable", '"soon"']);
  });

  it("uses maxGracePeriod and productionPatterns from config", () => {
    const props = withInputs({ rotation: { trigger: "t1", gracePeriod: "2h" } });
    assertHasViolation(rule, props, ['"1h"'], { config: { maxGracePeriod: "1h" } });
    assertNoViolations(rule, props, { config: { maxGracePeriod: "1h", productionPatterns: ["live"] } });
  });

  it("reports an unusable maxGracePeriod config", () => {
    assertHasViolation(rule, baseline() as unknown as Record<string, unknown>, ["relay-key-rotation.maxGracePeriod", '"a day"'], {
      config: { maxGracePeriod: "a day" },
    });
  });

  describe("scheduled triggers", () => {
    it("accepts the current window", () => {
      assertNoViolations(rule, withInputs({ rotation: { trigger: rotationWindow("30d", NOW), gracePeriod: "1h" } }));
    });

    it("flags a window older than maxKeyAgeDays without echoing the trigger", () => {
      const trigger = rotationWindow("30d", NOW - 120 * DAY_MS);
      const [violation] = assertHasViolation(rule, withInputs({ rotation: { trigger, gracePeriod: "1h" } }), [
        /started \d+ days ago \(2025-\d\d-\d\d\)/,
        "maxKeyAgeDays 90",
      ]);
      // The window containing NOW - 120 days started 120 to 149 days before NOW.
      const age = Number(/started (\d+) days/.exec(violation.message)![1]);
      expect(age).toBeGreaterThanOrEqual(120);
      expect(age).toBeLessThan(150);
      expect(violation.message).not.toContain(trigger);
    });

    it("uses maxKeyAgeDays from config", () => {
      const props = withInputs({ rotation: { trigger: rotationWindow("30d", NOW - 20 * DAY_MS), gracePeriod: "1h" } });
      assertNoViolations(rule, props);
      assertHasViolation(rule, props, ["maxKeyAgeDays 7"], { config: { maxKeyAgeDays: 7 } });
    });

    it("checks key age even when nothing reaches production", () => {
      const trigger = rotationWindow("7d", NOW - 200 * DAY_MS);
      expect(runResourcePolicy(rule, withInputs({ policy: testOnly, rotation: { trigger } }))).toHaveLength(1);
    });
  });
});

describe("relay-key-rotation in a RelayProxyConfigurations fleet", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["no rotation", withInputs({ rotation: undefined }), "rotation is not configured"],
    ["no grace period while reaching production", withInputs({ rotation: { trigger: "t1" } }), "rotation.gracePeriod is 0 or unset, but policy[0]"],
    ["a gracePeriod above maxGracePeriod", withInputs({ rotation: { trigger: "t1", gracePeriod: "25h" } }), 'rotation.gracePeriod "25h"'],
    [
      "a window older than maxKeyAgeDays",
      withInputs({ rotation: { trigger: rotationWindow("30d", NOW - 120 * DAY_MS), gracePeriod: "1h" } }),
      "rotation.trigger is a rotationWindow trigger",
    ],
  ])("reports only the entry with %s, naming it", (_title, bad, fragment) => {
    const violations = assertJudgedPerEntry(rule, bad);
    expect(violations).toHaveLength(1);
    expect(violations[0].message.startsWith(`configs["web-bad"]: ${fragment}`)).toBe(true);
  });

  it("uses maxGracePeriod from config for every entry", () => {
    const bad = withInputs({ rotation: { trigger: "t1", gracePeriod: "2h" } });
    expect(assertJudgedPerEntry(rule, bad, { config: { maxGracePeriod: "1h" } })).toHaveLength(1);
  });

  it("says nothing while the configs map is unknown at preview", () => {
    expect(runFleetPolicy(rule, UNKNOWN)).toEqual([]);
  });
});

// Tests for provider/inputs.ts: whole-resource validation (every failure, with paths), the canonical inputs
// `check` returns (fixed key order, no empty or null alternatives, optional fields only when set, a fresh
// object) and the detection of preview-time unknowns.

import { containsUnknown, normalizeInputs, validateInputs } from "../../../provider/inputs";
import { CheckFailure, RelayInputs, Statement } from "../../../provider/types";
import { UNKNOWN_INPUT } from "../../../provider/wire";
import { fakeRelayKey } from "../../support/fake-secrets";

const allow: Statement = { effect: "allow", resources: ["proj/*:env/production"], actions: ["*"] };

/** Inputs as a program may write them (types loosened for nulls and extra keys). */
const loose = (value: Record<string, unknown>) => value as unknown as RelayInputs;

describe("normalizeInputs", () => {
  it.each<[string, RelayInputs, string]>([
    ["minimal", { name: "edge", policy: [allow] }, JSON.stringify({ name: "edge", policy: [allow] })],
    [
      "statement keys put in canonical order",
      loose({ policy: [{ actions: ["*"], resources: ["proj/*:env/production"], effect: "allow" }], name: "edge" }),
      JSON.stringify({ name: "edge", policy: [allow] }),
    ],
    [
      "empty and null alternatives dropped",
      loose({ name: "edge", policy: [{ effect: "deny", notResources: [], resources: ["proj/a:env/b"], actions: null, notActions: ["*"] }] }),
      JSON.stringify({ name: "edge", policy: [{ effect: "deny", resources: ["proj/a:env/b"], notActions: ["*"] }] }),
    ],
    [
      "statement and list order kept",
      { name: "edge", policy: [{ effect: "deny", resources: ["proj/b:env/x", "proj/a:env/x"], actions: ["b", "a"] }, allow] },
      JSON.stringify({ name: "edge", policy: [{ effect: "deny", resources: ["proj/b:env/x", "proj/a:env/x"], actions: ["b", "a"] }, allow] }),
    ],
    [
      "all optional fields, in fixed order",
      loose({ rotation: { gracePeriod: "1h", trigger: "t1" }, comment: "why", policy: [allow], name: "edge" }),
      JSON.stringify({ name: "edge", policy: [allow], comment: "why", rotation: { trigger: "t1", gracePeriod: "1h" } }),
    ],
    ["numeric grace period kept", { name: "e", policy: [allow], rotation: { trigger: "t", gracePeriod: 5000 } }, JSON.stringify({ name: "e", policy: [allow], rotation: { trigger: "t", gracePeriod: 5000 } })],
    ["zero grace period kept", { name: "e", policy: [allow], rotation: { trigger: "t", gracePeriod: 0 } }, JSON.stringify({ name: "e", policy: [allow], rotation: { trigger: "t", gracePeriod: 0 } })],
    ["empty comment kept", { name: "e", policy: [allow], comment: "" }, JSON.stringify({ name: "e", policy: [allow], comment: "" })],
    ["null comment dropped", loose({ name: "e", policy: [allow], comment: null }), JSON.stringify({ name: "e", policy: [allow] })],
    ["null rotation dropped", loose({ name: "e", policy: [allow], rotation: null }), JSON.stringify({ name: "e", policy: [allow] })],
    ["null grace period dropped", loose({ name: "e", policy: [allow], rotation: { trigger: "t", gracePeriod: null } }), JSON.stringify({ name: "e", policy: [allow], rotation: { trigger: "t" } })],
    ["the engine's __provider key dropped (the engine puts it back)", loose({ name: "e", policy: [allow], __provider: "serialized" }), JSON.stringify({ name: "e", policy: [allow] })],
  ])("%s", (_title, news, expected) => {
    expect(JSON.stringify(normalizeInputs(news))).toBe(expected);
  });

  it("is idempotent", () => {
    const once = normalizeInputs(loose({ name: "e", policy: [{ actions: ["*"], notResources: [], effect: "allow", resources: ["proj/*"] }], rotation: { trigger: "t" } }));
    expect(normalizeInputs(once)).toStrictEqual(once);
  });

  it("never mutates the engine's object and shares no arrays with it", () => {
    const news = loose({ name: "e", policy: [{ actions: ["*"], notResources: [], effect: "allow", resources: ["proj/*"] }], rotation: { trigger: "t", gracePeriod: "1h" } });
    const before = JSON.stringify(news);
    const out = normalizeInputs(news);
    expect(JSON.stringify(news)).toBe(before);
    out.policy[0].resources?.push("proj/x");
    out.rotation!.trigger = "changed";
    expect(JSON.stringify(news)).toBe(before);
  });
});

describe("containsUnknown", () => {
  it.each<[string, unknown, boolean]>([
    ["the sentinel itself", UNKNOWN_INPUT, true],
    ["a top-level field", { name: UNKNOWN_INPUT, policy: [allow] }, true],
    ["a whole policy", { name: "e", policy: UNKNOWN_INPUT }, true],
    ["one statement", { name: "e", policy: [allow, UNKNOWN_INPUT] }, true],
    ["a resource list", { policy: [{ effect: "allow", resources: UNKNOWN_INPUT }] }, true],
    ["a resource item", { policy: [{ effect: "allow", resources: ["proj/*", UNKNOWN_INPUT] }] }, true],
    ["an effect", { policy: [{ effect: UNKNOWN_INPUT }] }, true],
    ["a rotation trigger", { rotation: { trigger: UNKNOWN_INPUT } }, true],
    ["known inputs", { name: "e", policy: [allow], comment: "c", rotation: { trigger: "t", gracePeriod: 0 } }, false],
    ["the sentinel as a substring", { name: `x${UNKNOWN_INPUT}` }, false],
    ["the sentinel in upper case", UNKNOWN_INPUT.toUpperCase(), false],
    ["null", null, false],
    ["undefined", undefined, false],
    ["a number", 0, false],
    ["an empty object", {}, false],
    ["an empty array", [], false],
  ])("%s → %p", (_title, value, expected) => {
    expect(containsUnknown(value)).toBe(expected);
  });
});

const allowAll: Statement = { effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] };

describe("validateInputs", () => {
  const valid = { name: "Relay prod", policy: [allowAll] };

  it.each<[string, unknown]>([
    ["name and policy", valid],
    ["with comment and rotation", { ...valid, comment: "managed by Pulumi", rotation: { trigger: "2024-q3", gracePeriod: "24h" } }],
    ["grace period in milliseconds", { ...valid, rotation: { trigger: "t", gracePeriod: 3600000 } }],
    ["Pulumi's __provider key", { ...valid, __provider: "serialized" }],
    ["null optionals", { ...valid, comment: null, rotation: null }],
    ["a 256-character name", { ...valid, name: "n".repeat(256) }],
    ["unknown values at preview", { name: UNKNOWN_INPUT, policy: UNKNOWN_INPUT, comment: UNKNOWN_INPUT, rotation: UNKNOWN_INPUT }],
    ["unknown grace period at preview", { ...valid, rotation: { trigger: "t", gracePeriod: UNKNOWN_INPUT } }],
  ])("accepts %s", (_title, news) => {
    expect(validateInputs(news)).toEqual([]);
  });

  it.each<[string, unknown, CheckFailure[]]>([
    ["not an object", "x", [{ property: "", reason: "resource inputs must be an object, got a string" }]],
    ["an array", [], [{ property: "", reason: "resource inputs must be an object, got an array" }]],
    ["a missing name", { policy: [allowAll] }, [{ property: "name", reason: "name is required" }]],
    ["a numeric name", { ...valid, name: 3 }, [{ property: "name", reason: "must be a string, got a number" }]],
    ["a blank name", { ...valid, name: " " }, [{ property: "name", reason: "must not be empty or blank" }]],
    ["a long name", { ...valid, name: "n".repeat(257) }, [{ property: "name", reason: "must be at most 256 characters long (got 257)" }]],
    ["a missing policy", { name: "x" }, [{ property: "policy", reason: "policy is required" }]],
    ["an unknown field", { ...valid, tags: ["a"] }, [{ property: "tags", reason: expect.stringMatching(/^unknown property "tags"; expected one of name, policy, comment, rotation, adoptConfigId$/) }]],
    ["a numeric comment", { ...valid, comment: 1 }, [{ property: "comment", reason: "must be a string, got a number" }]],
    ["rotation as a string", { ...valid, rotation: "monthly" }, [{ property: "rotation", reason: "must be an object, got a string" }]],
    ["rotation without trigger", { ...valid, rotation: {} }, [{ property: "rotation.trigger", reason: "rotation.trigger is required" }]],
    ["a numeric trigger", { ...valid, rotation: { trigger: 2 } }, [{ property: "rotation.trigger", reason: "must be a string, got a number" }]],
    ["a blank trigger", { ...valid, rotation: { trigger: "" } }, [{ property: "rotation.trigger", reason: "must not be empty or blank" }]],
    ["an unknown rotation field", { ...valid, rotation: { trigger: "t", every: "30d" } }, [{ property: "rotation.every", reason: expect.stringMatching(/unknown property "every"/) }]],
    ["a bad grace period", { ...valid, rotation: { trigger: "t", gracePeriod: "soon" } }, [{ property: "rotation.gracePeriod", reason: expect.stringMatching(/invalid duration "soon"/) }]],
    ["a grace period beyond 30 days", { ...valid, rotation: { trigger: "t", gracePeriod: "31d" } }, [{ property: "rotation.gracePeriod", reason: 'duration "31d" must be between 0ms and 30d' }]],
    ["a boolean grace period", { ...valid, rotation: { trigger: "t", gracePeriod: true } }, [{ property: "rotation.gracePeriod", reason: "must be a duration string or milliseconds, got a boolean" }]],
    ["an adoptConfigId that is not an id", { ...valid, adoptConfigId: "legacy" }, [{ property: "adoptConfigId", reason: 'expected a LaunchDarkly relay config id (24 hexadecimal characters), got "legacy"' }]],
  ])("refuses %s", (_title, news, failures) => {
    expect(validateInputs(news)).toEqual(failures);
  });

  it("returns every failure at once", () => {
    const news = { name: "", policy: [{ effect: "allow" }], comment: 5, rotation: { gracePeriod: -1 }, extra: true };
    expect(validateInputs(news).map((f) => f.property)).toEqual([
      "extra",
      "name",
      "policy[0]",
      "policy[0]",
      "comment",
      "rotation.trigger",
      "rotation.gracePeriod",
    ]);
  });

  it("never echoes the rotation trigger or comment", () => {
    const secretish = fakeRelayKey("0");
    const failures = validateInputs({ name: 1, policy: [allowAll], comment: { secretish }, rotation: { trigger: [secretish], x: 1 } });
    expect(failures.map((f) => f.property)).toEqual(["name", "comment", "rotation.x", "rotation.trigger"]);
    expect(JSON.stringify(failures)).not.toContain(secretish);
  });
});

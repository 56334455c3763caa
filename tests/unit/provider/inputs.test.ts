// Tests for provider/inputs.ts: the canonical inputs `check` returns (fixed key order, no empty or null
// alternatives, optional fields only when set, a fresh object) and the detection of preview-time unknowns.

import { containsUnknown, normalizeInputs } from "../../../provider/inputs";
import { UNKNOWN_INPUT } from "../../../provider/policy";
import { RelayInputs, Statement } from "../../../provider/types";

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

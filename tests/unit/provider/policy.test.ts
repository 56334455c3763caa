// Tests for provider/policy.ts: specifier grammar, policy and input validation (every failure, with paths),
// normalization and equality. Table-driven; the case is in each title.

import {
  formatResourceSpecifier,
  jsonEqual,
  normalizePolicy,
  parseResourceSpecifier,
  policiesEqual,
  UNKNOWN_INPUT,
  validateInputs,
  validatePolicy,
} from "../../../provider/policy";
import { CheckFailure, SpecifierSegment, Statement } from "../../../provider/types";
import { fakeRelayKey } from "../../support/fake-secrets";

const seg = (type: string, name: string, tags: string[] = []): SpecifierSegment => ({ type, name, tags });
const allowAll: Statement = { effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] };

describe("parseResourceSpecifier", () => {
  it.each<[string, SpecifierSegment[]]>([
    ["proj/*:env/production", [seg("proj", "*"), seg("env", "production")]],
    ["proj/my-proj;tag1,tag2:env/*", [seg("proj", "my-proj", ["tag1", "tag2"]), seg("env", "*")]],
    ["proj/*:env/*;qa_*:flag/*", [seg("proj", "*"), seg("env", "*", ["qa_*"]), seg("flag", "*")]],
    ["proj/*", [seg("proj", "*")]],
    ["proj/web.v2:env/prod-*", [seg("proj", "web.v2"), seg("env", "prod-*")]],
    ["proj/a:env/b:flag/c:segment/d", [seg("proj", "a"), seg("env", "b"), seg("flag", "c"), seg("segment", "d")]],
    ["proj/*:env/*:metric-group/*", [seg("proj", "*"), seg("env", "*"), seg("metric-group", "*")]],
    ["proj/*;*:env/production", [seg("proj", "*", ["*"]), seg("env", "production")]],
  ])("accepts %s", (text, segments) => {
    const parsed = parseResourceSpecifier(text);
    expect(parsed).toEqual({ ok: true, value: { segments } });
    if (parsed.ok) expect(formatResourceSpecifier(parsed.value)).toBe(text);
  });

  it.each<[string, string, RegExp]>([
    ["empty", "", /empty/],
    ["a space", "proj/*: env/*", /whitespace/],
    ["a tab", "proj/*\t", /whitespace/],
    ["a trailing colon", "proj/*:", /segment 2 is empty/],
    ["a doubled colon", "proj/*::env/*", /segment 2 is empty/],
    ["no slash", "proj:env/*", /must look like type\/name/],
    ["an empty type", "proj/*:env/*;qa_*:/flag/*", /resource type/],
    ["an uppercase type", "Proj/*", /resource type/],
    ["a type with a digit", "proj/*:env2/x", /resource type/],
    ["an empty name", "proj/:env/*", /needs a name/],
    ["a slash in the name", "proj/a/b", /needs a name/],
    ["a bad character in the name", "proj/a$b", /needs a name/],
    ["an empty tag list", "proj/*;:env/*", /tag/],
    ["an empty tag", "proj/*;a,,b", /tag/],
    ["a bad tag", "proj/*;a!", /tag/],
    ["env first", "env/*", /segment 1 must be of type proj/],
    ["flag second", "proj/*:flag/*", /segment 2 must be of type env/],
  ])("refuses a specifier with %s: %s", (_title, text, reason) => {
    const parsed = parseResourceSpecifier(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it("refuses a non-string at run time", () => {
    expect(parseResourceSpecifier(42 as unknown as string).ok).toBe(false);
  });
});

describe("validatePolicy", () => {
  it.each<[string, unknown]>([
    ["allow everything", [allowAll]],
    ["notResources and notActions", [{ effect: "deny", notResources: ["proj/a:env/b"], notActions: ["updateOn"] }]],
    ["several statements", [allowAll, { effect: "deny", resources: ["proj/*:env/prod*", "proj/x;t:env/*"], actions: ["*"] }]],
    ["an empty alternative next to a set one", [{ effect: "allow", resources: [], notResources: ["proj/*:env/a"], actions: ["*"], notActions: null }]],
    ["unknown at preview (whole policy)", UNKNOWN_INPUT],
    ["unknown at preview (statement, list, item, effect)", [
      UNKNOWN_INPUT,
      { effect: "allow", resources: UNKNOWN_INPUT, actions: ["*"] },
      { effect: UNKNOWN_INPUT, resources: [UNKNOWN_INPUT, "proj/*:env/*"], actions: ["*"] },
    ]],
  ])("accepts %s", (_title, policy) => {
    expect(validatePolicy(policy)).toEqual([]);
  });

  it.each<[string, unknown, CheckFailure[]]>([
    ["undefined", undefined, [{ property: "policy", reason: "policy is required" }]],
    ["a string", "allow all", [{ property: "policy", reason: "must be an array of statements, got a string" }]],
    ["an empty array", [], [{ property: "policy", reason: "must list at least one statement" }]],
    ["a statement that is not an object", [allowAll, ["x"]], [{ property: "policy[1]", reason: "must be a statement object, got an array" }]],
    ["a null statement", [null], [{ property: "policy[0]", reason: "must be a statement object, got null" }]],
    ["a missing effect", [{ resources: ["proj/*:env/*"], actions: ["*"] }], [{ property: "policy[0].effect", reason: "effect is required" }]],
    ["a bad effect", [{ ...allowAll, effect: "permit" }], [{ property: "policy[0].effect", reason: 'effect must be "allow" or "deny", got "permit"' }]],
    ["an unknown field", [{ ...allowAll, condition: {} }], [{ property: "policy[0].condition", reason: expect.stringMatching(/unknown property "condition"/) }]],
    ["both resources and notResources", [{ ...allowAll, notResources: ["proj/*:env/a"] }], [{ property: "policy[0]", reason: "set exactly one of resources or notResources, not both" }]],
    ["neither resources nor notResources", [{ effect: "allow", actions: ["*"] }], [{ property: "policy[0]", reason: "set exactly one of resources or notResources" }]],
    ["an empty resources list", [{ effect: "allow", resources: [], actions: ["*"] }], [{ property: "policy[0].resources", reason: "must list at least one resource specifier" }]],
    ["both actions and notActions", [{ ...allowAll, notActions: ["x"] }], [{ property: "policy[0]", reason: "set exactly one of actions or notActions, not both" }]],
    ["neither actions nor notActions", [{ effect: "allow", resources: ["proj/*:env/*"] }], [{ property: "policy[0]", reason: "set exactly one of actions or notActions" }]],
    ["an empty notActions list", [{ effect: "allow", resources: ["proj/*:env/*"], notActions: [] }], [{ property: "policy[0].notActions", reason: "must list at least one action" }]],
    ["resources as a string", [{ ...allowAll, resources: "proj/*:env/*" }], [{ property: "policy[0].resources", reason: "must be an array of strings, got a string" }]],
    ["a number in resources", [{ ...allowAll, resources: [7] }], [{ property: "policy[0].resources[0]", reason: "must be a string, got a number" }]],
    ["a blank resource", [{ ...allowAll, resources: ["  "] }], [{ property: "policy[0].resources[0]", reason: "must not be empty or blank" }]],
    ["a bad specifier", [{ ...allowAll, resources: ["proj/*:env/*", "project/x"] }], [{ property: "policy[0].resources[1]", reason: expect.stringMatching(/^invalid resource specifier "project\/x": segment 1 must be of type proj/) }]],
    ["a bad notResources specifier", [{ effect: "deny", notResources: ["proj/*:"], actions: ["*"] }], [{ property: "policy[0].notResources[0]", reason: expect.stringMatching(/segment 2 is empty/) }]],
    ["a bad action", [{ ...allowAll, actions: ["update-on"] }], [{ property: "policy[0].actions[0]", reason: expect.stringMatching(/invalid action "update-on"/) }]],
  ])("refuses %s", (_title, policy, failures) => {
    expect(validatePolicy(policy)).toEqual(failures);
  });

  it("returns every failure across statements, with paths", () => {
    const policy = [
      allowAll,
      { effect: "maybe", resources: ["proj/*:env/*", "bad spec", "proj/x"], actions: [] },
      "not a statement",
      { effect: "deny", resources: ["proj/*:env/*"], notResources: ["proj/a:env/b"], actions: ["*"], extra: 1 },
    ];
    expect(validatePolicy(policy).map((f) => f.property)).toEqual([
      "policy[1].effect",
      "policy[1].resources[1]",
      "policy[1].actions",
      "policy[2]",
      "policy[3].extra",
      "policy[3]",
    ]);
  });

  it("uses the given property name", () => {
    expect(validatePolicy([{ effect: "x", resources: ["proj/*"], actions: ["*"] }], "args.policy")).toEqual([
      { property: "args.policy[0].effect", reason: expect.any(String) },
    ]);
  });
});

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

describe("normalizePolicy", () => {
  it.each<[string, Statement[], Statement[]]>([
    ["already canonical", [allowAll], [allowAll]],
    [
      "drops empty and null alternatives",
      [{ effect: "deny", resources: [], notResources: ["proj/a:env/b"], actions: ["*"], notActions: null as unknown as undefined }],
      [{ effect: "deny", notResources: ["proj/a:env/b"], actions: ["*"] }],
    ],
    [
      "drops unknown keys",
      [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"], extra: 1 } as Statement],
      [allowAll],
    ],
    [
      "keeps item and statement order",
      [{ effect: "deny", actions: ["b", "a"], resources: ["proj/z:env/*", "proj/a:env/*"] }, allowAll],
      [{ effect: "deny", resources: ["proj/z:env/*", "proj/a:env/*"], actions: ["b", "a"] }, allowAll],
    ],
  ])("%s", (_title, input, expected) => {
    const out = normalizePolicy(input);
    expect(out).toEqual(expected);
    expect(out.map((s) => Object.keys(s))).toEqual(expected.map((s) => Object.keys(s)));
  });

  it("orders keys effect, resources|notResources, actions|notActions", () => {
    const out = normalizePolicy([{ notActions: ["x"], notResources: ["proj/a:env/b"], effect: "allow" }]);
    expect(Object.keys(out[0])).toEqual(["effect", "notResources", "notActions"]);
  });

  it("deep-copies and never mutates its input", () => {
    const input: Statement[] = [{ actions: ["*"], resources: ["proj/*:env/*"], effect: "allow", notActions: [] }];
    const before = JSON.stringify(input);
    const out = normalizePolicy(input);
    out[0].resources!.push("proj/x:env/y");
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("policiesEqual and jsonEqual", () => {
  it.each<[string, Statement[], Statement[], boolean]>([
    ["identical", [allowAll], [allowAll], true],
    ["key order differs", [allowAll], [{ actions: ["*"], resources: ["proj/*:env/*"], effect: "allow" }], true],
    ["empty alternative present on one side", [allowAll], [{ ...allowAll, notActions: [] }], true],
    ["item order differs", [{ ...allowAll, actions: ["a", "b"] }], [{ ...allowAll, actions: ["b", "a"] }], false],
    ["statement order differs", [allowAll, { ...allowAll, effect: "deny" }], [{ ...allowAll, effect: "deny" }, allowAll], false],
    ["effect differs", [allowAll], [{ ...allowAll, effect: "deny" }], false],
    ["lengths differ", [allowAll], [allowAll, allowAll], false],
  ])("policiesEqual: %s → %s", (_title, a, b, expected) => {
    expect(policiesEqual(a, b)).toBe(expected);
  });

  it.each<[string, unknown, unknown, boolean]>([
    ["numbers", 1, 1, true],
    ["number vs string", 1, "1", false],
    ["array vs object", [], {}, false],
    ["undefined members ignored", { a: 1, b: undefined }, { a: 1 }, true],
    ["missing member", { a: 1, b: 2 }, { a: 1, c: 2 }, false],
    ["null vs object", null, {}, false],
    ["nested", { a: [{ b: [1] }] }, { a: [{ b: [1] }] }, true],
  ])("jsonEqual: %s → %s", (_title, a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
  });
});

// Tests for provider/policy.ts: policy validation (every failure, with paths), the warnings of a policy's
// specifiers, normalization and equality. Table-driven; the case is in each title.

import { inputWarnings, validateInputs } from "../../../provider/inputs";
import { normalizePolicy, policiesEqual, policyWarnings, validatePolicy } from "../../../provider/policy";
import { CheckFailure, Statement } from "../../../provider/types";
import { UNKNOWN_INPUT } from "../../../provider/wire";

const allowAll: Statement = { effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] };

describe("policyWarnings and inputWarnings", () => {
  const policy = [
    allowAll,
    { effect: "allow", resources: ["proj/*:env/*", "proj/*:env/*;qa_*:/flag/*"], actions: ["*"] },
    { effect: "deny", notResources: ["proj/${roleAttribute/projects}:env/*"], actions: ["*"] },
  ];

  it("names the property of each unusual specifier, in resources and notResources", () => {
    expect(policyWarnings(policy)).toEqual([
      { property: "policy[1].resources[1]", reason: expect.stringMatching(/^resource specifier "proj\/\*:env\/\*;qa_\*:\/flag\/\*" is accepted, but segment/) },
      { property: "policy[2].notResources[0]", reason: expect.stringMatching(/is accepted, but it uses the role attribute "projects"/) },
    ]);
    expect(policyWarnings(policy, "args.policy").map((w) => w.property)).toEqual(["args.policy[1].resources[1]", "args.policy[2].notResources[0]"]);
  });

  it("gives check one line per warning, property first", () => {
    const lines = inputWarnings({ name: "relay", policy });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^policy\[1\]\.resources\[1\]: resource specifier "proj\/\*:env\/\*;qa_\*:\/flag\/\*" is accepted, but /);
    expect(lines[1]).toMatch(/^policy\[2\]\.notResources\[0\]: /);
  });

  it.each<[string, unknown]>([
    ["inputs not an object", "x"],
    ["no policy", { name: "relay" }],
    ["policy unknown at preview", { policy: UNKNOWN_INPUT }],
    ["malformed statements and lists", { policy: [42, { resources: UNKNOWN_INPUT }, { resources: [7, UNKNOWN_INPUT, "bad spec"] }] }],
    ["only usual specifiers", { policy: [allowAll] }],
  ])("has none for %s", (_title, news) => {
    expect(inputWarnings(news)).toEqual([]);
  });

  it("warns only about what validation accepts", () => {
    const news = { name: "relay", policy: [{ effect: "allow", resources: ["proj/*:env/*;qa_*:/flag/*"], actions: ["*"] }] };
    expect(validateInputs(news)).toEqual([]);
    expect(inputWarnings(news)).toHaveLength(1);
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

describe("policiesEqual", () => {
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
});

// Tests for provider/policy.ts: specifier grammar, policy and input validation (every failure, with paths),
// normalization and equality. Table-driven; the case is in each title.

import {
  formatResourceSpecifier,
  inputWarnings,
  jsonEqual,
  normalizePolicy,
  ParsedSegment,
  parseResourceSpecifier,
  policiesEqual,
  policyWarnings,
  roleAttributeKey,
  specifierWarnings,
  tagItem,
  UNKNOWN_INPUT,
  validateInputs,
  validatePolicy,
} from "../../../provider/policy";
import { CheckFailure, SpecifierSegment, Statement } from "../../../provider/types";
import { fakeRelayKey } from "../../support/fake-secrets";

const seg = (type: string, name: string, tags: string[] = []): SpecifierSegment => ({ type, name, tags });
const slashed = (type: string, name: string, tags: string[] = []): ParsedSegment => ({ type, name, tags, slashed: true });
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
    ["proj/*:env/*;view:flag/*", [seg("proj", "*"), seg("env", "*", ["view"]), seg("flag", "*")]],
  ])("accepts %s", (text, segments) => {
    const parsed = parseResourceSpecifier(text);
    expect(parsed).toEqual({ ok: true, value: { segments } });
    if (parsed.ok) expect(formatResourceSpecifier(parsed.value)).toBe(text);
  });

  // Every specifier LaunchDarkly publishes (docs, REST API spec, its Terraform provider) with its source.
  it.each<[string, string, ParsedSegment[]]>([
    ["the REST API spec's example of resources", "proj/*:env/*;qa_*:/flag/*", [seg("proj", "*"), seg("env", "*", ["qa_*"]), slashed("flag", "*")]],
    ["the REST API spec's relay example", "proj/*:env/qa", [seg("proj", "*"), seg("env", "qa")]],
    ["the REST API spec's tagged flags", "proj/*:env/*:flag/*;testing-tag", [seg("proj", "*"), seg("env", "*"), seg("flag", "*", ["testing-tag"])]],
    ["Using resources: a project by key", "proj/default", [seg("proj", "default")]],
    ["Using resources: projects by tag", "proj/*;mobile", [seg("proj", "*", ["mobile"])]],
    ["Using resources: every flag", "proj/*:env/*:flag/*", [seg("proj", "*"), seg("env", "*"), seg("flag", "*")]],
    ["Using resources: flags by key prefix", "proj/*:env/*:flag/ops_*", [seg("proj", "*"), seg("env", "*"), seg("flag", "ops_*")]],
    ["Using resources: metrics of a project", "proj/*:metric/*", [seg("proj", "*"), seg("metric", "*")]],
    ["Using resources: segments", "proj/*:env/*:segment/*", [seg("proj", "*"), seg("env", "*"), seg("segment", "*")]],
    ["Using resources: destinations", "proj/*:env/*:destination/*", [seg("proj", "*"), seg("env", "*"), seg("destination", "*")]],
    ["Using resources: users", "proj/*:env/*:user/*", [seg("proj", "*"), seg("env", "*"), seg("user", "*")]],
    ["Using tags: flags with two tags", "proj/*:env/*:flag/*;tag1,tag2", [seg("proj", "*"), seg("env", "*"), seg("flag", "*", ["tag1", "tag2"])]],
    ["Example roles: QA environments", "proj/*:env/*;qa_*", [seg("proj", "*"), seg("env", "*", ["qa_*"])]],
    ["Example roles: flags in production", "proj/*:env/production:flag/*", [seg("proj", "*"), seg("env", "production"), seg("flag", "*")]],
    ["Property-based selectors: critical environments", "proj/*:env/*;{critical:true}:flag/*", [seg("proj", "*"), seg("env", "*", ["{critical:true}"]), seg("flag", "*")]],
    ["Property-based selectors: with a tag", "proj/*:env/*;qa,{critical:false}", [seg("proj", "*"), seg("env", "*", ["qa", "{critical:false}"])]],
    ["Onboarding to views: flags in a view", "proj/default:env/*:flag/*;view:frontend", [seg("proj", "default"), seg("env", "*"), seg("flag", "*", ["view:frontend"])]],
    ["Using role scope: projects from a role attribute", "proj/${roleAttribute/projects}:env/*", [seg("proj", "${roleAttribute/projects}"), seg("env", "*")]],
    ["Terraform provider: environments from a role attribute", "proj/*:env/${roleAttribute/devEnvironments}", [seg("proj", "*"), seg("env", "${roleAttribute/devEnvironments}")]],
    ["Terraform provider: a view from a role attribute", "proj/*:env/production:flag/*;view:${roleAttribute/view}", [seg("proj", "*"), seg("env", "production"), seg("flag", "*", ["view:${roleAttribute/view}"])]],
  ])("accepts LaunchDarkly's documented form (%s): %s", (_source, text, segments) => {
    const parsed = parseResourceSpecifier(text);
    expect(parsed).toEqual({ ok: true, value: { segments } });
    if (parsed.ok) expect(formatResourceSpecifier(parsed.value)).toBe(text);
    expect(validatePolicy([{ effect: "allow", resources: [text], actions: ["*"] }])).toEqual([]);
  });

  it("marks only a segment written with a leading slash", () => {
    const parsed = parseResourceSpecifier("proj/*:env/*:flag/*");
    expect(parsed.ok && parsed.value.segments.some((s) => "slashed" in s)).toBe(false);
  });

  // Each reason names the segment at fault (quoted, or by its position when it is empty).
  it.each<[string, string, RegExp, string]>([
    ["empty", "", /empty/, "it is empty"],
    ["a space", "proj/*: env/*", /whitespace/, '" env/*"'],
    ["a tab", "proj/*\t", /whitespace/, '"proj/*\\t"'],
    ["whitespace inside a selector", "proj/*:env/*;{critical: true}", /whitespace/, "segment 2"],
    ["a trailing colon", "proj/*:", /segment 2 is empty/, "segment 2"],
    ["a doubled colon", "proj/*::env/*", /segment 2 is empty/, "segment 2"],
    ["no slash", "proj:env/*", /must look like type\/name/, '"proj"'],
    ["acct first (no proj)", "acct", /must look like type\/name/, '"acct"'],
    ["an empty type after a leading slash", "proj/*:env/*://flag/*", /resource type/, '"//flag/*"'],
    ["an uppercase type", "Proj/*", /resource type/, '"Proj/*"'],
    ["a type with a digit", "proj/*:env2/x", /resource type/, '"env2/x"'],
    ["an empty name", "proj/:env/*", /needs a name/, '"proj/"'],
    ["a slash in the name", "proj/a/b", /needs a name/, '"proj/a/b"'],
    ["a bad character in the name", "proj/a$b", /needs a name/, '"proj/a$b"'],
    ["a question mark glob", "proj/prod?:env/*", /needs a name/, '"proj/prod?"'],
    ["a role attribute glued to text", "proj/brand-${roleAttribute/project}", /needs a name/, "brand-"],
    ["a role attribute without a key", "proj/${roleAttribute}", /needs a name/, "roleAttribute"],
    ["another placeholder", "proj/${member/email}", /needs a name/, "member/email"],
    ["an empty tag list", "proj/*;:env/*", /tag/, '"proj/*;"'],
    ["an empty tag", "proj/*;a,,b", /tag ""/, '"proj/*;a,,b"'],
    ["a bad tag", "proj/*;a!", /tag "a!"/, '"proj/*;a!"'],
    ["a selector without a value", "proj/*:env/*;{critical}", /tag "\{critical\}"/, '"env/*;{critical}"'],
    ["an unclosed selector", "proj/*:env/*;{critical:true", /tag/, '"env/*;{critical:true"'],
    ["a view without a key", "proj/*:env/*:flag/*;view:", /tag "view:"/, '"flag/*;view:"'],
    ["env first", "env/*", /segment 1 must be of type proj/, "segment 1"],
    ["member first", "member/*", /segment 1 must be of type proj/, '"member"'],
    ["code-reference-repository first", "code-reference-repository/*", /segment 1 must be of type proj/, '"code-reference-repository"'],
    ["integration first", "integration/*", /segment 1 must be of type proj/, '"integration"'],
    ["a leading slash on the project", "/proj/*:env/*", /must not start with "\/"/, '"/proj/*"'],
    ["a leading slash on the environment", "proj/*:/env/*", /must not start with "\/"/, '"/env/*"'],
    ["flag second", "proj/*:flag/*", /segment 2 must be of type env/, '"flag"'],
    ["segment second", "proj/*:segment/*", /segment 2 must be of type env/, '"segment"'],
  ])("refuses a specifier with %s: %s", (_title, text, reason, named) => {
    const parsed = parseResourceSpecifier(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(reason);
      expect(parsed.reason).toContain(named);
    }
  });

  it("refuses a non-string at run time", () => {
    expect(parseResourceSpecifier(42 as unknown as string).ok).toBe(false);
  });
});

describe("tagItem and roleAttributeKey", () => {
  it.each<[string, ReturnType<typeof tagItem>]>([
    ["qa_*", { kind: "tag", glob: "qa_*" }],
    ["{critical:true}", { kind: "selector", property: "critical", value: "true" }],
    ["view:frontend", { kind: "view", view: "frontend" }],
    ["view:${roleAttribute/views}", { kind: "view", view: "${roleAttribute/views}" }],
    ["view:a/b", undefined],
    ["", undefined],
  ])("tagItem(%p)", (item, expected) => {
    expect(tagItem(item)).toEqual(expected);
  });

  it.each<[string, string | undefined]>([
    ["${roleAttribute/projects}", "projects"],
    ["${roleAttribute/update-targeting-environments}", "update-targeting-environments"],
    ["projects", undefined],
    ["${roleAttribute/}", undefined],
  ])("roleAttributeKey(%p) → %p", (name, key) => {
    expect(roleAttributeKey(name)).toBe(key);
  });
});

describe("specifierWarnings", () => {
  it.each<[string]>([
    ["proj/*:env/production"],
    ["proj/*"],
    ["proj/*:env/*;qa_*:flag/*"],
    ["proj/*:env/*;{critical:true}:flag/*"],
    ["proj/default:env/*:flag/*;view:frontend"],
    ["proj/*:env/*:flag/*;tag1,tag2"],
    ["not a specifier"],
    [UNKNOWN_INPUT],
  ])("has none for %s", (text) => {
    expect(specifierWarnings(text)).toEqual([]);
  });

  it.each<[string, RegExp[]]>([
    ["proj/*:env/*;qa_*:/flag/*", [/segment "\/flag\/\*" starts with "\/".*read as "flag\/\*"/]],
    ["proj/${roleAttribute/projects}:env/*", [/role attribute "projects".*cannot be known/]],
    ["proj/*:env/*:flag/*;view:${roleAttribute/views}", [/role attribute "views"/]],
    ["proj/${roleAttribute/p}:env/${roleAttribute/e}", [/role attribute "p"/, /role attribute "e"/]],
    ["proj/*:metric/*", [/segment 2 is of type "metric", not env: it names no environment/]],
    ["proj/*:widget/*", [/segment 2 is of type "widget"/, /resource type "widget" is not one LaunchDarkly documents/]],
    ["proj/*:env/*:gizmo/*", [/resource type "gizmo" is not one LaunchDarkly documents \(proj, .*env/]],
    ["proj/*:env/*;{region:eu}", [/property selector "\{region:eu\}" is not one LaunchDarkly documents/]],
    ["proj/*:env/*;{critical:maybe}", [/property selector "\{critical:maybe\}"/]],
  ])("warns about %s", (text, reasons) => {
    const warnings = specifierWarnings(text);
    expect(warnings).toHaveLength(reasons.length);
    reasons.forEach((reason, i) => expect(warnings[i]).toMatch(reason));
  });
});

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

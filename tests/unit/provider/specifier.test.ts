// Tests for provider/specifier.ts: the resource-specifier grammar (parse and format), tag items and
// role-attribute placeholders, and the warnings of accepted but unusual specifiers. Table-driven.

import {
  formatResourceSpecifier,
  ParsedSegment,
  parseResourceSpecifier,
  roleAttributeKey,
  specifierWarnings,
  tagItem,
} from "../../../provider/specifier";
import { validatePolicy } from "../../../provider/policy";
import { SpecifierSegment } from "../../../provider/types";
import { UNKNOWN_INPUT } from "../../../provider/wire";

const seg = (type: string, name: string, tags: string[] = []): SpecifierSegment => ({ type, name, tags });
const slashed = (type: string, name: string, tags: string[] = []): ParsedSegment => ({ type, name, tags, slashed: true });

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

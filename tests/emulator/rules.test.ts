// Tests emulator/rules.ts: every rule of a config body as a table, every failure reported (not just the first),
// and normalizeInput dropping empty lists without touching its input.

import { configInputErrors, normalizeInput, statementErrors } from "../../emulator/rules";
import type { ConfigInput } from "../../emulator/types";

const ok = { effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] };

describe("configInputErrors", () => {
  it.each([
    ["a valid body", { name: "n", policy: [ok] }, []],
    ["notResources + notActions", { name: "n", policy: [{ effect: "deny", notResources: ["proj/x"], notActions: ["*"] }] }, []],
    ["not an object", "x", ["body: must be a JSON object"]],
    ["null", null, ["body: must be a JSON object"]],
    ["nothing", {}, ["name: is required", "policy: is required"]],
    ["unknown fields", { name: "n", policy: [ok], a: 1, b: 2 }, ["a: is not allowed", "b: is not allowed"]],
    ["blank name", { name: " ", policy: [ok] }, ["name: must not be empty"]],
    ["numeric name", { name: 1, policy: [ok] }, ["name: must be a string"]],
    ["policy object", { name: "n", policy: {} }, ["policy: must be an array"]],
    ["empty policy", { name: "n", policy: [] }, ["policy: must have at least one statement"]],
  ])("%s", (_title, body, errors) => {
    expect(configInputErrors(body)).toEqual(errors);
  });
});

describe("statementErrors", () => {
  it.each([
    ["valid", ok, []],
    ["effect wrong", { ...ok, effect: "Allow" }, ["s.effect: must be one of allow, deny"]],
    ["both resources", { ...ok, notResources: ["x"] }, ["s: has both resources and notResources; set exactly one"]],
    ["neither resources", { effect: "allow", actions: ["*"] }, ["s: has neither resources nor notResources; set exactly one"]],
    ["both actions", { ...ok, notActions: ["x"] }, ["s: has both actions and notActions; set exactly one"]],
    ["neither actions", { effect: "allow", resources: ["x"] }, ["s: has neither actions nor notActions; set exactly one"]],
    ["empty lists count as absent", { effect: "allow", resources: [], notResources: ["x"], actions: ["*"], notActions: [] }, []],
    ["non-string item", { ...ok, actions: [3] }, ["s.actions[0]: must be a non-empty string"]],
    ["list not an array", { ...ok, resources: "proj/*" }, ["s.resources: must be an array of strings"]],
    ["unknown member", { ...ok, role_name: "x" }, ["s.role_name: is not allowed"]],
    ["every failure at once", { effect: "x" }, ["s.effect: must be one of allow, deny", "s: has neither resources nor notResources; set exactly one", "s: has neither actions nor notActions; set exactly one"]],
  ])("%s", (_title, statement, errors) => {
    expect(statementErrors("s", statement)).toEqual(errors);
  });
});

describe("normalizeInput", () => {
  it("drops empty lists and copies the rest", () => {
    const input = { name: "n", policy: [{ effect: "allow", resources: ["a"], notResources: [], actions: ["*"] }] } as ConfigInput;
    const normalized = normalizeInput(input);
    expect(normalized).toEqual({ name: "n", policy: [{ effect: "allow", resources: ["a"], actions: ["*"] }] });
    normalized.policy[0].resources?.push("b");
    expect(input.policy[0].resources).toEqual(["a"]);
  });
});

// Tests for provider/json.ts: structural equality of JSON values.

import { jsonEqual } from "../../../provider/json";

describe("jsonEqual", () => {
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

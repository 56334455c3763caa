// Tests for provider/wording/quote.ts: how values appear in messages (JSON-encoded, truncated) and their kinds.
import { kindOf, quote } from "../../../../provider/wording";

describe("quote", () => {
  it.each<[unknown, string]>([
    ["a b", '"a b"'],
    [42, "42"],
    [undefined, "undefined"],
    [null, "null"],
    [["x"], '["x"]'],
  ])("%p → %s", (value, expected) => {
    expect(quote(value)).toBe(expected);
  });

  it("truncates long values with an ellipsis", () => {
    const text = quote("x".repeat(500));
    expect(text.length).toBe(80);
    expect(text.endsWith("…")).toBe(true);
  });

  it("survives values JSON cannot encode", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(quote(cyclic)).toBe("[object Object]");
    expect(quote(10n)).toBe("10");
  });
});

describe("kindOf", () => {
  it.each<[unknown, string]>([
    [null, "null"],
    [[], "an array"],
    ["", "a string"],
    [1, "a number"],
    [true, "a boolean"],
    [{}, "an object"],
    [undefined, "undefined"],
  ])("%p is %s", (value, kind) => {
    expect(kindOf(value)).toBe(kind);
  });
});

// Tests emulator/jsonpatch.ts: the examples of RFC 6902 appendix A and RFC 7386 appendix A as data, the error
// kinds (invalid → 400, failed → 422), atomicity, and that inputs are never mutated.

import { applyJsonPatch, applyMergePatch, checkOperations, jsonEqual, parsePointer, PatchError } from "../../emulator/jsonpatch";

describe("RFC 6902 appendix A", () => {
  it.each([
    ["A.1 add an object member", { foo: "bar" }, [{ op: "add", path: "/baz", value: "qux" }], { foo: "bar", baz: "qux" }],
    ["A.2 add an array element", { foo: ["bar", "baz"] }, [{ op: "add", path: "/foo/1", value: "qux" }], { foo: ["bar", "qux", "baz"] }],
    ["A.3 remove an object member", { baz: "qux", foo: "bar" }, [{ op: "remove", path: "/baz" }], { foo: "bar" }],
    ["A.4 remove an array element", { foo: ["bar", "qux", "baz"] }, [{ op: "remove", path: "/foo/1" }], { foo: ["bar", "baz"] }],
    ["A.5 replace a value", { baz: "qux", foo: "bar" }, [{ op: "replace", path: "/baz", value: "boo" }], { baz: "boo", foo: "bar" }],
    ["A.6 move a value", { foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } }, [{ op: "move", from: "/foo/waldo", path: "/qux/thud" }], { foo: { bar: "baz" }, qux: { corge: "grault", thud: "fred" } }],
    ["A.7 move an array element", { foo: ["all", "grass", "cows", "eat"] }, [{ op: "move", from: "/foo/1", path: "/foo/3" }], { foo: ["all", "cows", "eat", "grass"] }],
    ["A.8 test a value (success)", { baz: "qux", foo: ["a", 2, "c"] }, [{ op: "test", path: "/baz", value: "qux" }, { op: "test", path: "/foo/1", value: 2 }], { baz: "qux", foo: ["a", 2, "c"] }],
    ["A.10 add a nested member object", { foo: "bar" }, [{ op: "add", path: "/child", value: { grandchild: {} } }], { foo: "bar", child: { grandchild: {} } }],
    ["A.14 ~ escape ordering", { "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: 10 }], { "/": 9, "~1": 10 }],
    ["A.16 add an array value", { foo: ["bar"] }, [{ op: "add", path: "/foo/-", value: ["abc", "def"] }], { foo: ["bar", ["abc", "def"]] }],
    ["copy", { a: { b: 1 } }, [{ op: "copy", from: "/a", path: "/c" }], { a: { b: 1 }, c: { b: 1 } }],
    ["replace the root", { a: 1 }, [{ op: "replace", path: "", value: { b: 2 } }], { b: 2 }],
    ["test with member order ignored", { a: { x: 1, y: 2 } }, [{ op: "test", path: "/a", value: { y: 2, x: 1 } }], { a: { x: 1, y: 2 } }],
  ])("%s", (_title, doc, ops, expected) => {
    expect(applyJsonPatch(doc, checkOperations(ops))).toEqual(expected);
  });

  it.each([
    ["A.9 test a value (error)", { baz: "qux" }, [{ op: "test", path: "/baz", value: "bar" }]],
    ["A.12 add to a nonexistent target", { foo: "bar" }, [{ op: "add", path: "/baz/bat", value: "qux" }]],
    ["A.15 comparing strings and numbers", { "/": 9, "~1": 10 }, [{ op: "test", path: "/~01", value: "10" }]],
    ["remove a missing member", { a: 1 }, [{ op: "remove", path: "/b" }]],
    ["replace a missing member", { a: 1 }, [{ op: "replace", path: "/b", value: 2 }]],
    ["array index out of bounds on add", { a: [1] }, [{ op: "add", path: "/a/2", value: 2 }]],
    ["array index with a leading zero", { a: [1, 2] }, [{ op: "remove", path: "/a/01" }]],
    ["move into its own child", { a: { b: {} } }, [{ op: "move", from: "/a", path: "/a/b/c" }]],
    ["remove the root", { a: 1 }, [{ op: "remove", path: "" }]],
  ])("%s fails with kind 'failed'", (_title, doc, ops) => {
    expect(() => applyJsonPatch(doc, checkOperations(ops))).toThrow(expect.objectContaining({ kind: "failed" }));
  });

  it.each([
    ["A.11 ignoring unrecognized elements is not done: unknown members refused", [{ op: "add", path: "/baz", value: "qux", xyz: 123 }]],
    ["A.13 invalid op", [{ op: "frobnicate", path: "/a" }]],
    ["path without leading slash", [{ op: "remove", path: "a" }]],
    ["bad ~ escape", [{ op: "remove", path: "/a~2" }]],
    ["missing value", [{ op: "replace", path: "/a" }]],
    ["missing from", [{ op: "copy", path: "/a" }]],
    ["not an object", ["remove /a"]],
  ])("%s is kind 'invalid'", (_title, ops) => {
    expect(() => checkOperations(ops)).toThrow(expect.objectContaining({ kind: "invalid" }));
  });
});

describe("applyJsonPatch", () => {
  it("does not mutate the document or the operation values", () => {
    const doc = { list: [{ a: 1 }] };
    const value = { b: 2 };
    const ops = checkOperations([{ op: "add", path: "/list/-", value }, { op: "replace", path: "/list/0/a", value: 5 }]);
    const result = applyJsonPatch(doc, ops) as { list: { b?: number }[] };
    expect(doc).toEqual({ list: [{ a: 1 }] });
    result.list[1].b = 99;
    expect(value).toEqual({ b: 2 });
  });

  it("is atomic: a failing op leaves nothing applied and names its index", () => {
    const doc = { a: 1 };
    const ops = checkOperations([{ op: "replace", path: "/a", value: 2 }, { op: "remove", path: "/missing" }]);
    let caught: unknown;
    try {
      applyJsonPatch(doc, ops);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PatchError);
    expect((caught as PatchError).index).toBe(1);
    expect(doc).toEqual({ a: 1 });
  });

  it("keeps member order on replace", () => {
    const result = applyJsonPatch({ a: 1, b: 2, c: 3 }, checkOperations([{ op: "replace", path: "/b", value: 9 }]));
    expect(Object.keys(result as object)).toEqual(["a", "b", "c"]);
  });

  it("sets __proto__ as plain data, never as a prototype", () => {
    const result = applyJsonPatch({}, checkOperations([{ op: "add", path: "/__proto__", value: { polluted: true } }])) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(result, "__proto__")).toBe(true);
    expect(result.polluted).toBeUndefined();
  });
});

describe("parsePointer", () => {
  it.each([
    ["", []],
    ["/", [""]],
    ["/a/b", ["a", "b"]],
    ["/a~1b/m~0n", ["a/b", "m~n"]],
    ["/~01", ["~1"]],
  ])("%p", (pointer, tokens) => {
    expect(parsePointer(pointer)).toEqual(tokens);
  });
});

describe("RFC 7386 appendix A", () => {
  it.each([
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])("%j merged with %j", (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it("does not mutate the target", () => {
    const target = { a: { b: 1 } };
    applyMergePatch(target, { a: { b: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
  });
});

describe("jsonEqual", () => {
  it.each([
    [1, 1, true],
    [[1, 2], [2, 1], false],
    [{ a: [1] }, { a: [1] }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [null, {}, false],
    ["1", 1, false],
  ])("%j vs %j → %p", (a, b, equal) => {
    expect(jsonEqual(a, b)).toBe(equal);
  });
});

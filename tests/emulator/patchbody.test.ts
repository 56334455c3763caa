// Tests emulator/patchbody.ts: the three PATCH body forms, comments, and the bad bodies refused as invalid_request.

import { EmulatorError } from "../../emulator/errors";
import { parsePatchBody } from "../../emulator/patchbody";

describe("parsePatchBody", () => {
  it.each([
    [[{ op: "remove", path: "/a" }], { kind: "json", operations: [{ op: "remove", path: "/a" }] }],
    [{ patch: [], comment: "c" }, { kind: "json", operations: [], comment: "c" }],
    [{ merge: { name: "x" } }, { kind: "merge", merge: { name: "x" } }],
  ])("%j", (input, parsed) => {
    expect(parsePatchBody(input)).toEqual(parsed);
  });

  it.each([
    ["a string", "patch"],
    ["null", null],
    ["a number", 4],
    ["patch and merge", { patch: [], merge: {} }],
  ])("refuses %s", (_title, input) => {
    expect(() => parsePatchBody(input)).toThrow(EmulatorError);
  });
});

// Tests for provider/patch.ts: fixture-driven computePatch/guardPatch cases (tests/fixtures/patch/<case>/),
// the race guard against concurrent changes, the whole-document guard of a patch computed from stored outputs,
// and applyPatchPure's no-mutation contract.

import * as fs from "fs";
import * as path from "path";
import { compare } from "fast-json-patch";
import { applyPatchPure, computePatch, guardPatch, isTestFailure, PatchableConfig, patchableView, wholeDocumentGuard } from "../../../provider/patch";
import { PatchOperation } from "../../../provider/types";

const FIXTURES = path.join(__dirname, "../../fixtures/patch");

interface PatchCase {
  name: string;
  live: PatchableConfig & Record<string, unknown>;
  desired: PatchableConfig;
  expected: { patch: PatchOperation[]; guarded: PatchOperation[] };
}

const readJson = (dir: string, file: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, dir, file), "utf8"));

const cases: PatchCase[] = fs
  .readdirSync(FIXTURES)
  .sort()
  .map((name) => ({
    name,
    live: readJson(name, "live.json"),
    desired: readJson(name, "desired.json"),
    expected: readJson(name, "expected.json"),
  }));

const table = cases.map((c) => [c.name, c] as const);
const changedTable = table.filter(([, c]) => c.expected.patch.length > 0);

/** Change the value at `pointer` in a way that keeps deeper paths valid: grow arrays and objects, edit scalars. */
function concurrentlyChanged(doc: unknown, pointer: string): unknown {
  const copy = JSON.parse(JSON.stringify(doc));
  const keys = pointer.split("/").slice(1);
  const last = keys.pop()!;
  const parent = keys.reduce((node: any, key) => node[key], copy);
  const value = parent[last];
  if (Array.isArray(value)) value.push(Array.isArray(parent) ? "proj/*:env/other" : { effect: "deny", resources: ["proj/x:env/y"], actions: ["*"] });
  else if (value && typeof value === "object") value.concurrent = true;
  else parent[last] = `${String(value)}-changed`;
  return copy;
}

describe("fixture cases", () => {
  it("has the required cases", () => {
    expect(cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        "unchanged",
        "rename-only",
        "action-added",
        "statement-replaced",
        "statement-appended",
        "statement-removed",
        "resources-to-notresources",
        "statements-reordered",
      ]),
    );
  });

  it.each(table)("%s: computePatch gives the expected minimal patch", (_name, c) => {
    expect(computePatch(c.live, c.desired)).toEqual(c.expected.patch);
  });

  it.each(table)("%s: guardPatch gives the expected guarded patch", (_name, c) => {
    expect(guardPatch(c.live, c.expected.patch)).toEqual(c.expected.guarded);
  });

  it.each(table)("%s: the guarded patch turns live into desired and keeps server fields", (_name, c) => {
    const before = JSON.stringify(c.live);
    const patched = applyPatchPure(c.live, guardPatch(c.live, computePatch(c.live, c.desired)));
    expect(patchableView(patched)).toEqual(patchableView(c.desired));
    expect(patched._id).toBe(c.live._id);
    expect(JSON.stringify(c.live)).toBe(before);
  });

  it.each(table)("%s: the plain patch turns the live view into the desired view", (_name, c) => {
    expect(applyPatchPure(patchableView(c.live), c.expected.patch)).toEqual(patchableView(c.desired));
  });

  it.each(table)("%s: computePatch and guardPatch do not mutate their inputs", (_name, c) => {
    const live = JSON.stringify(c.live);
    const desired = JSON.stringify(c.desired);
    const ops = computePatch(c.live, c.desired);
    const opsText = JSON.stringify(ops);
    guardPatch(c.live, ops);
    expect([JSON.stringify(c.live), JSON.stringify(c.desired), JSON.stringify(ops)]).toEqual([live, desired, opsText]);
  });

  it.each(changedTable)("%s: every test op trips when live changed concurrently at its path", (_name, c) => {
    const guarded = guardPatch(c.live, c.expected.patch);
    const tests = guarded.filter((op) => op.op === "test");
    expect(tests.length).toBeGreaterThan(0);
    for (const t of tests) {
      const changed = concurrentlyChanged(c.live, t.path);
      let error: unknown;
      try {
        applyPatchPure(changed, guarded);
      } catch (e) {
        error = e;
      }
      expect({ path: t.path, tripped: isTestFailure(error) }).toEqual({ path: t.path, tripped: true });
    }
  });

  it.each(changedTable)("%s: every replace/remove/add is preceded by a test", (_name, c) => {
    const guarded = guardPatch(c.live, c.expected.patch);
    guarded.forEach((op, i) => {
      if (op.op !== "test") expect(guarded[i - 1]?.op).toBe("test");
    });
  });

  const withoutAdds = table.filter(([, c]) => c.expected.patch.every((op) => op.op === "replace" || op.op === "remove"));
  it.each(withoutAdds)("%s: without adds, guardPatch equals compare's invertible mode", (_name, c) => {
    const live = patchableView(c.live);
    expect(guardPatch(live, c.expected.patch)).toEqual(compare(live, patchableView(c.desired), true));
  });
});

describe("concurrent changes", () => {
  const byName = (name: string) => cases.find((c) => c.name === name)!;

  it.each([
    ["rename-only", "someone renamed it", (l: any) => ({ ...l, name: "Renamed by a colleague" })],
    [
      "statement-appended",
      "someone appended a statement",
      (l: any) => ({ ...l, policy: [...l.policy, { effect: "deny", resources: ["proj/*:env/x"], actions: ["*"] }] }),
    ],
    ["action-added", "someone added another action", (l: any) => ({ ...l, policy: [{ ...l.policy[0], actions: ["updateOn", "deleteOn"] }] })],
  ])("%s: the guarded patch fails when %s", (name, _what, change) => {
    const c = byName(name);
    const guarded = guardPatch(c.live, computePatch(c.live, c.desired));
    expect(() => applyPatchPure(change(c.live), guarded)).toThrow(expect.objectContaining({ name: "TEST_OPERATION_FAILED" }));
  });

  it("the unguarded append silently applies on top of a concurrent change (why the guard exists)", () => {
    const c = byName("statement-appended");
    const changed = { ...c.live, policy: [...c.live.policy, { effect: "deny", resources: ["proj/*:env/x"], actions: ["*"] }] };
    expect(() => applyPatchPure(changed, c.expected.patch)).not.toThrow();
  });
});

describe("wholeDocumentGuard", () => {
  const known: PatchableConfig = {
    name: "edge",
    policy: [
      { effect: "allow", resources: ["proj/*:env/production"], actions: ["*"] },
      { effect: "deny", resources: ["proj/internal:env/*"], actions: ["*"] },
    ],
  };
  const desired: PatchableConfig = { name: "edge-2", policy: [known.policy[0], { ...known.policy[1], actions: ["updateOn"] }] };
  const body = (): PatchOperation[] => [...wholeDocumentGuard(known), ...computePatch(known, desired)];

  it("tests the name and the canonical policy, and nothing else", () => {
    expect(wholeDocumentGuard(known)).toEqual([
      { op: "test", path: "/name", value: "edge" },
      { op: "test", path: "/policy", value: patchableView(known).policy },
    ]);
  });

  it("the guarded patch takes the known document to the desired one", () => {
    expect(patchableView(applyPatchPure({ ...structuredClone(known), _id: "x", displayKey: "abcd" }, body()))).toEqual(patchableView(desired));
  });

  it.each<[string, (doc: PatchableConfig) => void]>([
    ["renamed", (doc) => void (doc.name = "someone")],
    ["an action added to a statement the patch does not touch", (doc) => void doc.policy[0].actions?.push("createFlag")],
    ["a statement appended", (doc) => void doc.policy.push({ effect: "allow", resources: ["proj/x:env/y"], actions: ["*"] })],
    ["statements reordered", (doc) => void doc.policy.reverse()],
  ])("a document %s since it was known fails the guard, so nothing is patched over it", (_title, change) => {
    const live = structuredClone(known);
    change(live);
    let thrown: unknown;
    try {
      applyPatchPure(live, body());
    } catch (err) {
      thrown = err;
    }
    expect(isTestFailure(thrown)).toBe(true);
  });
});

describe("guardPatch", () => {
  const live = { _id: "x", name: "a", policy: [{ effect: "allow", resources: ["proj/*:env/a"], actions: ["*"] }] };

  it.each<[string, PatchOperation[], PatchOperation[]]>([
    ["empty patch", [], []],
    [
      "caller's identical test is not duplicated",
      [{ op: "test", path: "/name", value: "a" }, { op: "replace", path: "/name", value: "b" }],
      [{ op: "test", path: "/name", value: "a" }, { op: "replace", path: "/name", value: "b" }],
    ],
    [
      "add of a top-level member has no parent test",
      [{ op: "add", path: "/comment", value: "c" }],
      [{ op: "add", path: "/comment", value: "c" }],
    ],
    [
      "move tests its source and the target's parent",
      [{ op: "move", from: "/policy/0/resources", path: "/policy/0/notResources" }],
      [
        { op: "test", path: "/policy/0/resources", value: ["proj/*:env/a"] },
        { op: "test", path: "/policy/0", value: live.policy[0] },
        { op: "move", from: "/policy/0/resources", path: "/policy/0/notResources" },
      ],
    ],
    [
      "copy tests the target's parent",
      [{ op: "copy", from: "/policy/0", path: "/policy/1" }],
      [
        { op: "test", path: "/policy", value: live.policy },
        { op: "copy", from: "/policy/0", path: "/policy/1" },
      ],
    ],
    [
      "tests follow earlier operations (two removals at the same index)",
      [
        { op: "add", path: "/policy/-", value: { effect: "deny", resources: ["proj/*:env/b"], actions: ["*"] } },
        { op: "remove", path: "/policy/0" },
        { op: "remove", path: "/policy/0" },
      ],
      [
        { op: "test", path: "/policy", value: live.policy },
        { op: "add", path: "/policy/-", value: { effect: "deny", resources: ["proj/*:env/b"], actions: ["*"] } },
        { op: "test", path: "/policy/0", value: live.policy[0] },
        { op: "remove", path: "/policy/0" },
        { op: "test", path: "/policy/0", value: { effect: "deny", resources: ["proj/*:env/b"], actions: ["*"] } },
        { op: "remove", path: "/policy/0" },
      ],
    ],
    [
      "escaped pointer segments",
      [{ op: "replace", path: "/we~1ird~0key", value: 2 }],
      [
        { op: "test", path: "/we~1ird~0key", value: 1 },
        { op: "replace", path: "/we~1ird~0key", value: 2 },
      ],
    ],
  ])("%s", (_title, ops, expected) => {
    const doc = { ...live, "we/ird~key": 1 };
    const guarded = guardPatch(doc, ops);
    expect(guarded).toEqual(expected);
    expect(() => applyPatchPure(doc, guarded)).not.toThrow();
  });

  it.each<[string, PatchOperation]>([
    ["replace of a missing member", { op: "replace", path: "/nope", value: 1 }],
    ["remove past the end of an array", { op: "remove", path: "/policy/5" }],
    ["remove with a non-numeric array index", { op: "remove", path: "/policy/first" }],
    ["remove below a scalar", { op: "remove", path: "/name/x" }],
  ])("throws for %s", (_title, op) => {
    expect(() => guardPatch(live, [op])).toThrow(/does not exist in the live configuration/);
  });

  it("test values are copies, not references into live", () => {
    const guarded = guardPatch(live, [{ op: "remove", path: "/policy/0" }]);
    (guarded[0].value as any).effect = "deny";
    expect(live.policy[0].effect).toBe("allow");
  });
});

describe("applyPatchPure", () => {
  it("returns a new document and shares nothing with doc or ops", () => {
    const doc = { name: "a", policy: [] as unknown[] };
    const ops: PatchOperation[] = [{ op: "add", path: "/policy/0", value: { effect: "allow", actions: ["*"] } }];
    const out = applyPatchPure(doc, ops);
    expect(out).toEqual({ name: "a", policy: [{ effect: "allow", actions: ["*"] }] });
    expect(doc.policy).toEqual([]);
    (out.policy[0] as any).effect = "deny";
    expect((ops[0].value as any).effect).toBe("allow");
  });

  const thrownBy = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it.each<[string, boolean, () => unknown]>([
    ["a failed test op", true, () => thrownBy(() => applyPatchPure({ a: 1 }, [{ op: "test", path: "/a", value: 2 }]))],
    ["an unresolvable path", false, () => thrownBy(() => applyPatchPure({ a: 1 }, [{ op: "remove", path: "/b" }]))],
    ["a plain Error", false, () => new Error("x")],
    ["nothing thrown", false, () => undefined],
  ])("isTestFailure for %s is %s", (_title, expected, error) => {
    expect(isTestFailure(error())).toBe(expected);
  });
});

describe("computePatch", () => {
  it("ignores fields other than name and policy", () => {
    const live = { name: "a", policy: [], _id: "1", displayKey: "abcd" } as PatchableConfig;
    expect(computePatch(live, { name: "a", policy: [] })).toEqual([]);
  });

  it("treats a missing live policy as empty", () => {
    const live = { name: "a" } as PatchableConfig;
    expect(computePatch(live, { name: "a", policy: [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }] })).toEqual([
      { op: "add", path: "/policy/0", value: { effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] } },
    ]);
  });

  it("returns values that do not alias desired", () => {
    const desired = { name: "a", policy: [{ effect: "allow" as const, resources: ["proj/*:env/*"], actions: ["*"] }] };
    const ops = computePatch({ name: "a", policy: [] }, desired);
    (ops[0].value as any).actions.push("x");
    expect(desired.policy[0].actions).toEqual(["*"]);
  });
});

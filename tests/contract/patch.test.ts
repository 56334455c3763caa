// Contract: PATCH as RFC 6902 JSON Patch ({patch, comment} or a bare array, all six ops) and as RFC 7386 merge
// patch ({merge, comment}); read-only paths refused (400); failing tests and missing paths are 422 patch_failed.
// Every answer is validated against the spec by contract().

import { CONFIGS, control, createConfig, startEmulator, T0, type TestEmulator } from "../emulator/support/client";
import { contract } from "./support/spec";

let emu: TestEmulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

async function patch(id: string, body: unknown) {
  return contract(emu.url, "PATCH", `${CONFIGS}/${id}`, { body });
}

const statement2 = { effect: "deny", resources: ["proj/*:env/production"], actions: ["*"] };

describe("JSON Patch operations", () => {
  it.each([
    ["add", [{ op: "add", path: "/policy/-", value: statement2 }], (c: any) => expect(c.policy[1]).toEqual(statement2)],
    ["remove", [{ op: "add", path: "/policy/-", value: statement2 }, { op: "remove", path: "/policy/0" }], (c: any) => expect(c.policy).toEqual([statement2])],
    ["replace", [{ op: "replace", path: "/policy/0/resources/0", value: "proj/a:env/b" }], (c: any) => expect(c.policy[0].resources).toEqual(["proj/a:env/b"])],
    ["move", [{ op: "move", from: "/policy/0/resources", path: "/policy/0/notResources" }], (c: any) => expect(c.policy[0]).toEqual({ effect: "allow", notResources: ["proj/*:env/*"], actions: ["*"] })],
    ["copy", [{ op: "copy", from: "/policy/0", path: "/policy/1" }], (c: any) => expect(c.policy[1]).toEqual(c.policy[0])],
    ["test then replace", [{ op: "test", path: "/name", value: "relay-a" }, { op: "replace", path: "/name", value: "b" }], (c: any) => expect(c.name).toBe("b")],
    ["test on a read-only field (lastModified guard)", [{ op: "test", path: "/lastModified", value: T0 }, { op: "replace", path: "/name", value: "g" }], (c: any) => expect(c.name).toBe("g")],
  ])("%s", async (_title, ops, check) => {
    const created = await createConfig(emu.url);
    const reply = await patch(created._id, { patch: ops });
    expect(reply.status).toBe(200);
    check(reply.body);
  });

  it("accepts a bare array of operations", async () => {
    const created = await createConfig(emu.url);
    const reply = await patch(created._id, [{ op: "replace", path: "/name", value: "bare" }]);
    expect(reply.status).toBe(200);
    expect(reply.body.name).toBe("bare");
  });

  it("applies a merge patch", async () => {
    const created = await createConfig(emu.url);
    const reply = await patch(created._id, { merge: { name: "merged", policy: [statement2] }, comment: "via merge" });
    expect(reply.status).toBe(200);
    expect(reply.body.name).toBe("merged");
    expect(reply.body.policy).toEqual([statement2]);
  });

  it("leaves lastModified alone when nothing changes", async () => {
    const created = await createConfig(emu.url);
    emu.clock.advance(5);
    const reply = await patch(created._id, { patch: [{ op: "test", path: "/name", value: "relay-a" }] });
    expect(reply.body.lastModified).toBe(T0);
  });
});

describe("read-only paths are refused with 400", () => {
  it.each([
    ["replace", "/_id", "aaaaaaaaaaaaaaaaaaaaaaaa"],
    ["add", "/fullKey", "rel-x"],
    ["replace", "/displayKey", "abcd"],
    ["replace", "/creationDate", 1],
    ["replace", "/lastModified", 1],
    ["remove", "/_creator", undefined],
    ["replace", "/_creator/email", "x@y.z"],
    ["replace", "/_access", { denied: [], allowed: [] }],
  ])("%s %s", async (op, path, value) => {
    const created = await createConfig(emu.url);
    const reply = await patch(created._id, { patch: [value === undefined ? { op, path } : { op, path, value }] });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
    expect(reply.body.message).toContain(path);
  });

  it.each(["_id", "displayKey", "lastModified"])("merge touching %s", async (field) => {
    const created = await createConfig(emu.url);
    const reply = await patch(created._id, { merge: { [field]: null } });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(field);
  });

  it("move from a read-only path", async () => {
    const created = await createConfig(emu.url);
    const reply = await patch(created._id, [{ op: "move", from: "/displayKey", path: "/name" }]);
    expect(reply.status).toBe(400);
  });
});

describe("patches that cannot apply are 422 patch_failed and change nothing", () => {
  it.each([
    ["failing test", [{ op: "test", path: "/name", value: "other" }, { op: "replace", path: "/name", value: "x" }]],
    ["test on a missing path", [{ op: "test", path: "/nothing", value: 1 }]],
    ["remove a missing path", [{ op: "remove", path: "/policy/3" }]],
    ["replace a missing member", [{ op: "replace", path: "/policy/0/notActions", value: ["*"] }]],
    ["add past the end of an array", [{ op: "add", path: "/policy/5", value: {} }]],
    ["add under a missing parent", [{ op: "add", path: "/missing/child", value: 1 }]],
    ["move from a missing path", [{ op: "move", from: "/nope", path: "/name" }]],
    ["copy from a missing path", [{ op: "copy", from: "/policy/9", path: "/policy/-" }]],
    ["later op fails after an earlier one applied", [{ op: "replace", path: "/name", value: "half" }, { op: "remove", path: "/zzz" }]],
  ])("%s", async (_title, ops) => {
    const created = await createConfig(emu.url);
    const reply = await patch(created._id, { patch: ops });
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe("patch_failed");
    const after = await contract(emu.url, "GET", `${CONFIGS}/${created._id}`);
    expect(after.body.name).toBe("relay-a");
  });
});

describe("comments", () => {
  it("keeps the comments of each config, inspectable through the control API", async () => {
    const created = await createConfig(emu.url);
    emu.clock.advance(1);
    await patch(created._id, { patch: [{ op: "replace", path: "/name", value: "n1" }], comment: "first" });
    emu.clock.advance(1);
    await patch(created._id, { merge: { name: "n2" }, comment: "second" });
    await patch(created._id, [{ op: "replace", path: "/name", value: "n3" }]);
    const state = (await control(emu.url, "GET", "/state")).body;
    expect(state.configs[0].comments).toEqual([
      { at: T0 + 1, comment: "first" },
      { at: T0 + 2, comment: "second" },
    ]);
  });
});

it("patching an unknown id is 404", async () => {
  const reply = await patch("0123456789abcdef01234567", [{ op: "replace", path: "/name", value: "x" }]);
  expect(reply.status).toBe(404);
  expect(reply.body.code).toBe("not_found");
});

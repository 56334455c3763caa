// Contract: the relay auto-config lifecycle (list, create, get, patch, reset, delete) against the OpenAPI spec.
// Every answer goes through contract(), which validates it with ajv against the schema the spec declares.

import { CONFIGS, configBody, startEmulator, T0, type TestEmulator } from "../emulator/support/client";
import { contract } from "./support/spec";

describe("relay auto-config lifecycle (contract)", () => {
  let emu: TestEmulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  it("lists nothing at first", async () => {
    const reply = await contract(emu.url, "GET", CONFIGS);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ items: [] });
  });

  it("creates a config with id, key, displayKey, timestamps and creator", async () => {
    const reply = await contract(emu.url, "POST", CONFIGS, { body: configBody("first") });
    expect(reply.status).toBe(201);
    const config = reply.body;
    expect(config._id).toMatch(/^[0-9a-f]{24}$/);
    expect(config.fullKey).toMatch(/^rel-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(config.displayKey).toBe(config.fullKey.slice(-4));
    expect(config.creationDate).toBe(T0);
    expect(config.lastModified).toBe(T0);
    expect(config.name).toBe("first");
    expect(config.policy).toEqual(configBody().policy);
    expect(config._access).toEqual({ denied: [], allowed: [] });
    expect(config._creator._links.self.href).toBe(`/api/v2/members/${config._creator._id}`);
  });

  it("never shows fullKey on get or list", async () => {
    const created = (await contract(emu.url, "POST", CONFIGS, { body: configBody() })).body;
    const one = await contract(emu.url, "GET", `${CONFIGS}/${created._id}`);
    const all = await contract(emu.url, "GET", CONFIGS);
    expect(one.status).toBe(200);
    expect(one.body.fullKey).toBeUndefined();
    expect(one.text).not.toContain(created.fullKey);
    expect(all.body.items).toHaveLength(1);
    expect(all.text).not.toContain(created.fullKey);
    const { fullKey: _omit, ...withoutKey } = created;
    expect(one.body).toEqual(withoutKey);
  });

  it("patches, bumping lastModified from the clock", async () => {
    const created = (await contract(emu.url, "POST", CONFIGS, { body: configBody() })).body;
    emu.clock.advance(1500);
    const reply = await contract(emu.url, "PATCH", `${CONFIGS}/${created._id}`, {
      body: { patch: [{ op: "replace", path: "/name", value: "renamed" }], comment: "rename" },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.name).toBe("renamed");
    expect(reply.body.lastModified).toBe(T0 + 1500);
    expect(reply.body.creationDate).toBe(T0);
    expect(reply.body.fullKey).toBeUndefined();
  });

  it("resets the key: same id, new fullKey and displayKey, new lastModified", async () => {
    const created = (await contract(emu.url, "POST", CONFIGS, { body: configBody() })).body;
    emu.clock.advance(10);
    const first = await contract(emu.url, "POST", `${CONFIGS}/${created._id}/reset?expiry=${T0 + 60_000}`);
    emu.clock.advance(10);
    const second = await contract(emu.url, "POST", `${CONFIGS}/${created._id}/reset`);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const keys = [created.fullKey, first.body.fullKey, second.body.fullKey];
    expect(new Set(keys).size).toBe(3);
    expect(first.body._id).toBe(created._id);
    expect(first.body.displayKey).toBe(first.body.fullKey.slice(-4));
    expect(first.body.lastModified).toBe(T0 + 10);
    expect(second.body.lastModified).toBe(T0 + 20);
    const fetched = await contract(emu.url, "GET", `${CONFIGS}/${created._id}`);
    expect(fetched.body.displayKey).toBe(second.body.fullKey.slice(-4));
  });

  it("deletes with 204 and an empty body; the config is gone", async () => {
    const created = (await contract(emu.url, "POST", CONFIGS, { body: configBody() })).body;
    const reply = await contract(emu.url, "DELETE", `${CONFIGS}/${created._id}`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe("");
    expect((await contract(emu.url, "GET", `${CONFIGS}/${created._id}`)).status).toBe(404);
    expect((await contract(emu.url, "DELETE", `${CONFIGS}/${created._id}`)).status).toBe(404);
    expect((await contract(emu.url, "GET", CONFIGS)).body.items).toEqual([]);
  });

  it("lists configs oldest first", async () => {
    for (const name of ["a", "b", "c"]) {
      await contract(emu.url, "POST", CONFIGS, { body: configBody(name) });
      emu.clock.advance(1);
    }
    const reply = await contract(emu.url, "GET", CONFIGS);
    expect(reply.body.items.map((item: { name: string }) => item.name)).toEqual(["a", "b", "c"]);
  });

  it("accepts a duplicated LD-API-Version header", async () => {
    const reply = await contract(emu.url, "GET", CONFIGS, { headers: { "LD-API-Version": "20240415, 20240415" } });
    expect(reply.status).toBe(200);
  });

  it("keeps notResources / notActions statements as sent", async () => {
    const policy = [
      { effect: "deny", notResources: ["proj/prod:env/*"], notActions: ["*"] },
      { effect: "allow", resources: ["proj/my-proj;mobile,web:env/prod*"], actions: ["*"] },
    ];
    const reply = await contract(emu.url, "POST", CONFIGS, { body: { name: "n", policy } });
    expect(reply.status).toBe(201);
    expect(reply.body.policy).toEqual(policy);
  });
});

// Tests emulator/relay.ts and which keys the auto-config stream accepts: the current key works; a previous key
// works while now < expiry and stops at the expiry millisecond exactly (injected clock); no expiry or a past one
// ends it at once; each previous key keeps its own expiry; a deleted config's keys stop. (What the stream then
// sends is tested in streams.test.ts.)

import { acceptsKey, findConfigByHash, hashKey } from "../../emulator/relay";
import type { StoredConfig } from "../../emulator/types";
import { call, CONFIGS, createConfig, startEmulator, T0, type TestEmulator } from "./support/client";
import { fakeRelayKey } from "../support/fake-secrets";

describe("acceptsKey / findConfigByHash", () => {
  const config: StoredConfig = {
    _id: "0123456789abcdef01234567",
    name: "n",
    policy: [{ effect: "allow", resources: ["proj/*"], actions: ["*"] }],
    creationDate: 0,
    lastModified: 0,
    creator: { _links: { self: { href: "/api/v2/members/m", type: "application/json" } }, _id: "m", role: "writer", email: "m@x" },
    key: { hash: hashKey("rel-current"), displayKey: "rent" },
    previousKeys: [{ hash: hashKey("rel-old"), displayKey: "-old", expiry: 1000 }],
    comments: [],
  };

  it.each([
    ["rel-current", 5000, true],
    ["rel-old", 999, true],
    ["rel-old", 1000, false],
    ["rel-old", 1001, false],
    ["rel-other", 0, false],
  ])("%s at %i → %p", (key, now, accepted) => {
    expect(acceptsKey(config, hashKey(key), now)).toBe(accepted);
  });

  it("returns only id, name and policy; null for a key no config accepts", () => {
    expect(findConfigByHash([config], hashKey("rel-current"), 0)).toEqual({ _id: config._id, name: "n", policy: config.policy });
    expect(findConfigByHash([config], hashKey("rel-old"), 1000)).toBeNull();
    expect(findConfigByHash([config], hashKey(""), 0)).toBeNull();
  });
});

describe("GET /relay_auto_config", () => {
  let emu: TestEmulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  const relay = (key: string | null) => call(emu.url, "GET", "/relay_auto_config", { token: key });

  it("accepts the current key and starts the stream with a put", async () => {
    const created = await createConfig(emu.url, "relay-view");
    const reply = await relay(created.fullKey);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toContain("text/event-stream");
    expect(reply.body.event).toBe("put");
    expect(Object.keys(reply.body.data.data.environments).length).toBeGreaterThan(0);
  });

  it.each([
    ["no key", null],
    ["an unknown key", fakeRelayKey("0")],
    ["an API token", "emulator-dev-token"],
  ])("refuses %s with 401", async (_title, key) => {
    await createConfig(emu.url);
    const reply = await relay(key);
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("unauthorized");
  });

  it("honours the grace period to the millisecond", async () => {
    const created = await createConfig(emu.url);
    const expiry = T0 + 60_000;
    const reset = (await call(emu.url, "POST", `${CONFIGS}/${created._id}/reset?expiry=${expiry}`)).body;
    emu.clock.set(expiry - 1);
    expect((await relay(created.fullKey)).status).toBe(200);
    expect((await relay(reset.fullKey)).status).toBe(200);
    emu.clock.set(expiry);
    expect((await relay(created.fullKey)).status).toBe(401);
    expect((await relay(reset.fullKey)).status).toBe(200);
  });

  it.each([
    ["no expiry", ""],
    ["an expiry in the past", `?expiry=${T0 - 1}`],
    ["an expiry equal to now", `?expiry=${T0}`],
  ])("with %s the old key stops at once", async (_title, query) => {
    const created = await createConfig(emu.url);
    const reset = (await call(emu.url, "POST", `${CONFIGS}/${created._id}/reset${query}`)).body;
    expect((await relay(created.fullKey)).status).toBe(401);
    expect((await relay(reset.fullKey)).status).toBe(200);
  });

  it("with --previous-keys many, each previous key keeps its own expiry across several resets", async () => {
    await emu.close();
    emu = await startEmulator({ previousKeys: "many" });
    const k0 = await createConfig(emu.url);
    const k1 = (await call(emu.url, "POST", `${CONFIGS}/${k0._id}/reset?expiry=${T0 + 100}`)).body;
    emu.clock.set(T0 + 10);
    const k2 = (await call(emu.url, "POST", `${CONFIGS}/${k0._id}/reset?expiry=${T0 + 50}`)).body;
    emu.clock.set(T0 + 49);
    expect((await relay(k0.fullKey)).status).toBe(200);
    expect((await relay(k1.fullKey)).status).toBe(200);
    expect((await relay(k2.fullKey)).status).toBe(200);
    emu.clock.set(T0 + 50);
    expect((await relay(k1.fullKey)).status).toBe(401);
    expect((await relay(k0.fullKey)).status).toBe(200);
    emu.clock.set(T0 + 100);
    expect((await relay(k0.fullKey)).status).toBe(401);
    expect((await relay(k2.fullKey)).status).toBe(200);
  });

  it("with --previous-keys one (the default), a reset ends the key before the expiring one at once", async () => {
    const k0 = await createConfig(emu.url);
    const k1 = (await call(emu.url, "POST", `${CONFIGS}/${k0._id}/reset?expiry=${T0 + 100}`)).body;
    emu.clock.set(T0 + 10);
    const k2 = (await call(emu.url, "POST", `${CONFIGS}/${k0._id}/reset?expiry=${T0 + 50}`)).body;
    expect((await relay(k0.fullKey)).status).toBe(401);
    expect((await relay(k1.fullKey)).status).toBe(200);
    expect((await relay(k2.fullKey)).status).toBe(200);
    expect((await call(emu.url, "GET", "/__emulator/state", { token: null })).body.configs[0].previousKeys).toEqual([{ displayKey: k1.displayKey, expiry: T0 + 50 }]);
    emu.clock.set(T0 + 50);
    expect((await relay(k1.fullKey)).status).toBe(401);
  });

  it("an expired key stays expired when the clock is moved back (it is forgotten once the clock reaches its expiry)", async () => {
    const created = await createConfig(emu.url);
    const reset = (await call(emu.url, "POST", `${CONFIGS}/${created._id}/reset?expiry=${T0 + 1000}`)).body;
    expect((await call(emu.url, "POST", "/__emulator/clock", { token: null, body: { set: T0 + 1000 } })).status).toBe(200);
    expect((await call(emu.url, "GET", "/__emulator/state", { token: null })).body.configs[0].previousKeys).toEqual([]);
    await call(emu.url, "POST", "/__emulator/clock", { token: null, body: { set: T0 } });
    expect((await relay(created.fullKey)).status).toBe(401);
    expect((await relay(reset.fullKey)).status).toBe(200);
  });

  it("shows previous-key expiries (not keys) in the control state", async () => {
    const created = await createConfig(emu.url);
    await call(emu.url, "POST", `${CONFIGS}/${created._id}/reset?expiry=${T0 + 777}`);
    const state = await call(emu.url, "GET", "/__emulator/state", { token: null });
    expect(state.body.configs[0].previousKeys).toEqual([{ displayKey: created.displayKey, expiry: T0 + 777 }]);
    expect(state.text).not.toContain(created.fullKey);
  });

  it("a deleted config's keys stop working, including those in their grace period", async () => {
    const created = await createConfig(emu.url);
    const reset = (await call(emu.url, "POST", `${CONFIGS}/${created._id}/reset?expiry=${T0 + 1000}`)).body;
    await call(emu.url, "DELETE", `${CONFIGS}/${created._id}`);
    expect((await relay(created.fullKey)).status).toBe(401);
    expect((await relay(reset.fullKey)).status).toBe(401);
  });

  it("tells two configs apart: each key gets its own config's environments", async () => {
    const a = (await call(emu.url, "POST", CONFIGS, { body: { name: "a", policy: [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }] } })).body;
    const b = (await call(emu.url, "POST", CONFIGS, { body: { name: "b", policy: [{ effect: "allow", resources: ["proj/mobile:env/*"], actions: ["*"] }] } })).body;
    const projects = async (key: string) =>
      Object.values((await relay(key)).body.data.data.environments as Record<string, { projKey: string; envKey: string }>).map((e) => `${e.projKey}/${e.envKey}`).sort();
    expect(await projects(a.fullKey)).toEqual(["web/production"]);
    expect(await projects(b.fullKey)).toEqual(["mobile/production", "mobile/staging", "mobile/test"]);
  });
});

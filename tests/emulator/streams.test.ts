// Tests emulator/streamhub.ts and emulator/streamroutes.ts over real HTTP: the auto-config stream's put, its
// patch/delete events with increasing versions when a policy or the account changes, streams closed when their
// key stops (grace period over on the clock, reset without grace, config deleted), 401 on reconnect, the SDK
// stream, the event sinks, heartbeats, faults, the drop control, stats, and no key in any log.

import { randomUUID } from "node:crypto";
import { buildAccount } from "../../emulator/account";
import { REACH_ACCOUNT } from "../support/reach-cases";
import { call, CONFIGS, control, startEmulator, T0, type TestEmulator } from "./support/client";
import { openStream, until, type OpenStream, type SseEvent } from "./support/sse";

const account = REACH_ACCOUNT;
const allow = (...resources: string[]) => [{ effect: "allow", resources, actions: ["*"] }];

interface RelayEnv {
  envID: string;
  envKey: string;
  projKey: string;
  sdkKey: { value: string };
  version: number;
}

/** `proj/env` names of a put's environments, sorted. */
function putNames(event: SseEvent): string[] {
  return Object.values(event.data.data.environments as Record<string, RelayEnv>).map((e) => `${e.projKey}/${e.envKey}`).sort();
}

describe("the auto-config stream", () => {
  let emu: TestEmulator;
  const streams: OpenStream[] = [];
  const open = async (path: string, key: string | null): Promise<OpenStream> => {
    const stream = await openStream(emu.url, path, key);
    streams.push(stream);
    return stream;
  };
  const create = async (policy: object[], name = "relay"): Promise<{ _id: string; fullKey: string }> => {
    const reply = await call(emu.url, "POST", CONFIGS, { body: { name, policy } });
    expect(reply.status).toBe(201);
    return reply.body;
  };
  const patchPolicy = async (id: string, resources: string[]) =>
    expect((await call(emu.url, "PATCH", `${CONFIGS}/${id}`, { body: { patch: [{ op: "replace", path: "/policy/0/resources", value: resources }] } })).status).toBe(200);

  beforeEach(async () => {
    emu = await startEmulator({ account, streamSweepMs: 20 });
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
    await emu.close();
  });

  it("starts with a put of exactly the environments the policy reaches, each as the relay expects it", async () => {
    const config = await create(allow("proj/*;frontend:env/production"));
    const stream = await open("/relay_auto_config?rpacProtocolVersion=2", config.fullKey);
    expect(stream.status).toBe(200);
    const put = await stream.waitFor((e) => e.event === "put");
    expect(put.data.path).toBe("/");
    expect(put.data.data.filters).toEqual({});
    expect(putNames(put)).toEqual(["mobile/production", "web/production"]);
    const stored = buildAccount(account);
    for (const [id, env] of Object.entries(put.data.data.environments as Record<string, RelayEnv & Record<string, unknown>>)) {
      expect(env.envID).toBe(id);
      expect(id).toMatch(/^[0-9a-f]{24}$/);
      expect(env.sdkKey.value).toMatch(/^sdk-/);
      expect(env.mobKey).toMatch(/^mob-/);
      expect(Object.keys(env).sort()).toEqual(["defaultTtl", "envID", "envKey", "envName", "mobKey", "projKey", "projName", "sdkKey", "secureMode", "version"]);
      expect(stored.projects.some((p) => p.key === env.projKey)).toBe(true);
    }
  });

  it("sends a patch for an environment the policy gains and a delete for one it loses, with increasing versions", async () => {
    const config = await create(allow("proj/web:env/production"));
    const stream = await open("/relay_auto_config", config.fullKey);
    const put = await stream.waitFor((e) => e.event === "put");
    const [web] = Object.values(put.data.data.environments as Record<string, RelayEnv>);
    await patchPolicy(config._id, ["proj/mobile:env/production"]);
    const patch = await stream.waitFor((e) => e.event === "patch");
    const removed = await stream.waitFor((e) => e.event === "delete");
    expect(patch.data.data.projKey).toBe("mobile");
    expect(patch.data.path).toBe(`/environments/${patch.data.data.envID}`);
    expect(removed.data.path).toBe(`/environments/${web.envID}`);
    expect(patch.data.data.version).toBeGreaterThan(web.version);
    expect(removed.data.version).toBeGreaterThan(web.version);
    await patchPolicy(config._id, ["proj/web:env/production"]);
    const back = await stream.waitFor((e) => e.event === "patch" && e.data.data.envID === web.envID, 2);
    expect(back.data.data.version).toBeGreaterThan(removed.data.version);
  });

  it("follows the account: a new environment matching the policy arrives, a removed one is deleted and its SDK stream closed", async () => {
    const config = await create(allow("proj/web:env/*"));
    const stream = await open("/relay_auto_config", config.fullKey);
    const put = await stream.waitFor((e) => e.event === "put");
    expect(putNames(put)).toEqual(["web/production", "web/staging", "web/test"]);
    const test = Object.values(put.data.data.environments as Record<string, RelayEnv>).find((e) => e.envKey === "test") as RelayEnv;
    const sdk = await open("/all", test.sdkKey.value);
    expect(sdk.status).toBe(200);
    const next = structuredClone(account);
    next.projects[0].environments = [...next.projects[0].environments.filter((e) => e.key !== "test"), { key: "qa", name: "QA" }];
    const replaced = await control(emu.url, "PUT", "/account", next);
    expect(replaced.status).toBe(200);
    expect(replaced.text).not.toMatch(/sdk-|mob-/);
    const added = await stream.waitFor((e) => e.event === "patch");
    expect(added.data.data.envKey).toBe("qa");
    expect((await stream.waitFor((e) => e.event === "delete")).data.path).toBe(`/environments/${test.envID}`);
    await sdk.ended;
    expect(sdk.isEnded()).toBe(true);
    expect((await call(emu.url, "GET", "/all", { token: test.sdkKey.value })).status).toBe(401);
  });

  it("keeps the old key's stream through the grace period, closes it when the clock passes the expiry, and refuses the reconnect", async () => {
    const config = await create(allow("proj/web:env/production"));
    const old = await open("/relay_auto_config", config.fullKey);
    await old.waitFor((e) => e.event === "put");
    const reset = await call(emu.url, "POST", `${CONFIGS}/${config._id}/reset?expiry=${T0 + 60_000}`);
    const renewed = await open("/relay_auto_config", reset.body.fullKey);
    await renewed.waitFor((e) => e.event === "put");
    await patchPolicy(config._id, ["proj/web:env/staging"]);
    for (const stream of [old, renewed]) expect((await stream.waitFor((e) => e.event === "patch")).data.data.envKey).toBe("staging");
    expect(old.isEnded()).toBe(false);
    await control(emu.url, "POST", "/clock", { set: T0 + 60_000 });
    await old.ended;
    expect(renewed.isEnded()).toBe(false);
    expect((await call(emu.url, "GET", "/relay_auto_config", { token: config.fullKey })).status).toBe(401);
    expect((await control(emu.url, "GET", "/stats")).body.streams.closedByServer).toBe(1);
  });

  it("notices an expiry reached by the in-process clock alone (the sweep)", async () => {
    const config = await create(allow("proj/web:env/production"));
    const old = await open("/relay_auto_config", config.fullKey);
    await call(emu.url, "POST", `${CONFIGS}/${config._id}/reset?expiry=${T0 + 1000}`);
    emu.clock.set(T0 + 1000);
    await old.ended;
    expect(old.isEnded()).toBe(true);
  });

  it.each([
    ["a reset without grace period", (id: string) => call(emu.url, "POST", `${CONFIGS}/${id}/reset`)],
    ["a delete", (id: string) => call(emu.url, "DELETE", `${CONFIGS}/${id}`)],
  ])("closes the stream at once after %s", async (_title, end) => {
    const config = await create(allow("proj/web:env/production"));
    const other = await create(allow("proj/web:env/production"), "other");
    const stream = await open("/relay_auto_config", config.fullKey);
    const bystander = await open("/relay_auto_config", other.fullKey);
    await stream.waitFor((e) => e.event === "put");
    await end(config._id);
    await stream.ended;
    expect(bystander.isEnded()).toBe(false);
    expect((await call(emu.url, "GET", "/relay_auto_config", { token: config.fullKey })).status).toBe(401);
  });

  it.each([
    ["no key", null],
    ["an unknown key", `rel-${randomUUID()}`],
    ["an API token", "emulator-dev-token"],
  ])("answers 401 with LaunchDarkly's error body to %s", async (_title, key) => {
    await create(allow("proj/*:env/*"));
    const reply = await call(emu.url, "GET", "/relay_auto_config", { token: key });
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe("unauthorized");
  });

  it("sends heartbeat comments on open streams", async () => {
    await emu.close();
    emu = await startEmulator({ account, heartbeatMs: 20 });
    const config = await create(allow("proj/web:env/production"));
    const stream = await open("/relay_auto_config", config.fullKey);
    await until(() => stream.comments() >= 2, 5000, "two heartbeats");
  });

  it("lets a fault break the stream request, and the next connection works", async () => {
    const config = await create(allow("proj/web:env/production"));
    await control(emu.url, "POST", "/faults", { match: { pathPattern: "/relay_auto_config" }, action: { type: "status", status: 503 }, count: 1 });
    expect((await call(emu.url, "GET", "/relay_auto_config", { token: config.fullKey })).status).toBe(503);
    expect((await call(emu.url, "GET", "/relay_auto_config", { token: config.fullKey })).status).toBe(200);
  });

  it("drops open streams on request (the relay reconnects and gets a fresh put)", async () => {
    const config = await create(allow("proj/web:env/production"));
    const first = await open("/relay_auto_config", config.fullKey);
    await first.waitFor((e) => e.event === "put");
    expect((await control(emu.url, "POST", "/streams/drop", { configId: config._id })).body).toEqual({ dropped: 1 });
    await first.ended;
    const again = await open("/relay_auto_config", config.fullKey);
    expect(putNames(await again.waitFor((e) => e.event === "put"))).toEqual(["web/production"]);
  });

  it("counts streams in the stats and logs them without keys", async () => {
    const config = await create(allow("proj/web:env/*"));
    const stream = await open("/relay_auto_config?rpacProtocolVersion=2", config.fullKey);
    const put = await stream.waitFor((e) => e.event === "put");
    const sdkKey = (Object.values(put.data.data.environments)[0] as RelayEnv).sdkKey.value;
    const sdk = await open("/all", sdkKey);
    await sdk.waitFor((e) => e.event === "put");
    await patchPolicy(config._id, ["proj/web:env/production"]);
    await stream.waitFor((e) => e.event === "delete");
    const stats = (await control(emu.url, "GET", "/stats")).body;
    expect(stats.streams.open).toEqual({ autoConfig: 1, sdk: 1 });
    expect(stats.streams.opened).toEqual({ autoConfig: 1, sdk: 1 });
    expect(stats.streams.events.delete).toBe(2);
    const log = await control(emu.url, "GET", "/log");
    expect(log.body.entries.map((e: { method: string; path: string; status: number }) => `${e.method} ${e.path} ${e.status}`)).toEqual(
      expect.arrayContaining(["GET /relay_auto_config?rpacProtocolVersion=2 200", "GET /all 200"]),
    );
    const text = JSON.stringify([log.body, stats, (await control(emu.url, "GET", "/state")).body, (await control(emu.url, "GET", "/account")).body]);
    expect(text).not.toContain(config.fullKey);
    expect(text).not.toContain(sdkKey);
  });
});

describe("the SDK stream and the event sinks", () => {
  let emu: TestEmulator;
  beforeEach(async () => {
    emu = await startEmulator({ account });
  });
  afterEach(async () => {
    await emu.close();
  });

  it("GET /all answers a put with no flags and no segments for an environment's SDK key, 401 otherwise", async () => {
    const environments = (await call(emu.url, "GET", "/api/v2/projects/web/environments")).body.items;
    const reply = await call(emu.url, "GET", "/all", { token: environments[0].apiKey });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ event: "put", data: { path: "/", data: { flags: {}, segments: {} } } });
    expect((await call(emu.url, "GET", "/all", { token: `sdk-${randomUUID()}` })).status).toBe(401);
    expect((await call(emu.url, "GET", "/all", { token: null })).status).toBe(401);
  });

  it("lets a fault break an SDK stream request too", async () => {
    const sdkKey = (await call(emu.url, "GET", "/api/v2/projects/web/environments")).body.items[0].apiKey;
    await control(emu.url, "POST", "/faults", { match: { pathPattern: "/all" }, action: { type: "status", status: 503 }, count: 1 });
    expect((await call(emu.url, "GET", "/all", { token: sdkKey })).status).toBe(503);
    expect((await call(emu.url, "GET", "/all", { token: sdkKey })).status).toBe(200);
  });

  it.each(["/diagnostic", "/bulk"])("POST %s answers 202 and is logged", async (path) => {
    const reply = await call(emu.url, "POST", path, { token: null, body: [{ kind: "diagnostic" }] });
    expect(reply.status).toBe(202);
    expect((await control(emu.url, "GET", "/stats")).body.byRoute[`POST ${path}`]).toBe(1);
  });
});

describe("the account over the control API", () => {
  let emu: TestEmulator;
  beforeEach(async () => {
    emu = await startEmulator({ account });
  });
  afterEach(async () => {
    await emu.close();
  });

  it("refuses a malformed account naming the field, and keeps the one it had", async () => {
    const before = (await control(emu.url, "GET", "/account")).body;
    const reply = await control(emu.url, "PUT", "/account", { projects: [{ key: "web", name: "Web", environments: [{ key: "x", name: "X", colour: "red" }] }] });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain("projects[0].environments[0].colour: is not allowed");
    expect((await control(emu.url, "GET", "/account")).body).toEqual(before);
  });

  it("keeps ids and SDK keys of environments whose keys stay", async () => {
    const before = (await call(emu.url, "GET", "/api/v2/projects/web/environments")).body.items;
    const next = structuredClone(account);
    next.projects[0].name = "Web (renamed)";
    next.projects[0].environments.push({ key: "qa", name: "QA" });
    await control(emu.url, "PUT", "/account", next);
    const after = (await call(emu.url, "GET", "/api/v2/projects/web/environments")).body.items;
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
  });
});

// Tests emulator/app.ts with routes.ts and pipeline.ts: routing (404/405), LD-API-Version handling, content
// types, error mapping, (fastify's inject() cannot run under this jest config — light-my-request requires an
// ESM-only package — so tests listen on port 0 instead), concurrency (parallel PATCHes to one config and to many, on a FileStore, nothing lost;
// test-guarded PATCHes race with exactly one winner), and that closing never waits on an injected delay.

import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createApp } from "../../emulator/app";
import { call, CONFIGS, configBody, control, createConfig, startEmulator, type TestEmulator } from "./support/client";

describe("routing and parsing", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu.close();
  });

  it("answers 404 not_found with a JSON body for unknown routes", async () => {
    const reply = await call(emu.url, "GET", "/api/v2/flags");
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ code: "not_found", message: "No route for GET /api/v2/flags" });
  });

  it.each([
    ["absent", undefined, 200],
    ["one value", "20240415", 200],
    ["a duplicated value", "20240415, 20240415", 200],
    ["beta", "beta", 200],
    ["garbage", "latest", 400],
    ["two different versions", "20240415,20191212", 400],
  ])("LD-API-Version %s → %i", async (_title, version, status) => {
    const reply = await call(emu.url, "GET", CONFIGS, { headers: version === undefined ? {} : { "LD-API-Version": version } });
    expect(reply.status).toBe(status);
  });

  it("accepts a JSON body without Content-Type, and application/json with a charset", async () => {
    const bare = await fetch(`${emu.url}${CONFIGS}`, { method: "POST", headers: { Authorization: "emulator-dev-token" }, body: new Blob([JSON.stringify(configBody())]) });
    expect(bare.status).toBe(201);
    const charset = await call(emu.url, "POST", CONFIGS, { rawBody: JSON.stringify(configBody()), headers: { "Content-Type": "application/json; charset=utf-8" } });
    expect(charset.status).toBe(201);
  });

  it("refuses a body over 1 MiB with 400", async () => {
    const reply = await call(emu.url, "POST", CONFIGS, { body: { ...configBody(), name: "x".repeat(1024 * 1024 + 10) } });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
  });

  it("answers JSON with a charset", async () => {
    const reply = await call(emu.url, "GET", CONFIGS);
    expect(reply.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });

  it("has no control API unless asked", async () => {
    const plain = await startEmulator({ control: false });
    try {
      expect((await control(plain.url, "GET", "/state")).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it("createApp() builds an app that is not listening; it loads the store when ready", async () => {
    const app = createApp();
    try {
      expect(app.server.listening).toBe(false);
      await app.ready();
      expect(app.printRoutes()).toContain("relay-auto-configs");
    } finally {
      await app.close();
    }
  });
});

describe("concurrency on a FileStore", () => {
  let dir: string;
  let emu: TestEmulator;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "emulator-concurrency-"));
    emu = await startEmulator({ dataDir: dir });
  });
  afterEach(async () => {
    await emu.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const statement = (resource: string) => ({ effect: "allow", resources: [resource], actions: ["*"] });

  it("50 parallel PATCHes to one config: every addition is kept, in memory and on disk", async () => {
    const created = await createConfig(emu.url);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(emu.url, "PATCH", `${CONFIGS}/${created._id}`, { body: { patch: [{ op: "add", path: "/policy/-", value: statement(`proj/p${i}`) }], comment: `c${i}` } })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    const live = (await call(emu.url, "GET", `${CONFIGS}/${created._id}`)).body;
    const expected = ["proj/*:env/*", ...Array.from({ length: 50 }, (_, i) => `proj/p${i}`)].sort();
    expect(live.policy.map((s: { resources: string[] }) => s.resources[0]).sort()).toEqual(expected);

    await emu.close();
    emu = await startEmulator({ dataDir: dir });
    const restarted = (await call(emu.url, "GET", `${CONFIGS}/${created._id}`)).body;
    expect(restarted.policy).toEqual(live.policy);
    expect((await control(emu.url, "GET", "/state")).body.configs[0].comments).toHaveLength(20);
  });

  it("parallel PATCHes to 20 configs, 5 each: nothing lost", async () => {
    const configs = await Promise.all(Array.from({ length: 20 }, (_, i) => createConfig(emu.url, `cfg-${i}`)));
    const replies = await Promise.all(
      configs.flatMap((config) =>
        Array.from({ length: 5 }, (_, j) => call(emu.url, "PATCH", `${CONFIGS}/${config._id}`, { body: [{ op: "add", path: "/policy/-", value: statement(`proj/${config.name}-${j}`) }] })),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    await emu.close();
    emu = await startEmulator({ dataDir: dir });
    const items = (await call(emu.url, "GET", CONFIGS)).body.items;
    expect(items).toHaveLength(20);
    for (const item of items) {
      const resources = item.policy.map((s: { resources: string[] }) => s.resources[0]).sort();
      expect(resources).toEqual(["proj/*:env/*", ...[0, 1, 2, 3, 4].map((j) => `proj/${item.name}-${j}`)].sort());
    }
  });

  it("test-guarded PATCHes racing on one config: exactly one wins, the rest get 422", async () => {
    const created = await createConfig(emu.url, "v0");
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(emu.url, "PATCH", `${CONFIGS}/${created._id}`, { body: [{ op: "test", path: "/name", value: "v0" }, { op: "replace", path: "/name", value: `v${i + 1}` }] }),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 422)).toHaveLength(19);
  });

  it("parallel creates, resets and deletes leave a consistent store", async () => {
    const configs = await Promise.all(Array.from({ length: 10 }, (_, i) => createConfig(emu.url, `c${i}`)));
    await Promise.all([
      ...configs.slice(0, 5).map((c) => call(emu.url, "DELETE", `${CONFIGS}/${c._id}`)),
      ...configs.slice(5).map((c) => call(emu.url, "POST", `${CONFIGS}/${c._id}/reset`)),
    ]);
    await emu.close();
    emu = await startEmulator({ dataDir: dir });
    const names = (await call(emu.url, "GET", CONFIGS)).body.items.map((i: { name: string }) => i.name).sort();
    expect(names).toEqual(["c5", "c6", "c7", "c8", "c9"]);
  });
});

it("close() does not wait for an injected delay to run out", async () => {
  const emu = await startEmulator();
  await control(emu.url, "POST", "/faults", { match: { method: "GET", pathPattern: CONFIGS }, action: { type: "delay", delayMs: 600_000 } });
  const pending = call(emu.url, "GET", CONFIGS).catch((error: Error) => error);
  let faults = (await control(emu.url, "GET", "/faults")).body.faults;
  while (faults[0].fired === 0) faults = (await control(emu.url, "GET", "/faults")).body.faults;
  await emu.close();
  const outcome = await pending;
  expect(outcome instanceof Error || outcome.status === 200 || outcome.status === 503).toBe(true);
}, 10_000);

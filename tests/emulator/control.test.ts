// Tests emulator/control.ts: the exact shapes of the /__emulator control API that other test suites rely on —
// faults (list, add one or many, remove one, clear), the request log (read, clear), store reset, state, clock
// (read, set, advance, offset) and stats.

import { call, CONFIGS, control, createConfig, startEmulator, T0, type TestEmulator } from "./support/client";

let emu: TestEmulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

describe("faults", () => {
  it("adds one fault and answers it with id, counters and explanation", async () => {
    const reply = await control(emu.url, "POST", "/faults", { match: { method: "POST", pathPattern: CONFIGS }, action: { type: "status", status: 503 }, count: 1 });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      faults: [
        {
          id: "fault-1",
          match: { method: "POST", pathPattern: CONFIGS },
          action: { type: "status", status: 503 },
          count: 1,
          matched: 0,
          fired: 0,
          explain: `POST ${CONFIGS}: answer HTTP 503, 1 time.`,
        },
      ],
    });
  });

  it("adds several at once with {faults: [...]}, lists them, removes one, clears all", async () => {
    const added = await control(emu.url, "POST", "/faults", { faults: [{ action: { type: "reset" }, count: 1 }, { action: { type: "delay", delayMs: 1 } }] });
    expect(added.body.faults.map((f: { id: string }) => f.id)).toEqual(["fault-1", "fault-2"]);
    expect((await control(emu.url, "GET", "/faults")).body.faults).toHaveLength(2);
    expect((await control(emu.url, "DELETE", "/faults/fault-1")).status).toBe(204);
    expect((await control(emu.url, "DELETE", "/faults/fault-1")).status).toBe(404);
    expect((await control(emu.url, "GET", "/faults")).body.faults.map((f: { id: string }) => f.id)).toEqual(["fault-2"]);
    expect((await control(emu.url, "DELETE", "/faults")).status).toBe(204);
    expect((await control(emu.url, "GET", "/faults")).body).toEqual({ faults: [] });
  });

  it("shows counters after firing", async () => {
    await control(emu.url, "POST", "/faults", { match: { method: "GET" }, action: { type: "status", status: 500 }, count: 1 });
    await call(emu.url, "GET", CONFIGS);
    await call(emu.url, "GET", CONFIGS);
    expect((await control(emu.url, "GET", "/faults")).body.faults[0]).toMatchObject({ matched: 1, fired: 1 });
  });

  it.each([
    ["bad action", { action: { type: "boom" } }, "action.type"],
    ["bad JSON", "{", "JSON"],
  ])("refuses %s with 400", async (_title, body, mentions) => {
    const reply = typeof body === "string" ? await call(emu.url, "POST", "/__emulator/faults", { token: null, rawBody: body }) : await control(emu.url, "POST", "/faults", body);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
    expect(reply.body.message).toContain(mentions);
  });
});

describe("log", () => {
  it("records method, path, status, time, duration and faults; control calls are not logged; DELETE clears", async () => {
    await call(emu.url, "GET", CONFIGS);
    emu.clock.advance(7);
    await call(emu.url, "GET", `${CONFIGS}/0123456789abcdef01234567`);
    const entries = (await control(emu.url, "GET", "/log")).body.entries;
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({ time: T0, method: "GET", path: CONFIGS, status: 200, durationMs: expect.any(Number), faults: [] });
    expect(entries[1]).toMatchObject({ time: T0 + 7, status: 404 });
    expect((await control(emu.url, "DELETE", "/log")).status).toBe(204);
    expect((await control(emu.url, "GET", "/log")).body).toEqual({ entries: [] });
  });
});

describe("reset", () => {
  it("empties configs, faults, log and rate-limit windows", async () => {
    await createConfig(emu.url);
    await control(emu.url, "POST", "/faults", { action: { type: "delay", delayMs: 0 } });
    expect((await control(emu.url, "POST", "/reset")).status).toBe(204);
    expect((await call(emu.url, "GET", CONFIGS)).body).toEqual({ items: [] });
    expect((await control(emu.url, "GET", "/faults")).body.faults).toEqual([]);
    expect((await control(emu.url, "GET", "/log")).body.entries).toHaveLength(1);
  });
});

describe("state", () => {
  it("shows configs with comments and previous-key expiries, and no keys", async () => {
    const created = await createConfig(emu.url);
    await call(emu.url, "PATCH", `${CONFIGS}/${created._id}`, { body: { patch: [], comment: "hello" } });
    const reply = await control(emu.url, "GET", "/state");
    expect(reply.body.now).toBe(T0);
    const { fullKey: _key, ...rep } = created;
    expect(reply.body.configs).toEqual([{ ...rep, comments: [{ at: T0, comment: "hello" }], previousKeys: [] }]);
    expect(reply.text).not.toContain(created.fullKey);
  });
});

describe("clock", () => {
  it("reads, sets, advances and offsets the emulator's clock", async () => {
    expect((await control(emu.url, "GET", "/clock")).body).toEqual({ now: T0, frozen: true, offsetMs: 0 });
    expect((await control(emu.url, "POST", "/clock", { set: T0 + 1000 })).body).toEqual({ now: T0 + 1000, frozen: true, offsetMs: 0 });
    expect((await control(emu.url, "POST", "/clock", { advanceMs: 500 })).body.now).toBe(T0 + 1500);
    const created = await createConfig(emu.url);
    expect(created.creationDate).toBe(T0 + 1500);
    const offset = (await control(emu.url, "POST", "/clock", { offsetMs: -60_000 })).body;
    expect(offset.frozen).toBe(false);
    expect(offset.offsetMs).toBe(-60_000);
  });

  it.each([
    [{}, "exactly one"],
    [{ set: 1, advanceMs: 1 }, "exactly one"],
    [{ set: "soon" }, "set"],
    [{ advanceMs: 1.5 }, "advanceMs"],
    [[1], "object"],
  ])("refuses %j", async (body, mentions) => {
    const reply = await control(emu.url, "POST", "/clock", body);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(mentions);
  });
});

describe("stats", () => {
  it("counts requests by status and route, faults, store writes (the account seeded at start, then each change), configs and streams", async () => {
    await createConfig(emu.url);
    await call(emu.url, "GET", CONFIGS);
    await call(emu.url, "GET", CONFIGS, { token: "bad" });
    await control(emu.url, "POST", "/faults", { action: { type: "reset" }, count: 1 });
    await call(emu.url, "GET", CONFIGS).catch(() => undefined);
    expect((await control(emu.url, "GET", "/stats")).body).toEqual({
      requests: 4,
      byStatus: { "201": 1, "200": 1, "401": 1, dropped: 1 },
      byRoute: { [`POST ${CONFIGS}`]: 1, [`GET ${CONFIGS}`]: 3 },
      dropped: 1,
      faultsFired: 1,
      storeWrites: 2,
      configs: 1,
      streams: { open: { autoConfig: 0, sdk: 0 }, opened: { autoConfig: 0, sdk: 0 }, closedByServer: 0, events: { patch: 0, delete: 0 } },
    });
  });
});

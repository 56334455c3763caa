// Tests emulator/faults.ts: definitions are checked and explained; the plan honours method/path patterns, skip,
// count and a seeded probability; and each fault kind is observable by a client over HTTP (5xx, delay, reset,
// commit-then-fail both ways, 429 burst), with the request log naming the fault that fired.

import { explain, FaultSet, parseFault, seededRandom } from "../../emulator/faults";
import { call, CONFIGS, configBody, control, createConfig, startEmulator, T0, type TestEmulator } from "./support/client";

describe("parseFault / explain", () => {
  it.each([
    [{ match: { method: "PATCH", pathPattern: "/api/v2/**" }, action: { type: "status", status: 503 }, count: 2 }, "PATCH /api/v2/**: answer HTTP 503, 2 times."],
    [{ action: { type: "delay", delayMs: 250 } }, "any method any path: delay the answer by 250 ms, every time."],
    [{ action: { type: "reset" }, count: 1, skip: 3 }, "any method any path: reset the connection without answering, 1 time, after letting 3 through."],
    [{ action: { type: "commit-then-fail" }, probability: 0.5 }, "any method any path: apply the change, then answer HTTP 503, every time, with probability 0.5."],
    [{ action: { type: "commit-then-fail", reset: true } }, "any method any path: apply the change, then reset the connection, every time."],
    [{ action: { type: "rate-limit", resetAfterMs: 2000, retryAfterSeconds: 2 }, count: 3 }, "any method any path: answer 429 rate_limited (reset in 2000 ms, Retry-After 2 s), 3 times."],
  ])("%j", (raw, sentence) => {
    expect(explain(parseFault(raw))).toBe(sentence);
  });

  it.each([
    ["not an object", 5, "fault"],
    ["no action", {}, "action"],
    ["unknown action type", { action: { type: "explode" } }, "action.type"],
    ["status not 5xx", { action: { type: "status", status: 404 } }, "action.status"],
    ["negative delay", { action: { type: "delay", delayMs: -1 } }, "action.delayMs"],
    ["probability above 1", { action: { type: "reset" }, probability: 2 }, "probability"],
    ["fractional count", { action: { type: "reset" }, count: 1.5 }, "count"],
    ["unknown field", { action: { type: "reset" }, when: "now" }, "when"],
    ["method not a string", { match: { method: 1 }, action: { type: "reset" } }, "match.method"],
  ])("refuses %s", (_title, raw, field) => {
    expect(() => parseFault(raw)).toThrow(field);
  });
});

describe("FaultSet.plan", () => {
  it("matches method case-insensitively and globs paths by segment", () => {
    const faults = new FaultSet();
    faults.add({ match: { method: "patch", pathPattern: "/configs/*" }, action: { type: "status", status: 500 } });
    expect(faults.plan("PATCH", "/configs/abc").terminal).not.toBeNull();
    expect(faults.plan("PATCH", "/configs/abc/reset").terminal).toBeNull();
    expect(faults.plan("GET", "/configs/abc").terminal).toBeNull();
    faults.add({ match: { pathPattern: "/configs/**" }, action: { type: "reset" } });
    expect(faults.plan("GET", "/configs/abc/reset").terminal?.action.type).toBe("reset");
  });

  it("skips, then fires `count` times, then stays listed as spent", () => {
    const faults = new FaultSet();
    faults.add({ action: { type: "status", status: 502 }, skip: 1, count: 2 });
    const fired = [1, 2, 3, 4].map(() => faults.plan("GET", "/x").terminal !== null);
    expect(fired).toEqual([false, true, true, false]);
    expect(faults.list()[0]).toMatchObject({ id: "fault-1", matched: 3, fired: 2 });
  });

  it("adds delays and stops at the first ending fault", () => {
    const faults = new FaultSet();
    faults.add({ action: { type: "delay", delayMs: 10 } });
    faults.add({ action: { type: "delay", delayMs: 5 } });
    faults.add({ action: { type: "status", status: 503 } });
    faults.add({ action: { type: "reset" } });
    const plan = faults.plan("GET", "/x");
    expect(plan.delayMs).toBe(15);
    expect(plan.terminal?.action).toEqual({ type: "status", status: 503 });
    expect(plan.fired).toHaveLength(3);
    expect(faults.list()[3].matched).toBe(0);
  });

  it("is deterministic for a seed, and the share that fires follows the probability", () => {
    const run = (): boolean[] => {
      const faults = new FaultSet();
      faults.add({ action: { type: "status", status: 500 }, probability: 0.3, seed: 42 });
      return Array.from({ length: 1000 }, () => faults.plan("GET", "/x").terminal !== null);
    };
    const first = run();
    expect(run()).toEqual(first);
    const share = first.filter(Boolean).length / first.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });

  it("seededRandom stays in [0, 1)", () => {
    const random = seededRandom(7);
    for (let i = 0; i < 1000; i += 1) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it("remove() and clear()", () => {
    const faults = new FaultSet();
    const fault = faults.add({ action: { type: "reset" } });
    expect(faults.remove("fault-99")).toBe(false);
    expect(faults.remove(fault.id)).toBe(true);
    faults.add({ action: { type: "reset" } });
    faults.plan("GET", "/");
    faults.clear();
    expect(faults.list()).toEqual([]);
    expect(faults.firedTotal).toBe(0);
  });
});

describe("each fault kind as a client sees it", () => {
  let emu: TestEmulator;
  const sleeps: number[] = [];
  let release: (() => void) | null = null;
  let held: Promise<void> | null = null;
  let sleepCalled: (() => void) | null = null;

  beforeEach(async () => {
    sleeps.length = 0;
    held = null;
    emu = await startEmulator({
      sleep: (ms) => {
        sleeps.push(ms);
        sleepCalled?.();
        return held ?? Promise.resolve();
      },
    });
  });
  afterEach(async () => {
    release?.();
    await emu.close();
  });

  async function addFault(definition: object): Promise<void> {
    const reply = await control(emu.url, "POST", "/faults", definition);
    expect(reply.status).toBe(201);
  }

  it.each([500, 502, 503])("status %i", async (status) => {
    await addFault({ match: { method: "GET", pathPattern: CONFIGS }, action: { type: "status", status }, count: 1 });
    const reply = await call(emu.url, "GET", CONFIGS);
    expect(reply.status).toBe(status);
    expect(reply.body.message).toContain(String(status));
    expect((await call(emu.url, "GET", CONFIGS)).status).toBe(200);
  });

  it("delay: the answer waits for the injected delay", async () => {
    await addFault({ match: { method: "GET" }, action: { type: "delay", delayMs: 1234 } });
    held = new Promise((resolve) => (release = resolve));
    const called = new Promise<void>((resolve) => (sleepCalled = resolve));
    let settled = false;
    const pending = call(emu.url, "GET", CONFIGS).finally(() => (settled = true));
    await called;
    expect(sleeps).toEqual([1234]);
    expect(settled).toBe(false);
    release?.();
    expect((await pending).status).toBe(200);
  });

  it("reset: the connection is dropped without an answer, and the log says so", async () => {
    await addFault({ match: { method: "GET", pathPattern: CONFIGS }, action: { type: "reset" }, count: 1 });
    await expect(call(emu.url, "GET", CONFIGS)).rejects.toThrow();
    const log = (await control(emu.url, "GET", "/log")).body.entries;
    expect(log[0]).toMatchObject({ method: "GET", path: CONFIGS, status: null, time: T0 });
    expect(log[0].faults[0]).toContain("reset the connection");
  });

  it("commit-then-fail: 503, yet the config was created", async () => {
    await addFault({ match: { method: "POST", pathPattern: CONFIGS }, action: { type: "commit-then-fail", status: 503 }, count: 1 });
    const reply = await call(emu.url, "POST", CONFIGS, { body: configBody("ghost") });
    expect(reply.status).toBe(503);
    expect(reply.text).not.toContain("rel-");
    const list = await call(emu.url, "GET", CONFIGS);
    expect(list.body.items.map((item: { name: string }) => item.name)).toEqual(["ghost"]);
  });

  it("commit-then-fail with reset: the connection drops, yet the patch was applied", async () => {
    const created = await createConfig(emu.url);
    await addFault({ match: { method: "PATCH" }, action: { type: "commit-then-fail", reset: true }, count: 1 });
    await expect(call(emu.url, "PATCH", `${CONFIGS}/${created._id}`, { body: [{ op: "replace", path: "/name", value: "applied" }] })).rejects.toThrow();
    expect((await call(emu.url, "GET", `${CONFIGS}/${created._id}`)).body.name).toBe("applied");
  });

  it("commit-then-fail on reset: the key changed although the client got 500", async () => {
    const created = await createConfig(emu.url);
    await addFault({ match: { pathPattern: `${CONFIGS}/*/reset` }, action: { type: "commit-then-fail", status: 500 }, count: 1 });
    expect((await call(emu.url, "POST", `${CONFIGS}/${created._id}/reset`)).status).toBe(500);
    expect((await call(emu.url, "GET", "/relay_auto_config", { token: created.fullKey })).status).toBe(401);
  });

  it("429 burst: `count` answers of 429 with rate-limit headers, then normal service", async () => {
    await addFault({ match: { method: "GET" }, action: { type: "rate-limit", resetAfterMs: 1500, retryAfterSeconds: 2 }, count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const reply = await call(emu.url, "GET", CONFIGS);
      expect(reply.status).toBe(429);
      expect(reply.body.code).toBe("rate_limited");
      expect(reply.headers.get("x-ratelimit-route-remaining")).toBe("0");
      expect(reply.headers.get("x-ratelimit-reset")).toBe(String(T0 + 1500));
      expect(reply.headers.get("retry-after")).toBe("2");
    }
    expect((await call(emu.url, "GET", CONFIGS)).status).toBe(200);
  });

  it("faults apply to the relay check too", async () => {
    const created = await createConfig(emu.url);
    await addFault({ match: { pathPattern: "/relay_auto_config" }, action: { type: "status", status: 503 }, count: 1 });
    expect((await call(emu.url, "GET", "/relay_auto_config", { token: created.fullKey })).status).toBe(503);
  });

  it("faults given to createApp as data work the same", async () => {
    const other = await startEmulator({ faults: [{ match: { method: "GET" }, action: { type: "status", status: 502 }, count: 1 }] });
    try {
      expect((await call(other.url, "GET", CONFIGS)).status).toBe(502);
    } finally {
      await other.close();
    }
  });
});

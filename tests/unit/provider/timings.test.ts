// Tests provider/timings.ts: the wall-clock union of overlapping intervals, the record a process writes (calls by
// method, first start, last end, CPU split at the module's load), nothing recorded or wrapped when
// LAUNCHDARKLY_TIMINGS_FILE is unset, and the file `<prefix>.<pid>.json` rewritten when the last call in flight ends.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { IntervalUnion, procStart, timed, timedRequest, Timings, writeTimings } from "../../../provider/timings";

describe("IntervalUnion", () => {
  it("counts overlapping intervals once and gaps not at all", () => {
    const u = new IntervalUnion();
    u.start(0);
    u.start(5);
    expect(u.end(10)).toBe(false);
    expect(u.end(20)).toBe(true); // [0, 20]
    u.start(30);
    expect(u.value(35)).toBe(25); // open interval counted up to now
    expect(u.end(40)).toBe(true); // + [30, 40]
    expect(u.value(100)).toBe(30);
  });

  it("ignores an end without a start", () => {
    const u = new IntervalUnion();
    expect(u.end(5)).toBe(true);
    expect(u.value(10)).toBe(0);
  });
});

describe("Timings", () => {
  function fake() {
    const clock = { t: 1000, cpuUs: 50_000 };
    const timings = new Timings(() => clock.t, () => ({ user: clock.cpuUs, system: 0 }), { pid: 42, processStartMs: 400, parent: { name: "sh", startMs: 350 } });
    return { clock, timings };
  }

  it("records the load, calls by method, first start, last end, call and API unions and CPU", () => {
    const { clock, timings } = fake();
    clock.t = 1040;
    clock.cpuUs = 80_000;
    timings.loaded();
    // A second provider module loading in the same process (both resource kinds) keeps the first load.
    clock.t = 1070;
    timings.loaded();
    clock.t = 1100;
    timings.callStart("check");
    timings.callStart("check");
    timings.requestStart();
    clock.t = 1150;
    timings.requestEnd();
    expect(timings.callEnd()).toBe(false);
    clock.t = 1160;
    clock.cpuUs = 95_000;
    expect(timings.callEnd()).toBe(true);
    clock.t = 1300;
    timings.callStart("create");
    clock.t = 1350;
    clock.cpuUs = 100_000;
    expect(timings.callEnd()).toBe(true);
    expect(timings.snapshot()).toEqual({
      pid: 42, processStartMs: 400, parent: { name: "sh", startMs: 350 }, loadStartMs: 1000, loadedMs: 1040, firstCallStartMs: 1100, lastCallEndMs: 1350,
      calls: { check: 2, create: 1 }, callWallMs: 110, apiWallMs: 50, requests: 1,
      cpuBeforeLoadMs: 50, cpuLoadMs: 30, cpuCallsMs: 20,
    });
  });

  it("has no call figures before the first call", () => {
    const { timings } = fake();
    const s = timings.snapshot();
    expect([s.loadedMs, s.firstCallStartMs, s.lastCallEndMs, s.cpuCallsMs]).toEqual([null, null, null, null]);
    expect(s.calls).toEqual({});
  });
});

describe("when LAUNCHDARKLY_TIMINGS_FILE is unset", () => {
  it("returns each method itself and sends requests untouched", async () => {
    expect(process.env.LAUNCHDARKLY_TIMINGS_FILE).toBeUndefined();
    const fn = async (x: number) => x + 1;
    expect(timed("check", fn)).toBe(fn);
    await expect(timedRequest(async () => "sent")).resolves.toBe("sent");
  });
});

describe("when LAUNCHDARKLY_TIMINGS_FILE is set", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "timings-"));
  });
  afterEach(() => {
    delete process.env.LAUNCHDARKLY_TIMINGS_FILE;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes <prefix>.<pid>.json when the last call in flight ends, with calls, requests and the process start", async () => {
    const prefix = path.join(dir, "provider");
    process.env.LAUNCHDARKLY_TIMINGS_FILE = prefix;
    let mod!: typeof import("../../../provider/timings");
    jest.isolateModules(() => {
      mod = require("../../../provider/timings");
    });
    mod.processTimings?.loaded();
    let release!: () => void;
    const slow = mod.timed("create", () => new Promise<string>((resolve) => (release = () => resolve("made"))));
    const fast = mod.timed("check", async () => mod.timedRequest(async () => "ok"));
    const file = `${prefix}.${process.pid}.json`;
    const pending = slow();
    await expect(fast()).resolves.toBe("ok");
    expect(fs.existsSync(file)).toBe(false); // the create is still in flight
    release();
    await expect(pending).resolves.toBe("made");
    const record = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(record).toMatchObject({ pid: process.pid, calls: { create: 1, check: 1 }, requests: 1 });
    expect(record.processStartMs).toBeLessThanOrEqual(record.loadStartMs);
    expect(record.firstCallStartMs).toBeLessThanOrEqual(record.lastCallEndMs);
    expect(record.callWallMs).toBeGreaterThanOrEqual(record.apiWallMs);
  });

  it("records a failed call too, and rethrows its error", async () => {
    process.env.LAUNCHDARKLY_TIMINGS_FILE = path.join(dir, "provider");
    let mod!: typeof import("../../../provider/timings");
    jest.isolateModules(() => {
      mod = require("../../../provider/timings");
    });
    await expect(mod.timed("delete", async () => Promise.reject(new Error("409")))()).rejects.toThrow("409");
    expect(mod.processTimings?.snapshot().calls).toEqual({ delete: 1 });
  });
});

describe("writeTimings and procStart", () => {
  it("ignores a path it cannot write", () => {
    expect(() => writeTimings("/nonexistent-dir/x", new Timings(() => 0, () => ({ user: 0, system: 0 }), { pid: 1, processStartMs: 0, parent: null }).snapshot())).not.toThrow();
  });

  it("reads a process's name and start from /proc on Linux (null elsewhere or for no such process)", () => {
    const me = procStart(process.pid);
    if (process.platform === "linux") {
      expect(me?.name).toMatch(/node|jest/);
      expect(Math.abs((me?.startMs as number) - (Date.now() - process.uptime() * 1000))).toBeLessThan(2000);
    }
    expect(procStart(2 ** 30)).toBeNull();
  });
});

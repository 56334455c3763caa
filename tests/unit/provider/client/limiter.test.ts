// Tests for provider/client/limiter.ts: concurrency cap, shared pause, retries first, per host+token registry.
// A manual clock drives the timers; nothing sleeps.

import {
  Limiter,
  limiterFor,
  resetLimiters,
  type LimiterTimers,
} from "../../../../provider/client/limiter";
import { DEFAULT_MAX_CONCURRENCY } from "../../../../provider/settings";

/** A clock whose timers fire only when the test advances it. */
class ManualClock implements LimiterTimers {
  private time = 1_000_000;
  private timers: { at: number; callback: () => void }[] = [];
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.timers.push({ at: this.time + ms, callback });
    return undefined;
  }
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
    await flush();
  }
  pendingTimers(): number {
    return this.timers.length;
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A task the test finishes by hand, recording when it started. */
function gate(log: string[], name: string): { task: () => Promise<string>; finish: () => void } {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      log.push(`start ${name}`);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

describe("Limiter", () => {
  it("never runs more than maxConcurrent tasks at once", async () => {
    const clock = new ManualClock();
    const limiter = new Limiter({ maxConcurrent: 3, timers: clock });
    let running = 0;
    let peak = 0;
    const tasks = Array.from({ length: 10 }, (_, i) =>
      limiter.schedule(async () => {
        running++;
        peak = Math.max(peak, running);
        await flush();
        running--;
        return i;
      }),
    );
    expect(limiter.snapshot()).toMatchObject({ running: 3, queued: 7 });
    await expect(Promise.all(tasks)).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(3);
  });

  it("defaults to DEFAULT_MAX_CONCURRENCY and ignores unusable caps", () => {
    expect(new Limiter().snapshot().maxConcurrent).toBe(DEFAULT_MAX_CONCURRENCY);
    expect(new Limiter({ maxConcurrent: 0 }).snapshot().maxConcurrent).toBe(DEFAULT_MAX_CONCURRENCY);
  });

  it("propagates task rejections and frees the slot", async () => {
    const limiter = new Limiter({ maxConcurrent: 1, timers: new ManualClock() });
    const failing = limiter.schedule(() => Promise.reject(new Error("boom")));
    const next = limiter.schedule(async () => "ok");
    await expect(failing).rejects.toThrow("boom");
    await expect(next).resolves.toBe("ok");
  });

  it("holds every queued task during a pause, then releases them together", async () => {
    const clock = new ManualClock();
    const limiter = new Limiter({ maxConcurrent: 4, timers: clock });
    const log: string[] = [];
    limiter.pauseFor(1000);
    const results = ["a", "b", "c"].map((name) => limiter.schedule(async () => (log.push(name), name)));
    await clock.advance(999);
    expect(log).toEqual([]);
    expect(limiter.snapshot().queued).toBe(3);
    await clock.advance(1);
    expect(log).toEqual(["a", "b", "c"]);
    await Promise.all(results);
  });

  it("a pause only grows: a shorter pause does not cut a longer one short", async () => {
    const clock = new ManualClock();
    const limiter = new Limiter({ timers: clock });
    limiter.pauseFor(5000);
    limiter.pauseFor(100);
    const log: string[] = [];
    const p = limiter.schedule(async () => log.push("ran"));
    await clock.advance(4999);
    expect(log).toEqual([]);
    await clock.advance(1);
    expect(log).toEqual(["ran"]);
    await p;
  });

  it("a pause set while waiting extends the wait", async () => {
    const clock = new ManualClock();
    const limiter = new Limiter({ timers: clock });
    limiter.pauseFor(1000);
    const log: string[] = [];
    const p = limiter.schedule(async () => log.push("ran"));
    await clock.advance(500);
    limiter.pauseFor(2000); // now until 2500
    await clock.advance(1999);
    expect(log).toEqual([]);
    await clock.advance(1);
    expect(log).toEqual(["ran"]);
    await p;
  });

  it("starts retries before fresh requests that queued earlier", async () => {
    const clock = new ManualClock();
    const limiter = new Limiter({ maxConcurrent: 1, timers: clock });
    const log: string[] = [];
    const first = gate(log, "first");
    const running = limiter.schedule(first.task);
    const fresh = [
      limiter.schedule(async () => log.push("fresh-1")),
      limiter.schedule(async () => log.push("fresh-2")),
    ];
    const retries = [
      limiter.schedule(async () => log.push("retry-1"), { retry: true }),
      limiter.schedule(async () => log.push("retry-2"), { retry: true }),
    ];
    first.finish();
    await Promise.all([running, ...fresh, ...retries]);
    expect(log).toEqual(["start first", "retry-1", "retry-2", "fresh-1", "fresh-2"]);
  });

  it("does not arm a timer when nothing is queued", () => {
    const clock = new ManualClock();
    const limiter = new Limiter({ timers: clock });
    limiter.pauseFor(1000);
    expect(clock.pendingTimers()).toBe(0);
  });

  it("sleep resolves on the limiter's timer", async () => {
    const clock = new ManualClock();
    const limiter = new Limiter({ timers: clock });
    let woke = false;
    void limiter.sleep(300).then(() => (woke = true));
    await clock.advance(299);
    expect(woke).toBe(false);
    await clock.advance(1);
    expect(woke).toBe(true);
    await expect(limiter.sleep(0)).resolves.toBeUndefined();
  });

  it("setMaxConcurrent raises the cap for queued tasks", async () => {
    const limiter = new Limiter({ maxConcurrent: 1, timers: new ManualClock() });
    const log: string[] = [];
    const a = gate(log, "a");
    const b = gate(log, "b");
    const pa = limiter.schedule(a.task);
    const pb = limiter.schedule(b.task);
    await flush();
    expect(log).toEqual(["start a"]);
    limiter.setMaxConcurrent(2);
    await flush();
    expect(log).toEqual(["start a", "start b"]);
    a.finish();
    b.finish();
    await Promise.all([pa, pb]);
  });
});

describe("limiterFor", () => {
  afterEach(() => resetLimiters());

  it("shares one limiter per host and token", () => {
    const a = limiterFor("https://app.launchdarkly.com", "api-token-one");
    expect(limiterFor("https://app.launchdarkly.com", "api-token-one")).toBe(a);
    expect(limiterFor("https://app.launchdarkly.com", "api-token-two")).not.toBe(a);
    expect(limiterFor("https://app.launchdarkly.us", "api-token-one")).not.toBe(a);
  });

  it("applies a later maxConcurrent to the shared limiter", () => {
    const a = limiterFor("http://127.0.0.1:1", "api-token-one", { maxConcurrent: 2 });
    expect(a.snapshot().maxConcurrent).toBe(2);
    limiterFor("http://127.0.0.1:1", "api-token-one", { maxConcurrent: 5 });
    expect(a.snapshot().maxConcurrent).toBe(5);
    limiterFor("http://127.0.0.1:1", "api-token-one");
    expect(a.snapshot().maxConcurrent).toBe(5);
  });
});

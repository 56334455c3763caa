// Tests scripts/poll.ts: a poll resolves with the first value its probe yields, gives up after its deadline
// saying what it waited for, and ends at once when the probe throws.
import { poll, pollUntil } from "../../../scripts/poll";

describe("poll", () => {
  it("resolves with the first defined value, probing every intervalMs", async () => {
    let calls = 0;
    const value = await poll(() => (++calls === 3 ? "ready" : undefined), { timeoutMs: 5000, intervalMs: 1, what: "ready" });
    expect(value).toBe("ready");
    expect(calls).toBe(3);
  });

  it("rejects after timeoutMs, naming what it waited for (a function is called only then)", async () => {
    const what = jest.fn(() => "the thing");
    const started = Date.now();
    await expect(poll(() => undefined, { timeoutMs: 100, intervalMs: 10, what })).rejects.toThrow("not within 100 ms: the thing");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(what).toHaveBeenCalledTimes(1);
  });

  it("ends when the probe throws", async () => {
    await expect(poll(() => { throw new Error("gone"); }, { timeoutMs: 1000, what: "x" })).rejects.toThrow("gone");
  });

  it("pollUntil waits for a yes", async () => {
    let n = 0;
    await pollUntil(async () => ++n >= 2, { timeoutMs: 1000, intervalMs: 1, what: "two" });
    expect(n).toBe(2);
    await expect(pollUntil(() => false, { timeoutMs: 20, intervalMs: 5, what: "never" })).rejects.toThrow("not within 20 ms: never");
  });
});

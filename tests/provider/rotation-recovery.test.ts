// Key resets whose answer is lost, under both readings of how many previous keys LaunchDarkly keeps (the
// emulator's `--previous-keys one|many`). A reset with a grace period that was applied but whose answer was lost
// is never reset again during the grace period (under `one`, that would stop the key relays hold at once): the
// stack keeps its key, which works until the expiry, and is marked keyStale; an early rotation is refused by
// diff, with no API call, until the expiry or `allowEarlyRotation`. A lost reset without grace period is reset
// again at once, so its unknown key dies. (Regression first found by the soak.)
import { ControllableClock } from "../../emulator/clock";
import * as handlers from "../../provider/handlers";
import type { RelayOutputs } from "../../provider/outputs";
import type { RelayInputs } from "../../provider/types";
import { useEmulatedProvider } from "./support/emulated-provider";

const CONFIGS = "/api/v2/account/relay-auto-configs";
const TOKEN = "rotation-writer-token-0123456789";
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 5, 1);
const policy = [{ effect: "allow" as const, resources: ["proj/a:env/b"], actions: ["*"] }];

describe.each(["one", "many"] as const)("rotation after an ambiguous reset, LaunchDarkly keeping %s previous key(s)", (model) => {
  const clock = ControllableClock.frozenAt(T0);
  const provider = useEmulatedProvider(TOKEN, { clock, previousKeys: model });
  const control = (method: string, route: string, body?: unknown) => provider.client().control(method, route, body);
  const relayStatus = (key: string) => provider.client().relayStatus(key);
  const resetFault = (action: Record<string, unknown>, skip = 0) => ({ match: { method: "POST", pathPattern: `${CONFIGS}/*/reset` }, action, count: 1, skip });
  const calls = async () =>
    ((await control("GET", "/log")).entries as { method: string; path: string }[])
      .filter((e) => e.path.startsWith(`${CONFIGS}`))
      .map((e) => `${e.method} ${e.path.replace(/\?.*/, "").replace(/[0-9a-f]{24}/, "{id}")}`);
  let warnings: string[] = [];
  let spy: jest.SpyInstance;

  beforeEach(() => {
    clock.set(T0);
    handlers.runtime.now = () => clock.now();
    warnings = [];
    spy = jest.spyOn(console, "error").mockImplementation((line: string) => void warnings.push(line));
  });
  afterEach(() => spy.mockRestore());

  async function created(grace: string): Promise<{ id: string; outs: RelayOutputs; news: RelayInputs }> {
    const inputs: RelayInputs = { name: "edge", policy, rotation: { trigger: "r1", gracePeriod: grace } };
    const made = await handlers.create(inputs);
    return { id: made.id, outs: made.outs as RelayOutputs, news: { ...inputs, rotation: { trigger: "r2", gracePeriod: grace } } };
  }

  it.each([
    ["then 503", { type: "commit-then-fail", status: 503 }],
    ["then a dropped connection", { type: "commit-then-fail", reset: true }],
  ])("applied with a 1h grace, %s: no second reset; the stack keeps its key, which works to the expiry; keyStale", async (_case, action) => {
    const { id, outs, news } = await created("1h");
    const heldKey = outs.fullKey as string;
    await control("POST", "/faults", resetFault(action));
    await control("DELETE", "/log");
    const updated = (await handlers.update(id, outs, news)).outs as RelayOutputs;
    expect(await calls()).toEqual([`POST ${CONFIGS}/{id}/reset`, `GET ${CONFIGS}/{id}`]);
    expect(updated).toMatchObject({ fullKey: heldKey, keyStale: true, keyLost: true, previousKeyExpiresAt: T0 + HOUR, previousDisplayKey: outs.displayKey });
    expect(updated.displayKey).not.toBe(outs.displayKey);
    expect(warnings.join("\n")).toMatch(/was reset but LaunchDarkly's answer was lost.*keeps working until 2026-06-01T01:00:00.000Z/);
    expect(warnings.join("\n")).not.toContain(heldKey);
    clock.set(T0 + HOUR - 1);
    expect(await relayStatus(heldKey)).toBe(200);
    clock.set(T0 + HOUR);
    expect(await relayStatus(heldKey)).toBe(401);
  });

  it("the stale key is replaced only after the expiry (or with allowEarlyRotation): before, diff defers it and an update sends no reset", async () => {
    const { id, outs, news } = await created("1h");
    await control("POST", "/faults", resetFault({ type: "commit-then-fail", status: 503 }));
    const stale = (await handlers.update(id, outs, news)).outs as RelayOutputs;
    await control("DELETE", "/log");
    clock.set(T0 + 10 * 60_000);
    expect(await handlers.diff(id, stale, news)).toEqual({ changes: false });
    const renamed = (await handlers.update(id, stale, { ...news, name: "edge-2" })).outs as RelayOutputs;
    expect(await calls()).toEqual([`PATCH ${CONFIGS}/{id}`]);
    expect(renamed).toMatchObject({ keyStale: true, fullKey: stale.fullKey, previousKeyExpiresAt: T0 + HOUR });
    const allowed = { ...news, rotation: { ...news.rotation!, allowEarlyRotation: true } };
    expect(await handlers.diff(id, stale, allowed)).toEqual({ changes: true });
    clock.set(T0 + HOUR);
    expect(await handlers.diff(id, stale, news)).toEqual({ changes: true });
    const fresh = (await handlers.update(id, stale, news)).outs as RelayOutputs;
    expect(fresh.keyStale).toBeUndefined();
    expect(fresh.keyLost).toBeUndefined();
    expect(await relayStatus(fresh.fullKey as string)).toBe(200);
    // The lost key was held by nobody: the reset that replaced it gave it no grace period.
    const state = (await control("GET", "/state")).configs[0];
    expect(state.previousKeys.filter((k: { expiry: number }) => k.expiry > clock.now())).toEqual([]);
  });

  it("a rotation requested while the previous key is in its grace period is refused at diff, naming the key and when it would have stopped", async () => {
    const { id, outs, news } = await created("1h");
    const rotated = (await handlers.update(id, outs, news)).outs as RelayOutputs;
    const again = { ...news, rotation: { trigger: "r3", gracePeriod: "1h" } };
    clock.set(T0 + 5 * 60_000);
    await expect(handlers.diff(id, rotated, again)).rejects.toThrow(`the previous key …${outs.displayKey} at once instead of at 2026-06-01T01:00:00.000Z`);
    clock.set(T0 + HOUR);
    expect(await handlers.diff(id, rotated, again)).toEqual({ changes: true });
  });

  it.each([
    ["one lost reset", [{ type: "commit-then-fail", status: 503 }]],
    ["two lost resets in a row", [{ type: "commit-then-fail", status: 502 }, { type: "commit-then-fail", status: 502 }]],
    ["a lost reset, a refused one, a lost one", [{ type: "commit-then-fail", status: 503 }, { type: "status", status: 500 }, { type: "commit-then-fail", reset: true }]],
  ])("without grace period, %s: the lost keys are ended by the next reset; the stack's new key works, no other key is alive", async (_case, actions) => {
    const { id, outs, news } = await created("0");
    await control("POST", "/faults", { faults: (actions as Record<string, unknown>[]).map((action, i) => resetFault(action, i)) });
    const updated = (await handlers.update(id, outs, news)).outs as RelayOutputs;
    expect(updated.keyStale).toBeUndefined();
    expect(await relayStatus(updated.fullKey as string)).toBe(200);
    expect(await relayStatus(outs.fullKey as string)).toBe(401);
    const state = (await control("GET", "/state")).configs[0];
    expect(state.previousKeys.filter((k: { expiry: number }) => k.expiry > clock.now())).toEqual([]);
  });

  it("a reset that failed before it was applied is sent again with the grace period", async () => {
    const { id, outs, news } = await created("1h");
    await control("POST", "/faults", resetFault({ type: "status", status: 503 }));
    const updated = (await handlers.update(id, outs, news)).outs as RelayOutputs;
    expect(updated.previousKeyExpiresAt).toBe(T0 + HOUR);
    expect(updated.keyStale).toBeUndefined();
    expect(await relayStatus(outs.fullKey as string)).toBe(200);
    expect(await relayStatus(updated.fullKey as string)).toBe(200);
  });
});

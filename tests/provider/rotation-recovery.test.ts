// Regression (found by the soak): a key reset that LaunchDarkly applied but whose answer was lost (commit,
// then 503) left a key no stack held; the next rotation gave that unknown key a grace period. Now one GET
// tells whether the lost reset was applied, and if so a second reset ends the unknown key at once.
import * as handlers from "../../provider/handlers";
import type { RelayOutputs } from "../../provider/outputs";
import type { RelayInputs } from "../../provider/types";
import { useEmulatedProvider } from "./support/emulated-provider";

const CONFIGS = "/api/v2/account/relay-auto-configs";
const TOKEN = "rotation-writer-token-0123456789";
const policy = [{ effect: "allow" as const, resources: ["proj/a:env/b"], actions: ["*"] }];

describe("rotation after an ambiguous reset", () => {
  const provider = useEmulatedProvider(TOKEN);
  const control = (method: string, route: string, body?: unknown) => provider.client().control(method, route, body);
  const relayStatus = (key: string) => provider.client().relayStatus(key);

  async function created(): Promise<{ id: string; outs: RelayOutputs; news: RelayInputs }> {
    const inputs: RelayInputs = { name: "edge", policy, rotation: { trigger: "r1", gracePeriod: "1h" } };
    const made = await handlers.create(inputs);
    return { id: made.id, outs: made.outs as RelayOutputs, news: { ...inputs, rotation: { trigger: "r2", gracePeriod: "1h" } } };
  }

  it.each([
    ["applied, then 503", { type: "commit-then-fail", status: 503 } as Record<string, unknown>],
    ["applied, then a dropped connection", { type: "commit-then-fail", reset: true } as Record<string, unknown>],
  ])("reset %s: the stack gets a usable key, the lost key dies, the old key keeps its grace", async (_case, action) => {
    const { id, outs, news } = await created();
    const oldKey = outs.fullKey as string;
    await control("POST", "/faults", { match: { method: "POST", pathPattern: `${CONFIGS}/*/reset` }, action, count: 1 });
    await control("DELETE", "/log");
    const updated = await handlers.update(id, outs, news);
    const newKey = updated.outs!.fullKey as string;
    expect(newKey).not.toBe(oldKey);
    expect(await relayStatus(newKey)).toBe(200);
    expect(await relayStatus(oldKey)).toBe(200);
    // Exactly two keys work: the stack's new one and the old one in its grace period; the lost one does not.
    const state = (await control("GET", "/state")).configs[0];
    const alive = state.previousKeys.filter((k: { expiry: number }) => k.expiry > Date.now());
    expect(alive).toHaveLength(1);
    const calls = (await control("GET", "/log")).entries.filter((e: { path: string }) => e.path.startsWith("/api/")).map((e: { method: string; path: string }) => `${e.method} ${e.path.replace(/\?.*/, "")}`);
    expect(calls).toEqual([`POST ${CONFIGS}/${id}/reset`, `GET ${CONFIGS}/${id}`, `POST ${CONFIGS}/${id}/reset`]);
  });

  it.each([
    ["two lost resets in a row", [{ type: "commit-then-fail", status: 502 }, { type: "commit-then-fail", status: 502 }]],
    ["a lost reset, a refused one, a lost one", [{ type: "commit-then-fail", status: 503 }, { type: "status", status: 500 }, { type: "commit-then-fail", reset: true }]],
    ["four lost resets", Array.from({ length: 4 }, () => ({ type: "commit-then-fail", status: 503 }))],
  ])("%s: every unknown key dies, the stack's key and the old key work", async (_case, actions) => {
    const { id, outs, news } = await created();
    const oldKey = outs.fullKey as string;
    await control("POST", "/faults", { faults: (actions as Record<string, unknown>[]).map((action, i) => ({ match: { method: "POST", pathPattern: `${CONFIGS}/*/reset` }, action, count: 1, skip: i })) });
    const updated = await handlers.update(id, outs, news);
    expect(await relayStatus(updated.outs!.fullKey as string)).toBe(200);
    expect(await relayStatus(oldKey)).toBe(200);
    const state = (await control("GET", "/state")).configs[0];
    expect(state.previousKeys.filter((k: { expiry: number }) => k.expiry > Date.now())).toHaveLength(1);
  });

  it("a reset that failed before it was applied is sent again with the grace period", async () => {
    const { id, outs, news } = await created();
    await control("POST", "/faults", { match: { method: "POST", pathPattern: `${CONFIGS}/*/reset` }, action: { type: "status", status: 503 }, count: 1 });
    const before = Date.now();
    const updated = await handlers.update(id, outs, news);
    expect(updated.outs!.previousKeyExpiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(await relayStatus(outs.fullKey as string)).toBe(200);
  });
});

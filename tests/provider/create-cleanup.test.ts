// Regression (found by the soak, scripts/soak): a create whose POST failed ambiguously adopts the config it made
// and resets its key; when that reset also failed, create threw and left the config in LaunchDarkly with no
// stack recording it (an orphan with a live key). Now the failed create deletes the config it made.
import * as handlers from "../../provider/handlers";
import type { RelayInputs } from "../../provider/types";
import { useEmulatedProvider } from "./support/emulated-provider";

const CONFIGS = "/api/v2/account/relay-auto-configs";
const TOKEN = "cleanup-writer-token-0123456789";
const inputs: RelayInputs = { name: "edge", policy: [{ effect: "allow", resources: ["proj/a:env/b"], actions: ["*"] }] };

describe("create after an ambiguous POST whose recovery also fails", () => {
  const provider = useEmulatedProvider(TOKEN);
  const control = (method: string, route: string, body?: unknown) => provider.client().control(method, route, body);

  it("deletes the adopted config when its key reset fails, so no orphan is left", async () => {
    await control("POST", "/faults", { faults: [
      { match: { method: "POST", pathPattern: CONFIGS }, action: { type: "commit-then-fail", status: 502 }, count: 1 },
      { match: { method: "POST", pathPattern: `${CONFIGS}/*/reset` }, action: { type: "commit-then-fail", status: 503 }, count: 5 },
    ] });
    await expect(handlers.create(inputs)).rejects.toThrow(/reset the key/);
    const { faults } = await control("GET", "/faults");
    // The adoption's reset is recovered up to 5 times; a reset that keeps failing makes create clean up.
    expect(faults.map((f: any) => f.fired)).toEqual([1, 5]);
    expect((await control("GET", "/state")).configs).toEqual([]);
  });

  it("recovers an adoption whose key reset was applied but its answer lost", async () => {
    await control("POST", "/faults", { faults: [
      { match: { method: "POST", pathPattern: CONFIGS }, action: { type: "commit-then-fail", status: 502 }, count: 1 },
      { match: { method: "POST", pathPattern: `${CONFIGS}/*/reset` }, action: { type: "commit-then-fail", status: 503 }, count: 1 },
    ] });
    const made = await handlers.create(inputs);
    expect((await control("GET", "/state")).configs.map((c: any) => c._id)).toEqual([made.id]);
    expect(await provider.client().relayStatus(made.outs!.fullKey as string)).toBe(200);
  });

  it("deletes the config of an ambiguous second POST when nothing was adoptable", async () => {
    // First POST fails before commit (reset) but looks ambiguous; the second POST commits, then fails.
    await control("POST", "/faults", { faults: [
      { match: { method: "POST", pathPattern: CONFIGS }, action: { type: "reset" }, count: 1 },
      { match: { method: "POST", pathPattern: CONFIGS }, action: { type: "commit-then-fail", status: 503 }, count: 1 },
    ] });
    await expect(handlers.create(inputs)).rejects.toThrow(/503/);
    expect((await control("GET", "/faults")).faults.map((f: any) => f.fired)).toEqual([1, 1]);
    expect((await control("GET", "/state")).configs).toEqual([]);
  });

  it("still succeeds, with one config, when the adoption's reset works", async () => {
    await control("POST", "/faults", { match: { method: "POST", pathPattern: CONFIGS }, action: { type: "commit-then-fail" }, count: 1 });
    const made = await handlers.create(inputs);
    const live = (await control("GET", "/state")).configs;
    expect(live.map((c: any) => c._id)).toEqual([made.id]);
  });
});

// RelayProxyConfiguration through the real engine against the emulator: create (1 POST each), no-op preview
// (0 calls), a one-statement update (one minimal PATCH with the comment, guarded by what the state holds), rotation with a grace period
// (same id, new key, old key accepted until expiry), secrets absent from state and output, destroy (1 DELETE each).
import * as fs from "fs";
import { countCalls, createRelayStack, RelayStack, TOKEN } from "./support/relay-stack";

const edgePolicy = [{ effect: "allow", resources: ["proj/mobile:env/production"], actions: ["*"] }];
const stagingPolicy = [{ effect: "allow", resources: ["proj/web:env/staging", "proj/web:env/qa"], actions: ["*"] }];

describe("RelayProxyConfiguration lifecycle", () => {
  let t: RelayStack;
  const seenKeys: string[] = [];
  let transcript = "";

  beforeAll(async () => {
    t = await createRelayStack("lifecycle");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  const relayCheck = (key: string) => t.relayStatus(key);

  it("creates each config with exactly one POST and keeps keys secret", async () => {
    await t.setRelays({
      edge: { name: "edge-relays", policy: edgePolicy, rotation: { trigger: "2026-11", gracePeriod: "1h" } },
      staging: { name: "staging-relays", policy: stagingPolicy },
    });
    const up = await t.env.stack.up({ color: "never" });
    transcript += up.stdout + up.stderr;
    expect(up.summary.result).toBe("succeeded");
    expect(countCalls(await t.log())).toEqual({ "POST list": 2, "GET account": 1 });

    const outputs = await t.env.stack.outputs();
    // Each exported key is stored as an encrypted secret in the stack's outputs.
    const stackOutputs = JSON.parse(fs.readFileSync(t.env.stateFile(), "utf8")).checkpoint.latest.resources[0].outputs;
    expect(Object.keys(stackOutputs.keys.edge)).toEqual(["4dabf18193072939515e22adb298388d", "ciphertext"]);
    const keys = outputs.keys.value as Record<string, string>;
    expect(keys.edge).toMatch(/^rel-[0-9a-f-]{36}$/);
    seenKeys.push(keys.edge, keys.staging);
    expect(outputs.displayKeys.value.edge).toBe(keys.edge.slice(-4));
    expect(await relayCheck(keys.edge)).toBe(200);

    const live = await t.api("GET", `/api/v2/account/relay-auto-configs/${outputs.ids.value.edge}`);
    expect(live.body.policy).toEqual(edgePolicy);
    expect(live.body.name).toBe("edge-relays");
  }, 180000);

  it("previews with no changes and no call for the configs (only the command's one account listing, for reach)", async () => {
    await t.clearLog();
    const preview = await t.env.stack.preview({ color: "never" });
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(preview.changeSummary.same).toBe(3);
    expect(countCalls(await t.log())).toEqual({ "GET account": 1 });
  }, 120000);

  it("updates one statement with one minimal PATCH carrying the comment, no read first", async () => {
    const widened = [{ effect: "allow", resources: ["proj/web:env/staging", "proj/web:env/qa"], actions: ["*"] },
      { effect: "deny", resources: ["proj/web:env/qa"], actions: ["updateFlag"] }];
    await t.setRelays({
      edge: { name: "edge-relays", policy: edgePolicy, rotation: { trigger: "2026-11", gracePeriod: "1h" } },
      staging: { name: "staging-relays", policy: widened, comment: "deny flag updates in qa" },
    });
    const preview = await t.env.stack.preview({ color: "never", diff: true });
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.stdout).toContain("updateFlag");

    await t.clearLog();
    const up = await t.env.stack.up({ color: "never" });
    transcript += up.stdout + up.stderr;
    expect(countCalls(await t.log())).toEqual({ "PATCH item": 1, "GET account": 1 });

    const state = await t.control("GET", "/state");
    const staging = state.configs.find((c: any) => c.name === "staging-relays");
    expect(staging.policy).toEqual(widened);
    expect(JSON.stringify(staging)).toContain("deny flag updates in qa");
  }, 180000);

  it("rotates the key in place with a grace period for the old key", async () => {
    const before = await t.env.stack.outputs();
    const oldKey = before.keys.value.edge as string;
    await t.setRelays({
      edge: { name: "edge-relays", policy: edgePolicy, rotation: { trigger: "2026-12", gracePeriod: "1h" } },
      staging: {
        name: "staging-relays",
        comment: "deny flag updates in qa",
        policy: [{ effect: "allow", resources: ["proj/web:env/staging", "proj/web:env/qa"], actions: ["*"] },
          { effect: "deny", resources: ["proj/web:env/qa"], actions: ["updateFlag"] }],
      },
    });
    const preview = await t.env.stack.preview({ color: "never", diff: true });
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.stdout).toMatch(/trigger\s*:\s*"2026-11" => "2026-12"/);

    await t.clearLog();
    const up = await t.env.stack.up({ color: "never" });
    transcript += up.stdout + up.stderr;
    expect(countCalls(await t.log())).toEqual({ "POST reset": 1, "GET account": 1 });
    const after = await t.env.stack.outputs();
    expect(after.ids.value.edge).toBe(before.ids.value.edge);
    const newKey = after.keys.value.edge as string;
    seenKeys.push(newKey);
    expect(newKey).not.toBe(oldKey);
    expect(after.displayKeys.value.edge).toBe(newKey.slice(-4));

    expect(await relayCheck(newKey)).toBe(200);
    expect(await relayCheck(oldKey)).toBe(200);
    await t.control("POST", "/clock", { advanceMs: 59 * 60_000 });
    expect(await relayCheck(oldKey)).toBe(200);
    await t.control("POST", "/clock", { advanceMs: 2 * 60_000 });
    expect(await relayCheck(oldKey)).toBe(401);
    expect(await relayCheck(newKey)).toBe(200);
  }, 180000);

  it("never writes the token or a key in plaintext to state or engine output", async () => {
    const stateText = fs.readFileSync(t.env.stateFile(), "utf8");
    for (const secret of [TOKEN, ...seenKeys]) {
      // Booleans, so a failure never prints the secret it found.
      expect(stateText.includes(secret)).toBe(false);
      expect(transcript.includes(secret)).toBe(false);
    }
    const resources = JSON.parse(stateText).checkpoint.latest.resources;
    const relays = resources.filter((r: any) => r.type === "pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration");
    expect(relays).toHaveLength(2);
    for (const r of relays) {
      expect(r.outputs.fullKey["4dabf18193072939515e22adb298388d"]).toBe("1b47061264138c4ac30d75fd1eb44270");
      // The serialized provider is a small stub.
      expect(r.inputs.__provider.length).toBeLessThan(1024);
    }
  });

  it("destroys each config with one DELETE", async () => {
    await t.clearLog();
    const destroyed = await t.env.stack.destroy({ color: "never" });
    expect(destroyed.summary.result).toBe("succeeded");
    expect(countCalls(await t.log())).toEqual({ "DELETE item": 2 });
    const list = await t.api("GET", "/api/v2/account/relay-auto-configs");
    expect(list.body.items).toEqual([]);
  }, 180000);
});

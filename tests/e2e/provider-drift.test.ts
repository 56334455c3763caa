// Drift, import, bad input and bad credentials through the real engine: out-of-band PATCH, DELETE and key
// reset are seen by refresh and repaired by up; an existing config is adopted by id; invalid inputs fail
// preview naming the property with 0 API calls; a reader token and a wrong host give clear errors.
import { countCalls, createRelayStack, READER_TOKEN, RelayStack, TOKEN } from "./support/relay-stack";

const policy = [{ effect: "allow", resources: ["proj/mobile:env/production"], actions: ["*"] }];
const base = "/api/v2/account/relay-auto-configs";

describe("RelayProxyConfiguration drift and import", () => {
  let t: RelayStack;

  beforeAll(async () => {
    t = await createRelayStack("drift");
    await t.setRelays({ edge: { name: "edge-relays", policy, rotation: { trigger: "r1", gracePeriod: "10m" } } });
    const up = await t.env.stack.up({ color: "never" });
    expect(up.summary.result).toBe("succeeded");
  }, 180000);
  afterAll(async () => {
    await t?.dispose();
  });

  const edgeId = async () => (await t.env.stack.outputs()).ids.value.edge as string;

  it("refresh shows an out-of-band PATCH and up restores the desired policy", async () => {
    const id = await edgeId();
    const patched = await t.api("PATCH", `${base}/${id}`, {
      patch: [{ op: "replace", path: "/policy/0/resources/0", value: "proj/*:env/*" }],
    });
    expect(patched.status).toBe(200);
    const refresh = await t.env.stack.refresh({ color: "never" });
    expect(refresh.summary.resourceChanges?.update).toBe(1);
    const preview = await t.env.stack.preview({ color: "never", diff: true });
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.stdout).toContain("proj/*:env/*");
    await t.env.stack.up({ color: "never" });
    expect((await t.api("GET", `${base}/${id}`)).body.policy).toEqual(policy);
    // After refresh the stack is clean: no spurious diff.
    await t.env.stack.refresh({ color: "never" });
    expect((await t.env.stack.preview({ color: "never" })).changeSummary.update ?? 0).toBe(0);
  }, 180000);

  it("detects a key reset outside Pulumi, protects the held key for the grace period, and obtains a usable key when told to", async () => {
    const id = await edgeId();
    const held = (await t.env.stack.outputs()).keys.value.edge as string;
    expect((await t.api("POST", `${base}/${id}/reset`)).status).toBe(200);
    const refresh = await t.env.stack.refresh({ color: "never" });
    expect(refresh.stdout + refresh.stderr).toContain("was reset outside Pulumi");
    expect(refresh.stdout + refresh.stderr).toContain("treated as live until");
    // Inside the grace period the stack waits: up resets nothing (the reset outside may have left the held key
    // a grace period that a reset now could end).
    await t.clearLog();
    await t.env.stack.up({ color: "never" });
    expect(countCalls(await t.log())).toEqual({ "GET account": 1 });
    // The outside reset had no grace, so the held key is dead: rotating now is meant.
    expect(await t.relayStatus(held)).toBe(401);
    await t.setRelays({ edge: { name: "edge-relays", policy, rotation: { trigger: "r1", gracePeriod: "10m", allowEarlyRotation: true } } });
    await t.env.stack.up({ color: "never" });
    const key = (await t.env.stack.outputs()).keys.value.edge as string;
    expect(await t.relayStatus(key)).toBe(200);
    await t.setRelays({ edge: { name: "edge-relays", policy, rotation: { trigger: "r1", gracePeriod: "10m" } } });
  }, 180000);

  it("refresh drops an out-of-band DELETE and up recreates the config", async () => {
    const id = await edgeId();
    expect((await t.api("DELETE", `${base}/${id}`)).status).toBe(204);
    const refresh = await t.env.stack.refresh({ color: "never" });
    expect(refresh.summary.resourceChanges?.delete).toBe(1);
    await t.clearLog();
    const up = await t.env.stack.up({ color: "never" });
    expect(up.summary.resourceChanges?.create).toBe(1);
    expect(countCalls(await t.log())).toEqual({ "POST list": 1, "GET account": 1 });
    expect(await edgeId()).not.toBe(id);
  }, 180000);

  it("adopts an existing config by id, keeping its old key alive for the grace period", async () => {
    const existing = await t.api("POST", base, { name: "legacy", policy: [{ effect: "allow", resources: ["proj/a:env/qa"], actions: ["*"] }] });
    expect(existing.status).toBe(201);
    const oldKey = existing.body.fullKey as string;
    await t.setRelays({
      edge: { name: "edge-relays", policy, rotation: { trigger: "r1", gracePeriod: "10m" } },
      legacy: { name: "legacy-relays", policy, adoptConfigId: existing.body._id, rotation: { trigger: "r1", gracePeriod: "1h" } },
    });
    await t.clearLog();
    const up = await t.env.stack.up({ color: "never" });
    expect(up.summary.resourceChanges?.create).toBe(1);
    // GET to find it, GET + guarded PATCH to converge, one reset; never a POST of a new config.
    expect(countCalls(await t.log())).toEqual({ "GET item": 2, "PATCH item": 1, "POST reset": 1, "GET account": 1 });
    const outputs = await t.env.stack.outputs();
    expect(outputs.ids.value.legacy).toBe(existing.body._id);
    expect((await t.api("GET", `${base}/${existing.body._id}`)).body.name).toBe("legacy-relays");
    const status = t.relayStatus;
    expect(await status(outputs.keys.value.legacy)).toBe(200);
    expect(await status(oldKey)).toBe(200);
    // Refresh after adoption shows no drift.
    await t.env.stack.refresh({ color: "never" });
    expect((await t.env.stack.preview({ color: "never" })).changeSummary.update ?? 0).toBe(0);
  }, 180000);

  it.each([
    ["an invalid effect", { effect: "permit", resources: ["proj/*:env/qa"], actions: ["*"] }, "policy[0].effect"],
    ["both resources and notResources", { effect: "allow", resources: ["proj/a:env/qa"], notResources: ["proj/b:env/qa"], actions: ["*"] }, "policy[0]"],
    ["a malformed specifier", { effect: "allow", resources: ["proj/a:env/"], actions: ["*"] }, "policy[0].resources[0]"],
  ])("fails preview on %s, naming the property, with 0 API calls", async (_case, statement, property) => {
    await t.setRelays({ bad: { name: "bad-relays", policy: [statement] } });
    await t.clearLog();
    const result = await t.env.cli(["preview"]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(property);
    expect(await t.log()).toEqual([]);
  }, 120000);
});

describe("RelayProxyConfiguration with bad credentials", () => {
  it("a reader token gives a clear 403 naming the operation", async () => {
    const t = await createRelayStack("reader", { LAUNCHDARKLY_ACCESS_TOKEN: READER_TOKEN });
    try {
      await t.setRelays({ edge: { name: "edge-relays", policy } });
      const result = await t.env.cli(["up", "--yes", "--skip-preview"]);
      const text = result.stdout + result.stderr;
      expect(result.code).not.toBe(0);
      expect(text).toMatch(/create relay config "edge-relays": HTTP 403 forbidden/);
      expect(text.includes(READER_TOKEN)).toBe(false);
      expect(text.includes(TOKEN)).toBe(false);
    } finally {
      await t.dispose();
    }
  }, 180000);

  it("a wrong host gives a clear connection error", async () => {
    const t = await createRelayStack("wronghost", { LAUNCHDARKLY_API_HOST: "http://127.0.0.1:9" });
    try {
      await t.setRelays({ edge: { name: "edge-relays", policy } });
      const result = await t.env.cli(["up", "--yes", "--skip-preview"]);
      const text = result.stdout + result.stderr;
      expect(result.code).not.toBe(0);
      expect(text).toContain("cannot reach http://127.0.0.1:9");
      expect(text.includes(TOKEN)).toBe(false);
    } finally {
      await t.dispose();
    }
  }, 180000);
});

// RelayProxyConfigurations through the real engine: a fleet of configurations in one resource. The preview
// diff names the entry and the line that changed; a batch that fails half-way (emulator faults) leaves the
// stack's state holding exactly the configurations LaunchDarkly holds, keys encrypted; the next up finishes;
// destroy leaves nothing.
import * as fs from "node:fs";
import * as path from "node:path";
import { countCalls, createRelayStack, RelayStack } from "./support/relay-stack";

const CONFIGS = "/api/v2/account/relay-auto-configs";
const FLEET_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { RelayProxyConfigurations } = require("pulumi-launchdarkly-relay");
const config = new pulumi.Config();
const fleet = new RelayProxyConfigurations("fleet", { configs: JSON.parse(config.require("relays")) });
exports.ids = fleet.configs.apply((c) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v.configId])));
exports.keys = fleet.fullKeys;
`;

const entry = (env: string) => ({ name: `relay-${env}`, policy: [{ effect: "allow", resources: [`proj/web:env/${env}`], actions: ["*"] }], rotation: { trigger: "r1", gracePeriod: "1h" } });

describe("RelayProxyConfigurations (a fleet in one resource)", () => {
  let t: RelayStack;

  beforeAll(async () => {
    t = await createRelayStack("fleet", {}, {}, FLEET_PROGRAM);
  }, 60000);
  afterAll(async () => {
    await t?.dispose();
  });

  const live = async () => ((await t.api("GET", CONFIGS)).body.items as { _id: string; name: string }[]).map((c) => c._id).sort();
  /** The state as the backend stores it (secrets encrypted). */
  const stored = () => fs.readFileSync(t.env.stateFile(), "utf8");
  const recordedIds = async (): Promise<string[]> => {
    const deployment = (await t.env.stack.exportStack()).deployment as { resources: { type: string; outputs?: { configs?: Record<string, { configId: string }> } }[] };
    const fleet = deployment.resources.find((r) => r.type.endsWith(":RelayProxyConfigurations"));
    return Object.values(fleet?.outputs?.configs ?? {}).map((c) => c.configId).sort();
  };

  it("creates a fleet with one POST per entry in one engine step; keys are secret outputs", async () => {
    await t.setRelays({ development: entry("development"), staging: entry("staging"), production: entry("production") });
    await t.clearLog();
    const up = await t.env.stack.up({ color: "never" });
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(countCalls(await t.log())).toEqual({ "POST list": 3, "GET account": 1 });
    const outputs = await t.env.stack.outputs();
    expect(outputs.keys.secret).toBe(true);
    expect(await live()).toEqual(Object.values(outputs.ids.value as Record<string, string>).sort());
    const state = stored();
    for (const key of Object.values(outputs.keys.value as Record<string, string>)) {
      expect(await t.relayStatus(key)).toBe(200);
      expect(state).not.toContain(key);
    }
  }, 180000);

  it("previews a change of one entry by its key, and updates only that entry", async () => {
    const production = { ...entry("production"), policy: [{ effect: "allow", resources: ["proj/web:env/production", "proj/mobile:env/production"], actions: ["*"] }] };
    await t.setRelays({ development: entry("development"), staging: entry("staging"), production });
    const preview = await t.env.stack.preview({ color: "never", diff: true });
    expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
    expect(preview.stdout).toMatch(/production/);
    expect(preview.stdout).toContain("proj/mobile:env/production");
    expect(preview.stdout).not.toMatch(/~ development|~ staging/);
    await t.clearLog();
    await t.env.stack.up({ color: "never" });
    expect(countCalls(await t.log())).toEqual({ "PATCH item": 1, "GET account": 1 });
  }, 180000);

  it("a batch that fails half-way records exactly what LaunchDarkly holds; the next up finishes it", async () => {
    const all = { development: entry("development"), staging: entry("staging"), production: entry("production"), test: entry("test"), eu: entry("eu"), us: entry("us") };
    await t.setRelays(all);
    // The first new POST succeeds, every later one fails (each failed create cleans up after itself).
    await t.control("POST", "/faults", { match: { method: "POST", pathPattern: CONFIGS }, action: { type: "status", status: 500 }, skip: 1 });
    const failed = await t.env.stack.up({ color: "never" }).then(
      () => undefined,
      (err: unknown) => String(err),
    );
    // The engine lists each failed entry (the partial failure's reasons) and records the rest.
    expect(failed).toMatch(/2 errors occurred/);
    expect(failed).toMatch(/Injected fault/);
    expect(await recordedIds()).toEqual(await live());
    expect((await live()).length).toBe(4);
    const state = stored();
    expect(state).not.toMatch(/rel-[0-9a-f-]{8,}/);
    await t.control("DELETE", "/faults");
    const up = await t.env.stack.up({ color: "never" });
    expect(up.summary.result).toBe("succeeded");
    expect(await recordedIds()).toEqual(await live());
    expect((await live()).length).toBe(6);
  }, 240000);

  it("the policy pack judges every entry, naming the one that is too broad", async () => {
    const wide = { name: "relay-wide", policy: [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }] };
    await t.setRelays({ development: entry("development"), wide });
    const preview = await t.env.cli(["preview", "--policy-pack", path.join(__dirname, "..", "..", "policy-pack")]);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toContain("relay-no-unrestricted-access");
    expect(preview.stdout).toContain('configs["wide"]');
    expect(preview.stdout).not.toContain('configs["development"]');
  }, 180000);

  it("destroy deletes every entry", async () => {
    const destroy = await t.env.stack.destroy({ color: "never" });
    expect(destroy.summary.result).toBe("succeeded");
    expect(await live()).toEqual([]);
  }, 180000);
});

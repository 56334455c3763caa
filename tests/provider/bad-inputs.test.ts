// A catalogue of bad inputs through provider/handlers.ts `configure` + `check`: each is refused with a failure
// at its exact property path, and `check` makes no API call (the host is an in-process emulator whose request
// log must stay empty).
import { start, type RunningEmulator } from "../../emulator/start";
import * as handlers from "../../provider/handlers";
import type { RelayInputs } from "../../provider/types";

const TOKEN = "bad-inputs-writer-token-0123456789";
const GOOD = { effect: "allow", resources: ["proj/a:env/b"], actions: ["*"] };
const base = (): Record<string, unknown> => ({ name: "edge", policy: [structuredClone(GOOD)], rotation: { trigger: "t1", gracePeriod: "1h" } });
const withPolicy = (...statements: unknown[]) => ({ ...base(), policy: statements });
const st = (over: Record<string, unknown>) => ({ ...GOOD, ...over });

interface Case {
  title: string;
  inputs: Record<string, unknown>;
  /** Stack config over the defaults (apiHost = the emulator, accessToken = TOKEN); undefined removes a key. */
  config?: Record<string, string | undefined>;
  /** The exact property paths of every failure. */
  properties: string[];
}

const cases: Case[] = [
  // name
  { title: "name missing", inputs: { ...base(), name: undefined }, properties: ["name"] },
  { title: "name a number", inputs: { ...base(), name: 42 }, properties: ["name"] },
  { title: "name blank", inputs: { ...base(), name: "   " }, properties: ["name"] },
  { title: "name too long", inputs: { ...base(), name: "x".repeat(257) }, properties: ["name"] },
  // policy
  { title: "policy missing", inputs: { ...base(), policy: undefined }, properties: ["policy"] },
  { title: "policy a string", inputs: { ...base(), policy: "allow all" }, properties: ["policy"] },
  { title: "policy empty", inputs: withPolicy(), properties: ["policy"] },
  { title: "statement not an object", inputs: withPolicy(42), properties: ["policy[0]"] },
  { title: "effect missing", inputs: withPolicy(st({ effect: undefined })), properties: ["policy[0].effect"] },
  { title: "effect not allow/deny", inputs: withPolicy(GOOD, st({ effect: "permit" })), properties: ["policy[1].effect"] },
  { title: "unknown statement field", inputs: withPolicy(st({ condition: "x" })), properties: ["policy[0].condition"] },
  { title: "resources and notResources", inputs: withPolicy(st({ notResources: ["proj/x"] })), properties: ["policy[0]"] },
  { title: "neither resources nor notResources", inputs: withPolicy({ effect: "allow", actions: ["*"] }), properties: ["policy[0]"] },
  { title: "resources empty list", inputs: withPolicy(st({ resources: [] })), properties: ["policy[0].resources"] },
  { title: "resources a string", inputs: withPolicy(st({ resources: "proj/a" })), properties: ["policy[0].resources"] },
  { title: "resource not a string", inputs: withPolicy(st({ resources: ["proj/a", 7] })), properties: ["policy[0].resources[1]"] },
  { title: "resource blank", inputs: withPolicy(st({ resources: [" "] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier not starting with proj", inputs: withPolicy(st({ resources: ["env/production"] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier with whitespace", inputs: withPolicy(st({ resources: ["proj/a :env/b"] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier segment without slash", inputs: withPolicy(st({ resources: ["proj"] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier bad type", inputs: withPolicy(st({ resources: ["Proj/a"] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier bad tag", inputs: withPolicy(st({ resources: ["proj/a;t@g"] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier empty segment", inputs: withPolicy(st({ resources: ["proj/a::env/b"] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier second segment not env", inputs: withPolicy(st({ resources: ["proj/a:flag/b"] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier leading slash on the environment", inputs: withPolicy(st({ resources: ["proj/a:/env/b"] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier role attribute inside a name", inputs: withPolicy(st({ resources: ["proj/web-${roleAttribute/team}:env/b"] })), properties: ["policy[0].resources[0]"] },
  { title: "specifier selector without a value", inputs: withPolicy(st({ resources: ["proj/a:env/*;{critical}"] })), properties: ["policy[0].resources[0]"] },
  { title: "notResources bad name", inputs: withPolicy({ effect: "deny", notResources: ["proj/a:env/"], actions: ["*"] }), properties: ["policy[0].notResources[0]"] },
  { title: "actions and notActions", inputs: withPolicy(st({ notActions: ["updateFlag"] })), properties: ["policy[0]"] },
  { title: "action with a space", inputs: withPolicy(GOOD, st({ actions: ["update flag"] })), properties: ["policy[1].actions[0]"] },
  { title: "notActions blank", inputs: withPolicy({ effect: "deny", resources: ["proj/a"], notActions: [""] }), properties: ["policy[0].notActions[0]"] },
  // comment, unknown fields
  { title: "comment a number", inputs: { ...base(), comment: 42 }, properties: ["comment"] },
  { title: "unknown top-level field", inputs: { ...base(), tags: ["x"] }, properties: ["tags"] },
  // rotation and grace periods
  { title: "rotation a string", inputs: { ...base(), rotation: "weekly" }, properties: ["rotation"] },
  { title: "rotation without trigger", inputs: { ...base(), rotation: { gracePeriod: "1h" } }, properties: ["rotation.trigger"] },
  { title: "trigger a number", inputs: { ...base(), rotation: { trigger: 7 } }, properties: ["rotation.trigger"] },
  { title: "trigger blank", inputs: { ...base(), rotation: { trigger: "  " } }, properties: ["rotation.trigger"] },
  { title: "unknown rotation field", inputs: { ...base(), rotation: { trigger: "t", schedule: "weekly" } }, properties: ["rotation.schedule"] },
  { title: "grace period not a duration", inputs: { ...base(), rotation: { trigger: "t", gracePeriod: "soon" } }, properties: ["rotation.gracePeriod"] },
  { title: "grace period over 30 days", inputs: { ...base(), rotation: { trigger: "t", gracePeriod: "31d" } }, properties: ["rotation.gracePeriod"] },
  { title: "grace period negative", inputs: { ...base(), rotation: { trigger: "t", gracePeriod: -5 } }, properties: ["rotation.gracePeriod"] },
  { title: "grace period a boolean", inputs: { ...base(), rotation: { trigger: "t", gracePeriod: true } }, properties: ["rotation.gracePeriod"] },
  { title: "grace period in years", inputs: { ...base(), rotation: { trigger: "t", gracePeriod: "1y" } }, properties: ["rotation.gracePeriod"] },
  // adoptConfigId
  { title: "adoptConfigId too short", inputs: { ...base(), adoptConfigId: "abc" }, properties: ["adoptConfigId"] },
  { title: "adoptConfigId a number", inputs: { ...base(), adoptConfigId: 123 }, properties: ["adoptConfigId"] },
  { title: "adoptConfigId uppercase hex", inputs: { ...base(), adoptConfigId: "ABCDEF0123456789ABCDEF01" }, properties: ["adoptConfigId"] },
  // provider settings
  { title: "token missing", inputs: base(), config: { "launchdarkly:accessToken": undefined }, properties: ["launchdarkly:accessToken"] },
  { title: "token blank", inputs: base(), config: { "launchdarkly:accessToken": "   " }, properties: ["launchdarkly:accessToken"] },
  { title: "host not a URL", inputs: base(), config: { "launchdarkly:apiHost": "not a host" }, properties: ["launchdarkly:apiHost"] },
  { title: "host with ftp scheme", inputs: base(), config: { "launchdarkly:apiHost": "ftp://app.launchdarkly.com" }, properties: ["launchdarkly:apiHost"] },
  { title: "host with a query", inputs: base(), config: { "launchdarkly:apiHost": "https://app.launchdarkly.com/?x=1" }, properties: ["launchdarkly:apiHost"] },
  { title: "host with credentials", inputs: base(), config: { "launchdarkly:apiHost": "https://u:p@app.launchdarkly.com" }, properties: ["launchdarkly:apiHost"] },
  { title: "plain http to a remote host", inputs: base(), config: { "launchdarkly:apiHost": "http://app.launchdarkly.com" }, properties: ["launchdarkly:apiHost"] },
  { title: "request timeout not a duration", inputs: base(), config: { "launchdarkly:requestTimeout": "forever" }, properties: ["launchdarkly:requestTimeout"] },
  { title: "http timeout not whole seconds", inputs: base(), config: { "launchdarkly:httpTimeout": "20s" }, properties: ["launchdarkly:httpTimeout"] },
  { title: "both timeouts", inputs: base(), config: { "launchdarkly:httpTimeout": "20", "launchdarkly:requestTimeout": "20s" }, properties: ["launchdarkly:httpTimeout"] },
  { title: "both an access and an OAuth token", inputs: base(), config: { "launchdarkly:oauthToken": "oauth-token-value" }, properties: ["launchdarkly:oauthToken"] },
  { title: "max concurrency out of range", inputs: base(), config: { "launchdarkly:maxConcurrency": "0" }, properties: ["launchdarkly:maxConcurrency"] },
  // several at once: every failure is reported, each at its own path
  {
    title: "several bad fields at once",
    inputs: { name: "", policy: [st({ effect: "maybe" })], rotation: { trigger: "" }, adoptConfigId: "x" },
    config: { "launchdarkly:accessToken": undefined },
    properties: ["launchdarkly:accessToken", "name", "policy[0].effect", "rotation.trigger", "adoptConfigId"],
  },
];

describe("check refuses bad inputs at their exact property path, with no API call", () => {
  let emu: RunningEmulator;
  const saved: Record<string, string | undefined> = {};
  const ENV = ["LAUNCHDARKLY_ACCESS_TOKEN", "LAUNCHDARKLY_API_HOST", "LAUNCHDARKLY_REQUEST_TIMEOUT"];

  beforeAll(async () => {
    // The environment is the settings' fallback: clear it so "token missing" really is missing.
    for (const k of ENV) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
    emu = await start({ control: true, tokens: [{ token: TOKEN, role: "writer" }] });
  });
  afterAll(async () => {
    for (const k of ENV) if (saved[k] !== undefined) process.env[k] = saved[k];
    handlers.resetForTests();
    await emu.close();
  });

  const apiLog = async () =>
    (((await (await fetch(`${emu.url}/__emulator/log`)).json()) as any).entries as { path: string }[]).filter((e) => !e.path.startsWith("/__emulator"));

  it("has at least 30 cases with distinct titles", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.title)).size).toBe(cases.length);
  });

  it("accepts the base inputs (so each case fails only for its own change)", async () => {
    handlers.resetForTests();
    await handlers.configure({ config: { get: (k: string) => ({ "launchdarkly:apiHost": emu.url, "launchdarkly:accessToken": TOKEN } as Record<string, string>)[k] } } as any);
    const result = await handlers.check({} as RelayInputs, base() as unknown as RelayInputs);
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toBeDefined();
    // Valid inputs get their reach: one listing of the account, nothing else.
    expect(Array.isArray(result.inputs?.reach)).toBe(true);
    expect((await apiLog()).map((e) => e.path.split("?")[0])).toEqual(["/api/v2/projects"]);
  });

  it.each(cases)("$title", async ({ inputs, config, properties }) => {
    await fetch(`${emu.url}/__emulator/log`, { method: "DELETE" });
    const map: Record<string, string | undefined> = { "launchdarkly:apiHost": emu.url, "launchdarkly:accessToken": TOKEN, ...config };
    handlers.resetForTests();
    await handlers.configure({ config: { get: (k: string) => map[k] } } as any);
    const result = await handlers.check({} as RelayInputs, inputs as unknown as RelayInputs);
    expect(result.inputs).toBeUndefined();
    expect((result.failures ?? []).map((f) => f.property).sort()).toEqual([...properties].sort());
    for (const f of result.failures ?? []) {
      expect(typeof f.reason).toBe("string");
      expect(f.reason.length).toBeGreaterThan(0);
      expect(f.reason.includes(TOKEN)).toBe(false);
    }
    expect(await apiLog()).toEqual([]);
  });
});

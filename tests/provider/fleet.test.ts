// The fleet's handlers (provider/fleet/handlers.ts) against an in-process emulator, without the engine: check
// names each entry's failures, create/update/delete send what the single resource would per entry, and a
// batch that fails half-way reports a partial failure whose state is exactly what LaunchDarkly holds.
import type { FaultDefinition } from "../../emulator/faults";
import { start, type RunningEmulator } from "../../emulator/start";
import type { FleetInputs, FleetOutputs } from "../../provider/fleet/entries";
import * as fleet from "../../provider/fleet/handlers";
import * as single from "../../provider/handlers";
import type { RelayInputs } from "../../provider/types";

const TOKEN = "fleet-provider-test-token-0123456789";
const CONFIGS = "/api/v2/account/relay-auto-configs";

let emulator: RunningEmulator;

async function direct(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const reply = await fetch(`${emulator.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await reply.text();
  return { status: reply.status, body: text === "" ? undefined : JSON.parse(text) };
}

async function addFault(fault: FaultDefinition): Promise<void> {
  expect((await direct("POST", "/__emulator/faults", fault, null)).status).toBe(201);
}

async function live(): Promise<{ _id: string; name: string; policy: unknown }[]> {
  return (await direct("GET", CONFIGS)).body.items;
}

async function apiLog(): Promise<string[]> {
  const { body } = await direct("GET", "/__emulator/log", undefined, null);
  return (body.entries as { method: string; path: string }[]).filter((e) => e.path.startsWith("/api/v2/account")).map((e) => e.method);
}

function entry(name: string, over: Partial<RelayInputs> = {}): RelayInputs {
  return { name, policy: [{ effect: "allow", resources: [`proj/web:env/${name}`], actions: ["*"] }], rotation: { trigger: "t1", gracePeriod: "1h" }, ...over };
}

function inputs(names: string[]): FleetInputs {
  return { configs: Object.fromEntries(names.map((n) => [n, entry(n)])) };
}

/** A fleet created from `fleetInputs`, its outputs typed. */
async function createFleet(fleetInputs: FleetInputs): Promise<{ id: string; outs: FleetOutputs }> {
  const result = await fleet.create(fleetInputs);
  return { id: result.id, outs: result.outs as FleetOutputs };
}

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => undefined,
    (err: unknown) => err,
  );
}

beforeEach(async () => {
  emulator = await start({ tokens: [{ token: TOKEN, role: "writer" }], control: true });
  single.resetForTests();
  single.runtime.baseDelayMs = 1;
  await fleet.configure({ config: { get: (key: string) => ({ "launchdarkly:apiHost": emulator.url, "launchdarkly:accessToken": TOKEN, "launchdarkly:resolveReach": "false" })[key] } } as never);
});

afterEach(async () => {
  await emulator.close();
  delete single.runtime.baseDelayMs;
});

describe("check", () => {
  it("names each entry's failures by key, and the shape's", async () => {
    const news = { configs: { good: entry("good"), bad: entry("bad", { policy: [] }), "bad key!": entry("x") } } as FleetInputs;
    const result = await fleet.check({} as FleetInputs, news);
    expect(result.inputs).toBeUndefined();
    expect((result.failures ?? []).map((f) => f.property).sort()).toEqual(['configs["bad key!"]', 'configs["bad"].policy']);
  });

  it("refuses adoption in a fleet", async () => {
    const news = { configs: { a: entry("a", { adoptConfigId: "0123456789abcdef01234567" }) } };
    const result = await fleet.check({} as FleetInputs, news);
    expect(result.failures?.map((f) => f.property)).toEqual(['configs["a"].adoptConfigId']);
  });

  it("returns every entry canonical", async () => {
    const news = { configs: { b: entry("b"), a: { ...entry("a"), comment: undefined } } } as FleetInputs;
    const result = await fleet.check({} as FleetInputs, news);
    expect(Object.keys(result.inputs?.configs ?? {})).toEqual(["a", "b"]);
    expect(result.inputs?.configs.a).toEqual(entry("a"));
  });
});

describe("lifecycle", () => {
  it("creates every entry with one POST each; keys apart, in fullKeys", async () => {
    const { id, outs } = await createFleet(inputs(["dev", "staging", "production"]));
    expect(id).toMatch(/^fleet-/);
    expect(Object.keys(outs.configs)).toEqual(["dev", "production", "staging"]);
    expect(Object.keys(outs.fullKeys).sort()).toEqual(["dev", "production", "staging"]);
    expect(JSON.stringify(outs.configs)).not.toContain(outs.fullKeys.dev);
    expect((await live()).map((c) => c._id).sort()).toEqual(Object.values(outs.configs).map((c) => c.configId).sort());
    expect((await apiLog()).filter((m) => m === "POST")).toHaveLength(3);
  });

  it("updates only the entry that changed, adds and removes entries, and rotates one entry with grace", async () => {
    const created = await createFleet(inputs(["a", "b", "c"]));
    await direct("DELETE", "/__emulator/log", undefined, null);
    const news = inputs(["a", "b", "d"]);
    news.configs.a.policy = [{ effect: "allow", resources: ["proj/web:env/a", "proj/mobile:env/a"], actions: ["*"] }];
    news.configs.b.rotation = { trigger: "t2", gracePeriod: "1h" };
    expect((await fleet.diff(created.id, created.outs, news)).changes).toBe(true);
    const outs = (await fleet.update(created.id, created.outs, news)).outs as FleetOutputs;
    expect(Object.keys(outs.configs)).toEqual(["a", "b", "d"]);
    expect(outs.configs.a.policy[0].resources).toEqual(["proj/web:env/a", "proj/mobile:env/a"]);
    expect(outs.fullKeys.b).not.toBe(created.outs.fullKeys.b);
    expect(outs.configs.b.previousDisplayKey).toBe(created.outs.configs.b.displayKey);
    expect((await apiLog()).sort()).toEqual(["DELETE", "PATCH", "POST", "POST"]);
    expect((await live()).map((c) => c.name).sort()).toEqual(["a", "b", "d"]);
  });

  it("finds nothing to do when nothing changed", async () => {
    const created = await createFleet(inputs(["a", "b"]));
    expect((await fleet.diff(created.id, created.outs, inputs(["a", "b"]))).changes).toBe(false);
  });

  it("refresh drops an entry deleted outside Pulumi; delete removes the rest", async () => {
    const created = await createFleet(inputs(["a", "b"]));
    await direct("DELETE", `${CONFIGS}/${created.outs.configs.a.configId}`);
    const read = await fleet.read(created.id, created.outs);
    expect(Object.keys(read.props?.configs ?? {})).toEqual(["b"]);
    expect(read.props?.fullKeys.b).toBe(created.outs.fullKeys.b);
    await fleet.remove(created.id, read.props as FleetOutputs);
    expect(await live()).toEqual([]);
  });
});

describe("partial failures leave LaunchDarkly and the state agreeing", () => {
  it("create: the entries created are recorded, the failed ones left nothing behind", async () => {
    await addFault({ match: { method: "POST", pathPattern: CONFIGS }, action: { type: "status", status: 500 }, skip: 2 });
    const err = await rejection(fleet.create({ ...inputs(["a", "b", "c", "d"]), __provider: "serialized" } as FleetInputs));
    expect(err.message).toMatch(/2 of the fleet's relay configurations failed/);
    expect(err.id).toMatch(/^fleet-/);
    const recorded = err.properties as FleetOutputs & { __provider: string };
    expect(recorded.__provider).toBe("serialized");
    expect(Object.keys(recorded.configs)).toHaveLength(2);
    expect((await live()).map((c) => c._id).sort()).toEqual(Object.values(recorded.configs).map((c) => c.configId).sort());
    expect(Object.keys(recorded.fullKeys).sort()).toEqual(Object.keys(recorded.configs).sort());
  });

  it("create: when every entry fails, nothing is recorded and nothing exists", async () => {
    await addFault({ match: { method: "POST", pathPattern: CONFIGS }, action: { type: "status", status: 500 } });
    const err = await rejection(fleet.create(inputs(["a", "b"])));
    expect(err.id).toBeUndefined();
    expect(await live()).toEqual([]);
  });

  it("update: a failed entry keeps its old state, the others record what they became", async () => {
    const created = await createFleet(inputs(["a", "b"]));
    const news = inputs(["a", "b", "c"]);
    news.configs.a.policy = [{ effect: "allow", resources: ["proj/web:env/changed"], actions: ["*"] }];
    news.configs.b.policy = [{ effect: "allow", resources: ["proj/web:env/changed"], actions: ["*"] }];
    await addFault({ match: { method: "PATCH", pathPattern: `${CONFIGS}/${created.outs.configs.b.configId}` }, action: { type: "status", status: 503 } });
    const err = await rejection(fleet.update(created.id, created.outs, news));
    expect(err.message).toMatch(/1 of the fleet's relay configurations failed/);
    const recorded = err.properties as FleetOutputs;
    expect(Object.keys(recorded.configs)).toEqual(["a", "b", "c"]);
    expect(recorded.configs.a.policy[0].resources).toEqual(["proj/web:env/changed"]);
    expect(recorded.configs.b).toEqual(created.outs.configs.b);
    const byId = new Map((await live()).map((c) => [c._id, c]));
    for (const config of Object.values(recorded.configs)) expect(byId.get(config.configId)?.policy).toEqual(config.policy);
    expect(byId.size).toBe(3);
  });

  it("delete: a failure keeps the state; the retry finishes (an entry already gone counts as deleted)", async () => {
    const created = await createFleet(inputs(["a", "b"]));
    await addFault({ match: { method: "DELETE", pathPattern: `${CONFIGS}/${created.outs.configs.b.configId}` }, action: { type: "status", status: 503 }, count: 20 });
    await expect(fleet.remove(created.id, created.outs)).rejects.toThrow(/1 of the fleet's relay configurations failed/);
    expect((await live()).map((c) => c.name)).toEqual(["b"]);
    await direct("DELETE", "/__emulator/faults", undefined, null);
    await fleet.remove(created.id, created.outs);
    expect(await live()).toEqual([]);
  });
});

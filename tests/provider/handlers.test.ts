// The provider's handlers (provider/handlers.ts) against an in-process emulator, without the engine: what each
// handler sends (asserted on the emulator's request log), how creates survive ambiguous failures without
// orphans, minimal guarded patches and concurrent changes, rotation with grace, refresh and drift, deletes,
// and error messages that name the operation and never carry the token or a relay key.
//
// Between the provider and the emulator sits a small recording proxy on 127.0.0.1: it shows request bodies
// (the PATCH ops) and lets a test inject what the emulator's faults cannot (a 409, a change made by someone
// else between the provider's GET and PATCH, a response lost after the emulator committed it). The clock is
// one ControllableClock shared by the emulator and the provider's `runtime.now`; nothing sleeps on it.

import * as http from "node:http";
import type { AddressInfo } from "node:net";

import { ControllableClock } from "../../emulator/clock";
import type { FaultDefinition } from "../../emulator/faults";
import { start, type RunningEmulator } from "../../emulator/start";
import { emulatorClient } from "../../scripts/emulator-client";
import * as handlers from "../../provider/handlers";
import type { RelayOutputs } from "../../provider/outputs";
import { UNKNOWN_INPUT } from "../../provider/wire";
import type { PatchOperation, RelayInputs, Statement } from "../../provider/types";
import { fakeRelayKey } from "../support/fake-secrets";

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;
const CONFIGS = "/api/v2/account/relay-auto-configs";
const WRITER = "api-writer-6f7e8d9c-0b1a-4c3d-9e8f-7a6b5c4d3e2f";
const READER = "api-reader-1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d";

const POLICY: Statement[] = [
  { effect: "allow", resources: ["proj/*:env/production"], actions: ["*"] },
  { effect: "deny", resources: ["proj/internal:env/*"], actions: ["*"] },
];

function desired(over: Partial<RelayInputs> = {}): RelayInputs {
  return { name: "edge", policy: structuredClone(POLICY), rotation: { trigger: "t1", gracePeriod: "1h" }, ...over };
}

// ---- harness: emulator, recording proxy, provider configuration ------------------------------------------

interface Upstream {
  status: number;
  headers: Record<string, string>;
  text: string;
}

interface ProxyRequest {
  method: string;
  /** Path and query, ids replaced by `{id}`, the collection path by `/configs`. */
  route: string;
  path: string;
  body: any;  
}

/** What an intercept answers: the upstream (or a made-up) response, or "drop" to reset the connection. */
type Intercept = (req: ProxyRequest, forward: () => Promise<Upstream>) => Promise<Upstream | "drop">;

interface Seen extends ProxyRequest {
  status: number | null;
}

/** Short form of a path for assertions: `/configs/{id}/reset?expiry=…`. */
function shorten(path: string): string {
  return path.replace(CONFIGS, "/configs").replace(/[0-9a-f]{24}/g, "{id}");
}

/** Forwards every request to `target` and records it; `intercept` may change what happens. */
class RecordingProxy {
  seen: Seen[] = [];
  intercept?: Intercept;
  url = "";
  private readonly server = http.createServer((req, res) => {
    this.handle(req, res).catch(() => req.socket.destroy());
  });

  constructor(private readonly target: string) {}

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const path = req.url ?? "/";
    const request: ProxyRequest = { method: req.method ?? "GET", path, route: shorten(path), body: text === "" ? undefined : JSON.parse(text) };
    const forward = async (): Promise<Upstream> => {
      const headers: Record<string, string> = {};
      for (const name of ["authorization", "content-type", "ld-api-version"]) {
        const value = req.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const reply = await fetch(`${this.target}${path}`, { method: request.method, headers, body: text === "" ? undefined : text });
      const out: Record<string, string> = {};
      reply.headers.forEach((value, key) => {
        if (key === "content-type" || key === "retry-after" || key.startsWith("x-ratelimit")) out[key] = value;
      });
      return { status: reply.status, headers: out, text: await reply.text() };
    };
    const answer = this.intercept ? await this.intercept(request, forward) : await forward();
    if (answer === "drop") {
      this.seen.push({ ...request, status: null });
      req.socket.destroy();
      return;
    }
    this.seen.push({ ...request, status: answer.status });
    res.writeHead(answer.status, answer.headers);
    res.end(answer.text);
  }
}

const clock = ControllableClock.frozenAt(T0);
let emulator: RunningEmulator;
let proxy: RecordingProxy;
let warn: jest.SpyInstance;
const savedEnv: Record<string, string | undefined> = {};

/** Calls the emulator directly (an out-of-band client, or the control API when `token` is null). */
async function direct(method: string, path: string, body?: unknown, token: string | null = WRITER): Promise<{ status: number; body: any }> {  
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const reply = await fetch(`${emulator.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await reply.text();
  return { status: reply.status, body: text === "" ? undefined : JSON.parse(text) };
}

/** The API requests the emulator answered, as `METHOD route status` (relay checks left out). */
async function apiLog(): Promise<string[]> {
  const { body } = await direct("GET", "/__emulator/log", undefined, null);
  return (body.entries as { method: string; path: string; status: number | null }[])
    .filter((e) => e.path.startsWith("/api/"))
    .map((e) => `${e.method} ${shorten(e.path)} ${e.status ?? "dropped"}`);
}

/** What the provider sent, as seen by the proxy (including answers the proxy made up). */
function sent(): string[] {
  return proxy.seen.map((s) => `${s.method} ${s.route} ${s.status ?? "dropped"}`);
}

async function clearLogs(): Promise<void> {
  await direct("DELETE", "/__emulator/log", undefined, null);
  proxy.seen = [];
}

async function addFault(fault: FaultDefinition): Promise<void> {
  const reply = await direct("POST", "/__emulator/faults", fault, null);
  expect(reply.status).toBe(201);
}

interface StateConfig {
  _id: string;
  name: string;
  policy: Statement[];
  displayKey: string;
  comments: { at: number; comment: string }[];
  previousKeys: { displayKey: string; expiry: number }[];
}

async function stored(): Promise<StateConfig[]> {
  return (await direct("GET", "/__emulator/state", undefined, null)).body.configs;
}

/** HTTP status of the auto-config stream for `key` (200 accepted, 401 refused). */
async function relay(key: string | undefined): Promise<number> {
  if (key === undefined) throw new Error("no key to check");
  return emulatorClient(emulator.url, "").relayStatus(key);
}

/** Configure the provider as the engine would, from stack config. */
async function configure(map: Record<string, string | undefined>): Promise<void> {
  handlers.resetForTests();
  await handlers.configure({
    config: {
      get: (key: string) => map[key],
      require: (key: string) => {
        const value = map[key];
        if (value === undefined) throw new Error(`missing ${key}`);
        return value;
      },
    },
  } as unknown as Parameters<typeof handlers.configure>[0]);
}

const useWriter = () => configure({ "launchdarkly:apiHost": proxy.url, "launchdarkly:accessToken": WRITER });

/** The error a promise rejects with, as text: message, stack and JSON form. */
async function failure(promise: Promise<unknown>): Promise<{ message: string; all: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error;
    return { message: e.message, all: `${e.message}\n${e.stack ?? ""}\n${JSON.stringify(e)}\n${String(e)}` };
  }
  throw new Error("expected the operation to fail");
}

/** Secrets that must never appear in an error or a warning. */
function expectNoSecrets(text: string, keys: (string | undefined)[] = []): void {
  expect(text.includes(WRITER)).toBe(false);
  expect(text.includes(READER)).toBe(false);
  for (const key of keys) if (key !== undefined) expect(text.includes(key)).toBe(false);
}

function warnings(): string[] {
  return warn.mock.calls.map((args) => args.map(String).join(" "));
}

/** handlers.create, with its outputs required. */
async function create(inputs: RelayInputs): Promise<{ id: string; outs: RelayOutputs }> {
  const result = await handlers.create(inputs);
  if (result.outs === undefined) throw new Error("create returned no outputs");
  return { id: result.id, outs: result.outs };
}

/** Create through the provider and start each test's logs afresh. */
async function created(inputs = desired()): Promise<{ id: string; outs: RelayOutputs }> {
  const result = await create(inputs);
  await clearLogs();
  return result;
}

beforeAll(async () => {
  for (const key of ["LAUNCHDARKLY_ACCESS_TOKEN", "LAUNCHDARKLY_API_HOST", "LAUNCHDARKLY_REQUEST_TIMEOUT"]) {
    savedEnv[key] = process.env[key];
    delete process.env[key];
  }
  emulator = await start({
    tokens: [
      { token: WRITER, role: "writer", email: "writer@example.com" },
      { token: READER, role: "reader" },
    ],
    control: true,
    validateResponses: true,
    clock,
  });
  proxy = new RecordingProxy(emulator.url);
  await proxy.listen();
});

afterAll(async () => {
  handlers.resetForTests();
  await proxy?.close();
  await emulator?.close();
  for (const [key, value] of Object.entries(savedEnv)) if (value !== undefined) process.env[key] = value;
});

beforeEach(async () => {
  await direct("POST", "/__emulator/reset", undefined, null);
  clock.set(T0);
  proxy.seen = [];
  proxy.intercept = undefined;
  handlers.runtime.baseDelayMs = 5;
  handlers.runtime.now = () => clock.now();
  await useWriter();
  warn = jest.spyOn(console, "error").mockImplementation(() => undefined);
});

afterEach(() => {
  warn.mockRestore();
});

// ---- check ------------------------------------------------------------------------------------------------

describe("check", () => {
  const bad = {
    name: " ",
    policy: [{ effect: "maybe", resources: ["proj/*:env/*"], actions: [] }, { effect: "allow", resources: ["env/prod"], notActions: ["*"], actions: ["*"] }],
    rotation: { trigger: "", gracePeriod: "forever" },
    tags: ["x"],
  } as unknown as RelayInputs;
  const badProps = ["tags", "name", "policy[0].effect", "policy[0].actions", "policy[1].resources[0]", "policy[1]", "rotation.trigger", "rotation.gracePeriod"];

  it.each<[string, Record<string, string | undefined>, RelayInputs, string[]]>([
    ["every input failure at once", {}, bad, badProps],
    ["a missing token, with the input failures", { "launchdarkly:accessToken": undefined }, bad, ["launchdarkly:accessToken", ...badProps]],
    ["a missing token alone", { "launchdarkly:accessToken": undefined }, desired(), ["launchdarkly:accessToken"]],
    ["an api host that is not a URL", { "launchdarkly:apiHost": "app launchdarkly" }, desired(), ["launchdarkly:apiHost"]],
    ["plain http to another machine", { "launchdarkly:apiHost": "http://ld.example.com" }, desired(), ["launchdarkly:apiHost"]],
    ["a bad request timeout", { "launchdarkly:requestTimeout": "soon" }, desired(), ["launchdarkly:requestTimeout"]],
  ])("%s: each failure names its property, and no API call is made", async (_title, config, news, properties) => {
    await configure({ "launchdarkly:apiHost": proxy.url, "launchdarkly:accessToken": WRITER, ...config });
    const result = await handlers.check({} as RelayInputs, news);
    expect(result.inputs).toBeUndefined();
    expect((result.failures ?? []).map((f) => f.property).sort()).toEqual([...properties].sort());
    for (const f of result.failures ?? []) {
      expect(f.reason.length).toBeGreaterThan(10);
      expectNoSecrets(f.reason);
    }
    expect(await apiLog()).toEqual([]);
    expect(sent()).toEqual([]);
  });

  const messy = () =>
    ({ rotation: { gracePeriod: "1h", trigger: "t1" }, policy: [{ actions: ["*"], notResources: [], resources: ["proj/*:env/production"], effect: "allow" }], name: "edge" }) as unknown as RelayInputs;

  it("valid inputs come back canonical with their reach in the account, from one listing", async () => {
    const result = await handlers.check({} as RelayInputs, messy());
    expect(result.failures).toBeUndefined();
    const { reach, reachDetails, ...rest } = result.inputs as RelayInputs;
    expect(JSON.stringify(rest)).toBe(JSON.stringify({ name: "edge", policy: [POLICY[0]], rotation: { trigger: "t1", gracePeriod: "1h" } }));
    expect(reach).toEqual(["proj/internal:env/production", "proj/mobile:env/production", "proj/web:env/production"]);
    expect(reachDetails?.["proj/web:env/production"]).toEqual({ name: "Production", critical: true, tags: [], projectName: "Web", projectTags: ["frontend"] });
    expect(JSON.stringify(reachDetails)).not.toMatch(/sdk-|mob-/);
    expect(await apiLog()).toEqual(["GET /api/v2/projects?expand=environments&limit=100&offset=0 200"]);
    await handlers.check({} as RelayInputs, desired());
    expect(await apiLog()).toHaveLength(1);
  });

  it("a listing that keeps failing after retries: one warning naming the status, no reach, the inputs still valid", async () => {
    proxy.intercept = async (req, forward) =>
      req.method === "GET" && req.route.startsWith("/api/v2/projects")
        ? { status: 503, headers: { "content-type": "application/json" }, text: JSON.stringify({ code: "service_unavailable", message: "down" }) }
        : forward();
    const result = await handlers.check({} as RelayInputs, desired());
    expect(result.failures).toBeUndefined();
    expect(result.inputs?.reach).toBeUndefined();
    expect(sent().filter((line) => line.startsWith("GET /api/v2/projects")).length).toBeGreaterThan(1);
    expect(warnings()).toEqual([expect.stringMatching(/reach is unknown: .*HTTP 503/)]);
  });

  it("a policy whose reach depends on more than the account: no reach, a warning naming the specifier, no API call", async () => {
    const result = await handlers.check({} as RelayInputs, desired({ policy: [{ effect: "allow", resources: ["proj/${roleAttribute/projects}:env/production"], actions: ["*"] }] }));
    expect(result.failures).toBeUndefined();
    expect(result.inputs?.reach).toBeUndefined();
    expect(warnings().join("\n")).toContain('reach of relay config "edge" is unknown: "proj/${roleAttribute/projects}:env/production" depends on more than the account');
    expect(await apiLog()).toEqual([]);
  });

  it("with launchdarkly:resolveReach false: canonical inputs, no reach, no API call", async () => {
    await configure({ "launchdarkly:apiHost": proxy.url, "launchdarkly:accessToken": WRITER, "launchdarkly:resolveReach": "false" });
    const result = await handlers.check({} as RelayInputs, messy());
    expect(JSON.stringify(result.inputs)).toBe(JSON.stringify({ name: "edge", policy: [POLICY[0]], rotation: { trigger: "t1", gracePeriod: "1h" } }));
    expect(await apiLog()).toEqual([]);
  });

  it("inputs unknown at preview are passed through, not refused; reach is unknown, with no API call", async () => {
    const news = desired({ name: UNKNOWN_INPUT, policy: [{ effect: "allow", resources: [UNKNOWN_INPUT], actions: ["*"] }] });
    expect(await handlers.check({} as RelayInputs, news)).toEqual({ inputs: { ...news, reach: UNKNOWN_INPUT, reachDetails: UNKNOWN_INPUT } });
    expect(await apiLog()).toEqual([]);
  });

  it("a token that may not read projects: a warning naming the 403, no reach, the inputs still valid", async () => {
    proxy.intercept = async (req, forward) =>
      req.method === "GET" && req.route.startsWith("/api/v2/projects")
        ? { status: 403, headers: { "content-type": "application/json" }, text: JSON.stringify({ code: "forbidden", message: "Access to projects denied" }) }
        : forward();
    const result = await handlers.check({} as RelayInputs, desired());
    expect(result.failures).toBeUndefined();
    expect(result.inputs?.reach).toBeUndefined();
    expect(result.inputs?.name).toBe("edge");
    expect(warnings().join("\n")).toMatch(/reach is unknown: .*HTTP 403.*not read projects/);
    expectNoSecrets(warnings().join("\n"));
    await handlers.check({} as RelayInputs, desired());
    expect(warnings()).toHaveLength(1);
  });
});

// ---- diff -------------------------------------------------------------------------------------------------

describe("diff", () => {
  it("after create and refresh, the same inputs in another form are no change", async () => {
    const { id, outs } = await created();
    const refreshed = await handlers.read(id, outs);
    const noncanonical = desired({ policy: [{ actions: ["*"], effect: "allow", resources: ["proj/*:env/production"], notActions: [] }, POLICY[1]] as Statement[] });
    expect(await handlers.diff(id, refreshed.props as RelayOutputs, noncanonical)).toEqual({ changes: false });
    expect(await handlers.diff(id, outs, desired({ comment: "only a comment" }))).toEqual({ changes: false });
  });

  it.each<[string, Partial<RelayInputs>]>([
    ["a new name", { name: "edge-2" }],
    ["a new trigger", { rotation: { trigger: "t2" } }],
    ["an unknown policy at preview", { policy: UNKNOWN_INPUT as unknown as Statement[] }],
  ])("%s is an update in place", async (_title, news) => {
    const { id, outs } = await created();
    expect(await handlers.diff(id, outs, desired(news))).toEqual({ changes: true });
  });

  it("a different api host alone is no change: never a replace, no request", async () => {
    const { id, outs } = await created();
    await configure({ "launchdarkly:apiHost": "https://app.eu.launchdarkly.com", "launchdarkly:accessToken": WRITER });
    expect(await handlers.diff(id, outs, { ...desired(), reach: outs.reach, reachDetails: outs.reachDetails })).toEqual({ changes: false });
    expect(sent()).toEqual([]);
  });
});

// ---- create -----------------------------------------------------------------------------------------------

describe("create", () => {
  it("makes exactly one POST and returns a working key as output", async () => {
    const { id, outs } = await create(desired({ comment: "why" }));
    expect(await apiLog()).toEqual(["POST /configs 201"]);
    expect(outs).toMatchObject({ configId: id, name: "edge", policy: POLICY, comment: "why", apiHost: proxy.url, creator: "writer@example.com", keyRotatedAt: T0 });
    expect(outs.displayKey).toBe(outs.fullKey?.slice(-4));
    expect(proxy.seen[0].body).toEqual({ name: "edge", policy: POLICY });
    expect(await relay(outs.fullKey)).toBe(200);
  });

  it.each<[string, FaultDefinition["action"], string]>([
    ["committed, then HTTP 503", { type: "commit-then-fail", status: 503 }, "POST /configs 503"],
    ["committed, then HTTP 500", { type: "commit-then-fail", status: 500 }, "POST /configs 500"],
    ["committed, then the connection reset", { type: "commit-then-fail", reset: true }, "POST /configs dropped"],
  ])("an ambiguous failure (%s) adopts the created config and resets its key: no second POST", async (_title, action, first) => {
    await addFault({ match: { method: "POST", pathPattern: CONFIGS }, action, count: 1 });
    const { id, outs } = await create(desired());
    expect(await apiLog()).toEqual([first, "GET /configs 200", "POST /configs/{id}/reset 200"]);
    const configs = await stored();
    expect(configs.map((c) => c._id)).toEqual([id]);
    // Reset without expiry: the key of the lost response died at once; no previous key is kept alive.
    expect(configs[0].previousKeys).toEqual([]);
    expect(outs.displayKey).toBe(configs[0].displayKey);
    expect(await relay(outs.fullKey)).toBe(200);
  });

  it.each<[string, "drop" | number]>([
    ["the response is lost (HTTP 502 from a gateway)", 502],
    ["the connection drops after the commit", "drop"],
  ])("when %s, the key in the lost response is refused by the relay afterwards", async (_title, outcome) => {
    let lostKey: string | undefined;
    proxy.intercept = async (req, forward) => {
      const answer = await forward();
      if (req.method === "POST" && req.route === "/configs" && lostKey === undefined) {
        lostKey = JSON.parse(answer.text).fullKey;
        return outcome === "drop" ? "drop" : { status: outcome, headers: {}, text: "" };
      }
      return answer;
    };
    const { id, outs } = await create(desired());
    expect(await apiLog()).toEqual(["POST /configs 201", "GET /configs 200", "POST /configs/{id}/reset 200"]);
    expect((await stored()).map((c) => c._id)).toEqual([id]);
    expect(outs.fullKey).not.toBe(lostKey);
    expect(await relay(lostKey)).toBe(401);
    expect(await relay(outs.fullKey)).toBe(200);
  });

  it("a plain 5xx that did not commit: the list finds nothing, one more POST, exactly one config", async () => {
    await addFault({ match: { method: "POST", pathPattern: CONFIGS }, action: { type: "status", status: 503 }, count: 1 });
    const { id, outs } = await create(desired());
    expect(await apiLog()).toEqual(["POST /configs 503", "GET /configs 200", "POST /configs 201"]);
    expect((await stored()).map((c) => c._id)).toEqual([id]);
    expect(await relay(outs.fullKey)).toBe(200);
  });

  it("a 4xx is not ambiguous: no list, no adoption, no second POST", async () => {
    proxy.intercept = async (req, forward) => (req.method === "POST" ? { status: 400, headers: { "content-type": "application/json" }, text: '{"code":"invalid_request","message":"bad"}' } : forward());
    const err = await failure(handlers.create(desired()));
    expect(err.message).toMatch(/^create relay config "edge": HTTP 400 invalid_request: bad/);
    expect(sent()).toEqual(["POST /configs 400"]);
  });

  it("an identical config made before the attempt (outside the skew window) is left alone", async () => {
    clock.set(T0 - HOUR);
    const older = (await direct("POST", CONFIGS, { name: "edge", policy: POLICY })).body;
    clock.set(T0);
    await addFault({ match: { method: "POST", pathPattern: CONFIGS }, action: { type: "commit-then-fail", status: 503 }, count: 1 });
    const { id, outs } = await create(desired());
    expect(id).not.toBe(older._id);
    expect((await stored()).map((c) => c._id)).toEqual([older._id, id]);
    expect(await relay(older.fullKey)).toBe(200);
    expect(await relay(outs.fullKey)).toBe(200);
  });

  it.each<[string, Partial<FaultDefinition>, number]>([
    ["one ambiguous", { skip: 1, count: 1 }, 1],
    ["both ambiguous", { count: 2 }, 2],
  ])("two identical resources created at once, %s: each ends with its own config and a working key", async (_title, when, resets) => {
    await addFault({ match: { method: "POST", pathPattern: CONFIGS }, action: { type: "commit-then-fail", status: 503 }, ...when });
    const [a, b] = await Promise.all([create(desired()), create(desired())]);
    expect(a.id).not.toBe(b.id);
    expect((await stored()).map((c) => c._id).sort()).toEqual([a.id, b.id].sort());
    expect(await relay(a.outs.fullKey)).toBe(200);
    expect(await relay(b.outs.fullKey)).toBe(200);
    const log = await apiLog();
    expect(log.filter((l) => /^POST \/configs (201|503)$/.test(l))).toHaveLength(2);
    expect(log.filter((l) => l.startsWith("POST /configs/{id}/reset"))).toHaveLength(resets);
  });
});

// ---- update -----------------------------------------------------------------------------------------------

describe("update", () => {
  const ops = (): PatchOperation[] => proxy.seen.filter((s) => s.method === "PATCH").flatMap((s) => s.body.patch);

  it("only the reach moved (an environment added to the account): diff says update, update sends nothing and records it", async () => {
    const before = (await handlers.check({} as RelayInputs, desired())).inputs as RelayInputs;
    const { id, outs } = await created(before);
    expect(outs.reach).toEqual(before.reach);
    const account = (await direct("GET", "/__emulator/account", undefined, null)).body;
    account.projects.push({ key: "payments", name: "Payments", environments: [{ key: "production", name: "Production", critical: true }] });
    expect((await direct("PUT", "/__emulator/account", account, null)).status).toBe(200);
    await useWriter(); // a new provider process: the account is listed again
    const after = (await handlers.check({} as RelayInputs, desired())).inputs as RelayInputs;
    expect(after.reach).toEqual([...(before.reach ?? []), "proj/payments:env/production"].sort());
    expect((await handlers.diff(id, outs, after)).changes).toBe(true);
    await clearLogs();
    const result = await handlers.update(id, outs, after);
    expect(await apiLog()).toEqual([]);
    expect(sent()).toEqual([]);
    expect(result.outs?.reach).toEqual(after.reach);
    expect(result.outs?.reachDetails?.["proj/payments:env/production"]).toMatchObject({ critical: true, projectName: "Payments" });
    expect({ ...result.outs, reach: undefined, reachDetails: undefined }).toEqual({ ...outs, reach: undefined, reachDetails: undefined });
    expect((await handlers.diff(id, result.outs as RelayOutputs, after)).changes).toBe(false);
  });
  const changedPaths = (list: PatchOperation[]) => list.filter((op) => op.op !== "test").map((op) => `${op.op} ${op.path}`);

  it.each<[string, Partial<RelayInputs>, string[]]>([
    ["rename", { name: "edge-2" }, ["replace /name"]],
    ["action added to the second statement", { policy: [POLICY[0], { ...POLICY[1], actions: ["*", "updateOn"] }] }, ["add /policy/1/actions/1"]],
    ["specifier changed in the first statement", { policy: [{ ...POLICY[0], resources: ["proj/*:env/staging"] }, POLICY[1]] }, ["replace /policy/0/resources/0"]],
    ["statement appended", { policy: [...POLICY, { effect: "allow", resources: ["proj/x:env/y"], actions: ["*"] }] }, ["add /policy/2"]],
  ])("%s: one PATCH of the changed paths only, from the stored outputs, guarded by the whole stored document, with the comment", async (_title, change, expectedOps) => {
    const { id, outs } = await created();
    const news = desired({ ...change, comment: "ticket OPS-42" });
    const result = await handlers.update(id, outs, news);
    expect(await apiLog()).toEqual(["PATCH /configs/{id} 200"]);
    const patch = ops();
    expect(changedPaths(patch)).toEqual(expectedOps);
    expect(patch.filter((op) => op.op === "test")).toEqual([
      { op: "test", path: "/name", value: outs.name },
      { op: "test", path: "/policy", value: outs.policy },
    ]);
    expect(proxy.seen.find((s) => s.method === "PATCH")?.body.comment).toBe("ticket OPS-42");
    const [config] = await stored();
    expect(config.comments.map((c) => c.comment)).toEqual(["ticket OPS-42"]);
    expect({ name: config.name, policy: config.policy }).toEqual({ name: news.name, policy: news.policy });
    expect(result.outs).toMatchObject({ name: news.name, policy: news.policy, comment: "ticket OPS-42", fullKey: outs.fullKey, configId: id });
  });

  it.each<[string, Partial<RelayInputs>, string[], string[]]>([
    ["rename", { name: "edge-2" }, ["replace /name"], ["/name"]],
    ["action added to the second statement", { policy: [POLICY[0], { ...POLICY[1], actions: ["*", "updateOn"] }] }, ["add /policy/1/actions/1"], ["/policy/1/actions"]],
    ["statement appended", { policy: [...POLICY, { effect: "allow", resources: ["proj/x:env/y"], actions: ["*"] }] }, ["add /policy/2"], ["/policy"]],
  ])("%s after a change made elsewhere since the last read: the stored guard fails, read, one PATCH of what differs from what LaunchDarkly holds", async (_title, change, expectedOps, tested) => {
    const { id, outs } = await created();
    await direct("PATCH", `${CONFIGS}/${id}`, { patch: [{ op: "replace", path: "/policy/0/actions/0", value: "createFlag" }] });
    await clearLogs();
    const news = desired(change);
    const result = await handlers.update(id, outs, news);
    expect(await apiLog()).toEqual(["PATCH /configs/{id} 422", "GET /configs/{id} 200", "PATCH /configs/{id} 200"]);
    const second = proxy.seen.filter((s) => s.method === "PATCH")[1].body.patch as PatchOperation[];
    expect(changedPaths(second).sort()).toEqual(["replace /policy/0/actions/0", ...expectedOps].sort());
    expect(second.filter((op) => op.op === "test").map((op) => op.path).sort()).toEqual(["/policy/0/actions/0", ...tested].sort());
    const [config] = await stored();
    expect({ name: config.name, policy: config.policy }).toEqual({ name: news.name, policy: news.policy });
    expect(result.outs).toMatchObject({ name: news.name, policy: news.policy });
    // Drift put right is no concurrent change: no warning.
    expect(warnings()).toEqual([]);
  });

  it("live already as desired (changed elsewhere): the stored guard fails, a GET, and no more", async () => {
    const { id, outs } = await created();
    await direct("PATCH", `${CONFIGS}/${id}`, { patch: [{ op: "replace", path: "/name", value: "edge-2" }] });
    await clearLogs();
    const result = await handlers.update(id, outs, desired({ name: "edge-2" }));
    expect(await apiLog()).toEqual(["PATCH /configs/{id} 422", "GET /configs/{id} 200"]);
    expect(result.outs?.name).toBe("edge-2");
  });

  it("a change made elsewhere to the same path between the read and the PATCH: the guard trips, re-read, converge, with a warning", async () => {
    const { id, outs } = await created();
    let patches = 0;
    proxy.intercept = async (req, forward) => {
      if (req.method === "PATCH") {
        patches += 1;
        if (patches <= 2) await direct("PATCH", `${CONFIGS}/${id}`, { patch: [{ op: "replace", path: "/name", value: `renamed-by-someone-${patches}` }] });
      }
      return forward();
    };
    const result = await handlers.update(id, outs, desired({ name: "edge-2" }));
    // The log holds the other writer's PATCHes too (each just before ours).
    expect(await apiLog()).toEqual([
      "PATCH /configs/{id} 200", "PATCH /configs/{id} 422", "GET /configs/{id} 200",
      "PATCH /configs/{id} 200", "PATCH /configs/{id} 422", "GET /configs/{id} 200", "PATCH /configs/{id} 200",
    ]);
    const [first, second, third] = proxy.seen.filter((s) => s.method === "PATCH").map((s) => s.body.patch as PatchOperation[]);
    expect(first).toContainEqual({ op: "test", path: "/name", value: "edge" });
    expect(second).toContainEqual({ op: "test", path: "/name", value: "renamed-by-someone-1" });
    expect(third).toContainEqual({ op: "test", path: "/name", value: "renamed-by-someone-2" });
    expect((await stored())[0].name).toBe("edge-2");
    expect(result.outs?.name).toBe("edge-2");
    const said = warnings().join("\n");
    expect(said).toMatch(/"edge-2" \([0-9a-f]{24}\) changed in LaunchDarkly while it was being updated/);
    expect(warnings()).toHaveLength(1);
    expectNoSecrets(said, [outs.fullKey]);
  });

  it("a change made elsewhere to another path between the read and the PATCH is kept, not overwritten", async () => {
    const { id, outs } = await created();
    let patches = 0;
    proxy.intercept = async (req, forward) => {
      if (req.method === "PATCH") {
        patches += 1;
        // The first makes the stored guard fail (so the config is read); the second lands between read and PATCH.
        if (patches === 1) await direct("PATCH", `${CONFIGS}/${id}`, { patch: [{ op: "replace", path: "/policy/0/actions/0", value: "createFlag" }] });
        if (patches === 2) await direct("PATCH", `${CONFIGS}/${id}`, { patch: [{ op: "add", path: "/policy/1/actions/-", value: "createFlag" }] });
      }
      return forward();
    };
    const result = await handlers.update(id, outs, desired({ name: "edge-2" }));
    // The log holds the other writer's PATCHes too (each just before ours).
    expect(await apiLog()).toEqual(["PATCH /configs/{id} 200", "PATCH /configs/{id} 422", "GET /configs/{id} 200", "PATCH /configs/{id} 200", "PATCH /configs/{id} 200"]);
    const [config] = await stored();
    expect(config.name).toBe("edge-2");
    expect(config.policy[1].actions).toEqual(["*", "createFlag"]);
    // The outputs show what LaunchDarkly holds, so the next preview shows the drift.
    expect(result.outs?.policy[1].actions).toEqual(["*", "createFlag"]);
  });

  it("a config that keeps changing: gives up after 3 attempts with a clear error; the other change survives", async () => {
    const { id, outs } = await created();
    let n = 0;
    proxy.intercept = async (req, forward) => {
      if (req.method === "PATCH") await direct("PATCH", `${CONFIGS}/${id}`, { patch: [{ op: "replace", path: "/name", value: `someone-${++n}` }] });
      return forward();
    };
    const err = await failure(handlers.update(id, outs, desired({ name: "edge-2" })));
    expect(err.message).toMatch(new RegExp(`relay config "edge-2" \\(${id}\\) changed in LaunchDarkly while it was being updated \\(3 attempts\\); nothing was overwritten`));
    expect(sent().filter((l) => l.startsWith("PATCH"))).toEqual(["PATCH /configs/{id} 422", "PATCH /configs/{id} 422", "PATCH /configs/{id} 422"]);
    expect((await stored())[0].name).toBe("someone-3");
    expectNoSecrets(err.all, [outs.fullKey]);
  });

  it("a PATCH committed but answered 503 is replayed safely: its guard fails, re-read, nothing left to send", async () => {
    const { id, outs } = await created();
    await addFault({ match: { method: "PATCH" }, action: { type: "commit-then-fail", status: 503 }, count: 1 });
    const result = await handlers.update(id, outs, desired({ name: "edge-2" }));
    expect(await apiLog()).toEqual(["PATCH /configs/{id} 503", "PATCH /configs/{id} 422", "GET /configs/{id} 200"]);
    expect((await stored())[0].name).toBe("edge-2");
    expect(result.outs?.name).toBe("edge-2");
  });

  it("a config deleted elsewhere: the PATCH gets 404, the read confirms it, an error that says to refresh", async () => {
    const { id, outs } = await created();
    await direct("DELETE", `${CONFIGS}/${id}`);
    await clearLogs();
    const err = await failure(handlers.update(id, outs, desired({ name: "edge-2" })));
    expect(await apiLog()).toEqual(["PATCH /configs/{id} 404", "GET /configs/{id} 404"]);
    expect(err.message).toMatch(new RegExp(`relay config "edge-2" \\(${id}\\) no longer exists in LaunchDarkly: run \`pulumi refresh\``));
    expectNoSecrets(err.all, [outs.fullKey]);
  });

  it("a 409 on the PATCH from the stored outputs is a refusal like a failed test: read, then patch what differs", async () => {
    const { id, outs } = await created();
    let patches = 0;
    proxy.intercept = async (req, forward) => {
      if (req.method === "PATCH" && ++patches === 1) return { status: 409, headers: { "content-type": "application/json" }, text: JSON.stringify({ code: "conflict", message: "conflict" }) };
      return forward();
    };
    const result = await handlers.update(id, outs, desired({ name: "edge-2" }));
    expect(sent()).toEqual(["PATCH /configs/{id} 409", "GET /configs/{id} 200", "PATCH /configs/{id} 200"]);
    expect((await stored())[0].name).toBe("edge-2");
    expect(result.outs?.name).toBe("edge-2");
    expect(warnings()).toEqual([]);
  });
});

// ---- rotation ---------------------------------------------------------------------------------------------

describe("rotation", () => {
  it.each<[string, string | number | undefined, number]>([
    ["1h grace", "1h", HOUR],
    ["90m grace", "90m", 90 * 60_000],
    ["5000 ms grace", 5000, 5000],
    ["no grace: the old key stops at once", undefined, 0],
  ])("a new trigger with %s resets the key with expiry = now + grace; same id", async (_title, gracePeriod, graceMs) => {
    const { id, outs } = await created(desired({ rotation: { trigger: "t1" } }));
    const now = T0 + 10 * HOUR;
    clock.set(now);
    const rotation = gracePeriod === undefined ? { trigger: "t2" } : { trigger: "t2", gracePeriod };
    const result = await handlers.update(id, outs, desired({ rotation }));
    expect(await apiLog()).toEqual([`POST /configs/{id}/reset?expiry=${now + graceMs} 200`]);
    const next = result.outs as RelayOutputs;
    expect(next).toMatchObject({ configId: id, keyRotatedAt: now, previousKeyExpiresAt: now + graceMs, rotation });
    expect(next.fullKey).not.toBe(outs.fullKey);
    expect(await relay(next.fullKey)).toBe(200);
    if (graceMs > 0) {
      clock.set(now + graceMs - 1);
      expect(await relay(outs.fullKey)).toBe(200);
    }
    clock.set(now + graceMs);
    expect(await relay(outs.fullKey)).toBe(401);
    expect(await relay(next.fullKey)).toBe(200);
  });

  it("a rename and a new trigger: PATCH, then the reset", async () => {
    const { id, outs } = await created();
    const result = await handlers.update(id, outs, desired({ name: "edge-2", rotation: { trigger: "t2", gracePeriod: "1h" } }));
    expect(await apiLog()).toEqual(["PATCH /configs/{id} 200", `POST /configs/{id}/reset?expiry=${T0 + HOUR} 200`]);
    expect(result.outs).toMatchObject({ name: "edge-2", configId: id, previousKeyExpiresAt: T0 + HOUR });
  });
});

// ---- read -------------------------------------------------------------------------------------------------

describe("read", () => {
  it("unchanged: one GET, the key bookkeeping kept, inputs as refresh reports them", async () => {
    const { id, outs } = await created(desired({ comment: "c" }));
    const result = await handlers.read(id, outs);
    // The account is listed once per process, for the reach refresh reports.
    expect(await apiLog()).toEqual(["GET /configs/{id} 200", "GET /api/v2/projects?expand=environments&limit=100&offset=0 200"]);
    expect(result.id).toBe(id);
    const { reach, reachDetails, ...props } = result.props as RelayOutputs;
    expect(props).toStrictEqual(outs);
    expect(reach).toEqual(expect.arrayContaining(["proj/web:env/production"]));
    expect(result.inputs).toStrictEqual({ name: "edge", policy: POLICY, comment: "c", rotation: { trigger: "t1", gracePeriod: "1h" }, reach, reachDetails });
    expect(warnings()).toEqual([]);
  });

  it("a config changed elsewhere: the live name and policy", async () => {
    const { id, outs } = await created();
    await direct("PATCH", `${CONFIGS}/${id}`, { patch: [{ op: "replace", path: "/name", value: "renamed" }, { op: "remove", path: "/policy/1" }] });
    const result = await handlers.read(id, outs);
    expect(result.props).toMatchObject({ name: "renamed", policy: [POLICY[0]], fullKey: outs.fullKey });
    expect(result.inputs).toMatchObject({ name: "renamed", policy: [POLICY[0]] });
  });

  it("a config deleted elsewhere (404): id undefined, so the engine drops it", async () => {
    const { id, outs } = await created();
    await direct("DELETE", `${CONFIGS}/${id}`);
    await clearLogs();
    const result = await handlers.read(id, outs);
    expect(result.id).toBeUndefined();
    expect(await apiLog()).toEqual(["GET /configs/{id} 404"]);
  });

  it("import (no state): outputs without a key, not stale", async () => {
    const { id } = await created();
    const result = await handlers.read(id);
    expect(result.props).toMatchObject({ configId: id, name: "edge", policy: POLICY, apiHost: proxy.url });
    expect(Object.keys(result.props ?? {})).not.toContain("fullKey");
    expect(Object.keys(result.props ?? {})).not.toContain("keyStale");
  });

  it("a key reset elsewhere: keyStale with a warning; the held key protected for the grace period; then the next update with the same trigger resets it", async () => {
    const { id, outs } = await created();
    const elsewhere = (await direct("POST", `${CONFIGS}/${id}/reset`)).body;
    expect(await relay(outs.fullKey)).toBe(401);

    const first = await handlers.read(id, outs);
    const stale = first.props as RelayOutputs;
    expect(stale).toMatchObject({ keyStale: true, displayKey: elsewhere.fullKey.slice(-4), previousDisplayKey: outs.displayKey, previousKeyExpiresAt: T0 + HOUR });
    const said = warnings().join("\n");
    expect(said).toMatch(/the key of relay config "edge" \([0-9a-f]{24}\) was reset outside Pulumi/);
    expect(said).toContain(`(…${outs.displayKey}) may still be in a grace period, so it is treated as live until ${new Date(T0 + HOUR).toISOString()}`);
    expectNoSecrets(said, [outs.fullKey, elsewhere.fullKey]);

    const second = await handlers.read(id, stale);
    expect(second.props?.keyStale).toBe(true);
    expect(warnings()).toHaveLength(1);

    // Inside the protection: no change (the reset waits); a new trigger is refused; allowEarlyRotation goes ahead.
    expect(await handlers.diff(id, stale, desired())).toEqual({ changes: false });
    await expect(handlers.diff(id, stale, desired({ rotation: { trigger: "t2", gracePeriod: "1h" } }))).rejects.toThrow(/could stop the previous key/);
    expect(await handlers.diff(id, stale, desired({ rotation: { trigger: "t1", gracePeriod: "1h", allowEarlyRotation: true } }))).toEqual({ changes: true });

    clock.set(T0 + HOUR);
    expect(await handlers.diff(id, stale, desired())).toEqual({ changes: true });
    await clearLogs();
    const result = await handlers.update(id, stale, desired());
    expect(await apiLog()).toEqual([`POST /configs/{id}/reset?expiry=${T0 + 2 * HOUR} 200`]);
    const fresh = result.outs as RelayOutputs;
    expect(Object.keys(fresh)).not.toContain("keyStale");
    expect(fresh.configId).toBe(id);
    expect(await relay(fresh.fullKey)).toBe(200);
    expect(await handlers.diff(id, fresh, desired())).toEqual({ changes: false });
  });

  it("a key reset elsewhere on a config that rotates without grace: nothing to protect, the next update resets at once", async () => {
    const { id, outs } = await created(desired({ rotation: { trigger: "t1" } }));
    await direct("POST", `${CONFIGS}/${id}/reset`);
    const stale = (await handlers.read(id, outs)).props as RelayOutputs;
    expect(stale.keyStale).toBe(true);
    expect(stale.previousKeyExpiresAt).toBeUndefined();
    expect(await handlers.diff(id, stale, desired({ rotation: { trigger: "t1" } }))).toEqual({ changes: true });
  });
});

// ---- delete -----------------------------------------------------------------------------------------------

describe("delete", () => {
  const conflict = { status: 409, headers: { "content-type": "application/json" }, text: JSON.stringify({ code: "optimistic_locking_error", message: "Conflict" }) };

  it("204: the config is gone and its key stops working", async () => {
    const { id, outs } = await created();
    await handlers.remove(id, outs);
    expect(await apiLog()).toEqual(["DELETE /configs/{id} 204"]);
    expect(await stored()).toEqual([]);
    expect(await relay(outs.fullKey)).toBe(401);
  });

  it("404 (already deleted elsewhere) counts as done", async () => {
    const { id, outs } = await created();
    await direct("DELETE", `${CONFIGS}/${id}`);
    await clearLogs();
    await expect(handlers.remove(id, outs)).resolves.toBeUndefined();
    expect(await apiLog()).toEqual(["DELETE /configs/{id} 404"]);
  });

  it.each<[string, number]>([
    ["one 409", 1],
    ["two 409s", 2],
  ])("%s, then success: retried", async (_title, conflicts) => {
    const { id, outs } = await created();
    let left = conflicts;
    proxy.intercept = async (req, forward) => (req.method === "DELETE" && left-- > 0 ? conflict : forward());
    await handlers.remove(id, outs);
    expect(sent()).toEqual([...Array(conflicts).fill("DELETE /configs/{id} 409"), "DELETE /configs/{id} 204"]);
    expect(await stored()).toEqual([]);
  });

  it("a 503 is retried by the client, then 204", async () => {
    const { id, outs } = await created();
    await addFault({ match: { method: "DELETE" }, action: { type: "status", status: 503 }, count: 1 });
    await handlers.remove(id, outs);
    expect(await apiLog()).toEqual(["DELETE /configs/{id} 503", "DELETE /configs/{id} 204"]);
  });

  it("a persistent 409: a clear error naming the config, after 3 attempts; the config stays", async () => {
    const { id, outs } = await created();
    proxy.intercept = async (req, forward) => (req.method === "DELETE" ? conflict : forward());
    const err = await failure(handlers.remove(id, outs));
    expect(err.message).toBe(`relay config "edge" (${id}) could not be deleted: LaunchDarkly answered 409 conflict 3 times; try again later`);
    expect(sent()).toEqual(Array(3).fill("DELETE /configs/{id} 409"));
    expect(await stored()).toHaveLength(1);
    expectNoSecrets(err.all, [outs.fullKey]);
  });
});

// ---- errors: credentials and hosts ------------------------------------------------------------------------

describe("errors", () => {
  type Op = (r: { id: string; outs: RelayOutputs }) => Promise<unknown>;
  const ops: [string, Op, string][] = [
    ["create", () => handlers.create(desired()), `create relay config "edge": HTTP 403 forbidden`],
    ["update", (r) => handlers.update(r.id, r.outs, desired({ name: "edge-2" })), `update relay config "edge-2" ({id}): HTTP 403 forbidden`],
    ["rotation", (r) => handlers.update(r.id, r.outs, desired({ rotation: { trigger: "t2" } })), `reset the key of relay config "edge" ({id}): HTTP 403 forbidden`],
    ["delete", (r) => handlers.remove(r.id, r.outs), `delete relay config "edge" ({id}): HTTP 403 forbidden`],
  ];

  it.each(ops)("a reader token on %s: names the operation and HTTP 403, no token, no key", async (_title, op, expected) => {
    const r = await created();
    await configure({ "launchdarkly:apiHost": proxy.url, "launchdarkly:accessToken": READER });
    const err = await failure(op(r));
    expect(err.message.startsWith(expected.replace("{id}", r.id))).toBe(true);
    expectNoSecrets(err.all, [r.outs.fullKey]);
    expect(await stored()).toMatchObject([{ _id: r.id, name: "edge", displayKey: r.outs.displayKey }]);
  });

  it("an unknown token on refresh: HTTP 401 naming the config, no token", async () => {
    const r = await created();
    const unknown = "api-unknown-0000-1111-2222-333344445555";
    await configure({ "launchdarkly:apiHost": proxy.url, "launchdarkly:accessToken": unknown });
    const err = await failure(handlers.read(r.id, r.outs));
    expect(err.message.startsWith(`get relay config "edge" (${r.id}): HTTP 401 unauthorized`)).toBe(true);
    expect(err.all.includes(unknown)).toBe(false);
    expectNoSecrets(err.all, [r.outs.fullKey]);
  });

  it("no token configured: create fails naming the config key and the env var", async () => {
    await configure({ "launchdarkly:apiHost": proxy.url });
    const err = await failure(handlers.create(desired()));
    expect(err.message).toContain("launchdarkly:accessToken");
    expect(err.message).toContain("LAUNCHDARKLY_ACCESS_TOKEN");
    expect(sent()).toEqual([]);
  });

  describe("a wrong host (closed port)", () => {
    let closed: string;
    const fakeId = "0123456789abcdef01234567";
    const fakeKey = fakeRelayKey("1");

    beforeAll(async () => {
      const server = http.createServer();
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      closed = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    const olds = (): RelayOutputs => ({ ...desired(), configId: fakeId, fullKey: fakeKey, displayKey: "5555", creationDate: T0, lastModified: T0, apiHost: closed });

    it.each<[string, () => Promise<unknown>, string]>([
      ["create", () => handlers.create(desired()), `create relay config "edge"`],
      ["read", () => handlers.read(fakeId, olds()), `get relay config "edge" (${fakeId})`],
      ["update", () => handlers.update(fakeId, olds(), desired({ name: "edge-2" })), `update relay config "edge-2" (${fakeId})`],
      ["delete", () => handlers.remove(fakeId, olds()), `delete relay config "edge" (${fakeId})`],
    ])("%s: a connection error naming the host", async (_title, op, head) => {
      await configure({ "launchdarkly:apiHost": closed, "launchdarkly:accessToken": WRITER });
      const err = await failure(op());
      expect(err.message.startsWith(`${head}: cannot reach ${closed}: ECONNREFUSED`)).toBe(true);
      expectNoSecrets(err.all, [fakeKey]);
    });
  });
});

// ---- a change of api host ---------------------------------------------------------------------------------

describe("after the api host changed (a host is where, not what)", () => {
  const OTHER_TOKEN = "other-instance-writer-token-0123";
  let other: RunningEmulator;
  const otherLog = async () =>
    ((await fetch(`${other.url}/__emulator/log`).then((r) => r.json())) as { entries: { method: string; path: string; status: number }[] }).entries.filter((e) => e.path.startsWith("/api/"));

  beforeAll(async () => {
    other = await start({ tokens: [{ token: OTHER_TOKEN, role: "writer" }], control: true, validateResponses: true, clock });
  });
  afterAll(async () => {
    await other?.close();
  });
  beforeEach(async () => {
    await fetch(`${other.url}/__emulator/reset`, { method: "POST" });
  });

  it("another URL of the same account: no replace, the config read there, key and id unchanged", async () => {
    const { id, outs } = await created();
    const sameAccount = proxy.url.replace("127.0.0.1", "localhost");
    await configure({ "launchdarkly:apiHost": sameAccount, "launchdarkly:accessToken": WRITER });
    expect((await handlers.diff(id, outs, { ...desired(), reach: outs.reach, reachDetails: outs.reachDetails })).changes).toBe(false);
    const refreshed = await handlers.read(id, outs);
    expect(refreshed.id).toBe(id);
    expect(refreshed.props?.apiHost).toBe(sameAccount);
    expect(refreshed.props?.fullKey).toBe(outs.fullKey);
    expect(await relay(outs.fullKey)).toBe(200);
  });

  it("another instance with its own token: refresh drops the config (not found there), up creates it there; the old host hears nothing and neither token crosses", async () => {
    const { id, outs } = await created();
    await clearLogs();
    await configure({ "launchdarkly:apiHost": other.url, "launchdarkly:accessToken": OTHER_TOKEN });
    const refreshed = await handlers.read(id, outs);
    expect(refreshed.id).toBeUndefined();
    const moved = await create(desired());
    expect(moved.outs.apiHost).toBe(other.url);
    expect(await handlers.remove(moved.id, moved.outs)).toBeUndefined();
    // Every request went to the configured host with its own token: no 401 there, nothing at the old host.
    expect((await otherLog()).map((e) => e.status)).not.toContain(401);
    expect((await otherLog()).length).toBeGreaterThanOrEqual(3);
    expect(await apiLog()).toEqual([]);
    expect(sent()).toEqual([]);
    // The old config is untouched on the old instance, its key alive, until someone deletes it there.
    expect((await stored()).map((c) => c._id)).toEqual([id]);
    expect(await relay(outs.fullKey)).toBe(200);
  });

  it("a delete after a host change goes to the configured host: not found there counts as deleted, the old host hears nothing", async () => {
    const { id, outs } = await created();
    await clearLogs();
    await configure({ "launchdarkly:apiHost": other.url, "launchdarkly:accessToken": OTHER_TOKEN });
    await handlers.remove(id, outs);
    expect((await otherLog()).map((e) => `${e.method} ${e.status}`)).toEqual(["DELETE 404"]);
    expect(await apiLog()).toEqual([]);
    expect(await relay(outs.fullKey)).toBe(200);
  });
});

// Tests for provider/client/client.ts (with execute.ts and send.ts underneath): a scripted transport pops
// queued responses and logs `METHOD path`; assertions are on that log. Waits use jest fake timers or
// baseDelayMs 1 with zero jitter; real sockets are used only on 127.0.0.1.

import { AxiosError, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from "axios";
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as net from "node:net";
import { inspect } from "node:util";
import { generate } from "selfsigned";

import { createRelayClient, type RelayClientSettings } from "../../../../provider/client/client";
import { LaunchDarklyError } from "../../../../provider/client/errors";
import { Limiter, resetLimiters } from "../../../../provider/client/limiter";
import type { PatchOperation, RelayAutoConfig } from "../../../../provider/types";
import { fakeApiToken, fakeRelayKey } from "../../../support/fake-secrets";

const TOKEN = fakeApiToken("0");
const RELAY_KEY = fakeRelayKey("8");
const ID = "0123456789abcdef01234567";
const PATH = "/api/v2/account/relay-auto-configs";
const T0 = Date.UTC(2026, 2, 25, 12, 0, 0);

// ---- scripted transport ------------------------------------------------------------------------------------

type Step =
  | { status: number; body?: unknown; headers?: Record<string, string>; latencyMs?: number }
  | { error: string; message?: string; latencyMs?: number };

interface Script {
  adapter: AxiosAdapter;
  /** `METHOD /path?query` of every request sent, in order. */
  log: string[];
  /** The request configs, for header and body checks. */
  sent: InternalAxiosRequestConfig[];
  /** Steps not yet used. */
  left(): number;
  /** Most requests in flight at once. */
  peak(): number;
}

function scripted(...steps: Step[]): Script {
  const log: string[] = [];
  const sent: InternalAxiosRequestConfig[] = [];
  let inFlight = 0;
  let peak = 0;
  const adapter: AxiosAdapter = async (config) => {
    const url = new URL(String(config.url));
    log.push(`${String(config.method).toUpperCase()} ${url.pathname}${url.search}`);
    sent.push(config);
    const step = steps.shift();
    if (!step) throw new Error(`script exhausted at ${log[log.length - 1]}`);
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      if (step.latencyMs) await new Promise((resolve) => setTimeout(resolve, step.latencyMs));
    } finally {
      inFlight--;
    }
    if ("error" in step) {
      // like axios: the error carries the config, whose headers hold the token
      throw new AxiosError(step.message ?? `simulated ${step.error} with ${TOKEN}`, step.error, config, {});
    }
    const response: AxiosResponse = {
      status: step.status,
      statusText: "",
      headers: step.headers ?? {},
      data: step.body ?? "",
      config,
      request: {},
    };
    return response;
  };
  return { adapter, log, sent, left: () => steps.length, peak: () => peak };
}

function cfg(id = ID, name = "edge-relays", extra: Partial<RelayAutoConfig> = {}): RelayAutoConfig {
  return {
    _id: id,
    name,
    policy: [{ effect: "allow", resources: ["proj/*:env/production"], actions: ["*"] }],
    displayKey: "7c8d",
    creationDate: T0,
    lastModified: T0,
    ...extra,
  };
}

function ldError(status: number, code: string, message: string): Step {
  return { status, body: { code, message } };
}

function client(script: Script, extra: Partial<RelayClientSettings> = {}) {
  return createRelayClient({
    apiHost: "https://app.launchdarkly.com/",
    token: TOKEN,
    baseDelayMs: 1,
    random: () => 0,
    transport: script.adapter,
    limiter: new Limiter({ maxConcurrent: 8 }),
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<LaunchDarklyError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(LaunchDarklyError);
    expectNoSecrets(err as LaunchDarklyError);
    return err as LaunchDarklyError;
  }
  throw new Error("expected the call to fail");
}

function expectNoSecrets(err: Error): void {
  for (const text of [err.message, String(err.stack), JSON.stringify(err), inspect(err, { depth: 5 })]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(RELAY_KEY);
  }
}

const item = `${PATH}/${ID}`;
const guard: PatchOperation = { op: "test", path: "/name", value: "edge-relays" };
const rename: PatchOperation = { op: "replace", path: "/name", value: "edge-2" };

afterEach(() => {
  jest.useRealTimers();
  resetLimiters();
});

// ---- operations ------------------------------------------------------------------------------------------

describe("operations", () => {
  it("sends the token as-is with the API version, user agent and JSON content type", async () => {
    const script = scripted({ status: 200, body: { items: [cfg()] } });
    await expect(client(script).list()).resolves.toEqual([cfg()]);
    expect(script.log).toEqual([`GET ${PATH}`]);
    const headers = script.sent[0]!.headers;
    expect(headers.get("Authorization")).toBe(TOKEN);
    expect(headers.get("LD-API-Version")).toBe("20240415");
    expect(String(headers.get("User-Agent"))).toMatch(/^pulumi-launchdarkly-relay\/\d+\.\d+\.\d+/);
    expect(String(headers.get("Content-Type"))).toMatch(/^application\/json/);
  });

  it("sends an OAuth token as Bearer", async () => {
    const script = scripted({ status: 200, body: { items: [] } });
    await client(script, { tokenKind: "oauth" }).list();
    expect(script.sent[0]!.headers.get("Authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("get returns the config, or undefined on 404", async () => {
    const script = scripted({ status: 200, body: cfg() }, ldError(404, "not_found", "Invalid resource identifier"));
    const c = client(script);
    await expect(c.get(ID)).resolves.toEqual(cfg());
    await expect(c.get(ID)).resolves.toBeUndefined();
    expect(script.log).toEqual([`GET ${item}`, `GET ${item}`]);
  });

  it("create posts name and policy and returns the config with its fullKey", async () => {
    const created = cfg(ID, "edge-relays", { fullKey: RELAY_KEY });
    const script = scripted({ status: 201, body: created });
    await expect(client(script).create({ name: "edge-relays", policy: created.policy })).resolves.toEqual(created);
    expect(script.log).toEqual([`POST ${PATH}`]);
    expect(JSON.parse(String(script.sent[0]!.data))).toEqual({ name: "edge-relays", policy: created.policy });
  });

  it("patch sends { patch, comment }", async () => {
    const script = scripted({ status: 200, body: cfg(ID, "edge-2") });
    await client(script).patch(ID, [guard, rename], "rename for the edge fleet");
    expect(script.log).toEqual([`PATCH ${item}`]);
    expect(JSON.parse(String(script.sent[0]!.data))).toEqual({ patch: [guard, rename], comment: "rename for the edge fleet" });
  });

  it("reset posts to /reset with the expiry in epoch ms", async () => {
    const script = scripted({ status: 200, body: cfg(ID, "edge-relays", { fullKey: RELAY_KEY }) });
    const out = await client(script).reset(ID, T0 + 3_600_000);
    expect(out.fullKey).toBe(RELAY_KEY);
    expect(script.log).toEqual([`POST ${item}/reset?expiry=${T0 + 3_600_000}`]);
  });

  it("remove reports deleted, and absent on 404", async () => {
    const script = scripted({ status: 204 }, ldError(404, "not_found", "gone"));
    const c = client(script);
    await expect(c.remove(ID)).resolves.toBe("deleted");
    await expect(c.remove(ID)).resolves.toBe("absent");
  });

  it("rejects a 2xx whose body breaks the contract", async () => {
    const script = scripted({ status: 200, body: { items: [{ nope: true }] } }, { status: 201, body: "<html>" });
    const c = client(script);
    expect(await failure(c.list())).toMatchObject({ kind: "http", status: 200, code: "invalid_response", outcomeUnknown: false });
    const err = await failure(c.create({ name: "x", policy: [] }));
    expect(err).toMatchObject({ code: "invalid_response", outcomeUnknown: true });
  });

  it("rejects an empty token and an insecure host before any request", () => {
    const script = scripted();
    expect(() => client(script, { token: "  " })).toThrow(/no LaunchDarkly credential/);
    expect(() => client(script, { apiHost: "http://app.launchdarkly.com" })).toThrow(/plain http/);
    expect(script.log).toEqual([]);
  });
});

// ---- retries -------------------------------------------------------------------------------------------

describe("retries", () => {
  it("retries GET on 503, then succeeds", async () => {
    const script = scripted(ldError(503, "unavailable", "try later"), { status: 200, body: cfg() });
    const c = client(script);
    await expect(c.get(ID)).resolves.toEqual(cfg());
    expect(script.log).toEqual([`GET ${item}`, `GET ${item}`]);
    expect(c.stats()).toEqual({ requests: 2, retries: 1, rateLimited: 0 });
  });

  it.each(["ECONNRESET", "ETIMEDOUT", "EAI_AGAIN"])("retries list on %s", async (code) => {
    const script = scripted({ error: code }, { status: 200, body: { items: [] } });
    await expect(client(script).list()).resolves.toEqual([]);
    expect(script.log).toEqual([`GET ${PATH}`, `GET ${PATH}`]);
  });

  it("retries DELETE on 502 and counts the 404 that follows as absent", async () => {
    const script = scripted({ status: 502, body: "<html>bad gateway</html>" }, ldError(404, "not_found", "gone"));
    await expect(client(script).remove(ID)).resolves.toBe("absent");
    expect(script.log).toEqual([`DELETE ${item}`, `DELETE ${item}`]);
  });

  it.each([
    ["5xx", { status: 503, body: { code: "unavailable", message: "later" } } as Step, "http"],
    ["timeout", { error: "ETIMEDOUT" } as Step, "timeout"],
    ["connection reset", { error: "ECONNRESET" } as Step, "network"],
  ])("never sends a second POST after a %s on create", async (_title, step, kind) => {
    const script = scripted(step);
    const err = await failure(client(script).create({ name: "edge-relays", policy: cfg().policy }));
    expect(script.log).toEqual([`POST ${PATH}`]);
    expect(err).toMatchObject({ operation: "create", kind, retryable: false, outcomeUnknown: true, attempts: 1 });
    expect(err.message).toMatch(/^create relay config "edge-relays": /);
  });

  it.each([
    ["5xx", { status: 502 } as Step],
    ["timeout", { error: "ECONNABORTED" } as Step],
  ])("never sends a second POST after a %s on reset", async (_title, step) => {
    const script = scripted(step);
    const err = await failure(client(script).reset(ID, T0, { name: "edge-relays" }));
    expect(script.log).toEqual([`POST ${item}/reset?expiry=${T0}`]);
    expect(err).toMatchObject({ operation: "reset", retryable: false, outcomeUnknown: true });
  });

  it("reports a refused connection on create as certainly not applied", async () => {
    const script = scripted({ error: "ECONNREFUSED" });
    const err = await failure(client(script).create({ name: "edge", policy: [] }));
    expect(err).toMatchObject({ kind: "network", networkCode: "ECONNREFUSED", outcomeUnknown: false });
  });

  it("retries a guarded PATCH (with a test op) on 502", async () => {
    const script = scripted({ status: 502 }, { status: 200, body: cfg(ID, "edge-2") });
    await expect(client(script).patch(ID, [guard, rename])).resolves.toMatchObject({ name: "edge-2" });
    expect(script.log).toEqual([`PATCH ${item}`, `PATCH ${item}`]);
  });

  it("does not retry an unguarded PATCH on 502", async () => {
    const script = scripted({ status: 502 });
    const err = await failure(client(script).patch(ID, [rename], undefined, { name: "edge-relays" }));
    expect(script.log).toEqual([`PATCH ${item}`]);
    expect(err).toMatchObject({ kind: "http", status: 502, retryable: false, outcomeUnknown: true });
    expect(err.message).toBe(`update relay config "edge-relays" (${ID}): HTTP 502`);
  });

  const never: [number, string][] = [
    [400, "invalid_request"],
    [401, "unauthorized"],
    [403, "forbidden"],
    [404, "not_found"],
    [409, "optimistic_locking_error"],
    [422, "patch_failed"],
  ];
  const calls: [string, (c: ReturnType<typeof client>) => Promise<unknown>, string][] = [
    ["list", (c) => c.list(), `GET ${PATH}`],
    ["get", (c) => c.get(ID), `GET ${item}`],
    ["create", (c) => c.create({ name: "edge", policy: [] }), `POST ${PATH}`],
    ["guarded patch", (c) => c.patch(ID, [guard, rename]), `PATCH ${item}`],
    ["remove", (c) => c.remove(ID), `DELETE ${item}`],
    ["reset", (c) => c.reset(ID), `POST ${item}/reset`],
  ];
  describe.each(never)("HTTP %i %s", (status, code) => {
    it.each(calls)("is never retried by %s", async (name, call, line) => {
      const script = scripted(ldError(status, code, `${code} for token ${TOKEN}`));
      const c = client(script);
      if (status === 404 && (name === "get" || name === "remove")) {
        await expect(call(c)).resolves.toBe(name === "get" ? undefined : "absent");
      } else {
        const err = await failure(call(c));
        expect(err).toMatchObject({ kind: "http", status, code, retryable: false, attempts: 1 });
        expect(err.ldMessage).toBe(`${code} for token [redacted]`);
        expect(err.message).toContain(`HTTP ${status} ${code}: ${code} for token [redacted]`);
      }
      expect(script.log).toEqual([line]);
    });
  });

  it("gives up after maxRetries and says how many attempts were made", async () => {
    const script = scripted(...Array.from({ length: 3 }, () => ldError(503, "unavailable", "down")));
    const err = await failure(client(script, { maxRetries: 2 }).get(ID, { name: "edge-relays" }));
    expect(script.log).toHaveLength(3);
    expect(err).toMatchObject({ status: 503, attempts: 3, retryable: true, outcomeUnknown: false });
    expect(err.message).toBe(`get relay config "edge-relays" (${ID}): HTTP 503 unavailable: down (after 3 attempts)`);
  });

  it.each(["SELF_SIGNED_CERT_IN_CHAIN", "ENOTFOUND"])("does not retry the permanent network error %s", async (code) => {
    const script = scripted({ error: code });
    const err = await failure(client(script).list());
    expect(script.log).toHaveLength(1);
    expect(err).toMatchObject({ kind: "network", networkCode: code, retryable: false });
    expect(err.message).toContain("cannot reach https://app.launchdarkly.com");
  });

  it("backs off with jitter between retries, scaled by baseDelayMs", async () => {
    jest.useFakeTimers({ now: T0 });
    const script = scripted({ status: 503 }, { status: 503 }, { status: 200, body: cfg() });
    const c = client(script, { baseDelayMs: 10, random: () => 0.5, limiter: new Limiter() });
    const done = c.get(ID);
    await jest.advanceTimersByTimeAsync(4); // first backoff: 0.5 × 10 = 5 ms
    expect(script.log).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(script.log).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(9); // second backoff: 0.5 × 20 = 10 ms
    expect(script.log).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toEqual(cfg());
    expect(script.log).toHaveLength(3);
  });
});

// ---- rate limits -----------------------------------------------------------------------------------------

describe("rate limits", () => {
  beforeEach(() => jest.useFakeTimers({ now: T0 }));

  function rateLimited(headers: Record<string, string>): Step {
    return { status: 429, headers, body: { code: "rate_limited", message: "You've exceeded the API rate limit." } };
  }

  it.each([
    ["X-Ratelimit-Reset is later", { "Retry-After": "2", "X-Ratelimit-Reset": String(T0 + 5000) }, 5000],
    ["Retry-After is later", { "Retry-After": "7", "X-Ratelimit-Reset": String(T0 + 3000) }, 7000],
    ["Retry-After is an HTTP date", { "Retry-After": new Date(T0 + 4000).toUTCString() }, 4000],
  ])("waits for the later of Retry-After and X-Ratelimit-Reset: %s", async (_title, headers, waitMs) => {
    const script = scripted(rateLimited(headers), { status: 200, body: cfg() });
    const c = client(script, { limiter: new Limiter() });
    const done = c.get(ID);
    await jest.advanceTimersByTimeAsync(waitMs); // margin is ceil(0.25 × baseDelayMs) = 1 ms
    expect(script.log).toEqual([`GET ${item}`]);
    await jest.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toEqual(cfg());
    expect(script.log).toEqual([`GET ${item}`, `GET ${item}`]);
    expect(c.stats()).toEqual({ requests: 2, retries: 1, rateLimited: 1 });
  });

  it("falls back to a fixed wait scaled by baseDelayMs without headers", async () => {
    const script = scripted(rateLimited({}), { status: 200, body: { items: [] } });
    const done = client(script, { baseDelayMs: 5, limiter: new Limiter() }).list();
    await jest.advanceTimersByTimeAsync(49);
    expect(script.log).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await expect(done).resolves.toEqual([]);
  });

  it("retries a create after 429 (the request was refused, not applied) and sends it once more only", async () => {
    const script = scripted(rateLimited({ "Retry-After": "1" }), { status: 201, body: cfg() });
    const done = client(script, { limiter: new Limiter() }).create({ name: "edge-relays", policy: cfg().policy });
    await jest.advanceTimersByTimeAsync(1001);
    await expect(done).resolves.toEqual(cfg());
    expect(script.log).toEqual([`POST ${PATH}`, `POST ${PATH}`]);
  });

  it("a 429 pauses other queued requests, and the retry goes first", async () => {
    const limiter = new Limiter({ maxConcurrent: 2 });
    const script = scripted(
      rateLimited({ "X-Ratelimit-Reset": String(T0 + 1000) }), // a
      { status: 200, body: cfg("b".repeat(24)), latencyMs: 50 }, // b, in flight when a is limited
      { status: 200, body: cfg() }, // a again
      { status: 200, body: cfg("c".repeat(24)) }, // c, queued behind the cap
    );
    const c = client(script, { limiter });
    const results = Promise.all([c.get(ID), c.get("b".repeat(24)), c.get("c".repeat(24))]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(script.log).toEqual([`GET ${item}`, `GET ${PATH}/${"b".repeat(24)}`]);
    expect(limiter.snapshot()).toMatchObject({ running: 0, queued: 2 });
    await jest.advanceTimersByTimeAsync(1);
    await results;
    expect(script.log).toEqual([`GET ${item}`, `GET ${PATH}/${"b".repeat(24)}`, `GET ${item}`, `GET ${PATH}/${"c".repeat(24)}`]);
  });

  it("pauses before a 429 when a response says the budget is spent", async () => {
    const script = scripted(
      { status: 200, body: cfg(), headers: { "X-Ratelimit-Route-Remaining": "0", "X-Ratelimit-Reset": String(T0 + 2000) } },
      { status: 200, body: cfg() },
    );
    const c = client(script, { limiter: new Limiter() });
    await c.get(ID);
    const second = c.get(ID);
    await jest.advanceTimersByTimeAsync(2000);
    expect(script.log).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await second;
    expect(script.log).toHaveLength(2);
  });

  it("reports a 429 that asks for a longer wait than maxRateLimitWaitMs instead of waiting", async () => {
    const script = scripted(rateLimited({ "Retry-After": "600" }));
    const err = await failure(client(script, { maxRateLimitWaitMs: 60_000, limiter: new Limiter() }).list());
    expect(script.log).toHaveLength(1);
    expect(err).toMatchObject({ status: 429, code: "rate_limited", retryable: true });
    expect(err.message).toContain("rate limited for 600s");
  });

  it("respects the concurrency cap through the client", async () => {
    const script = scripted(...Array.from({ length: 6 }, () => ({ status: 200, body: cfg(), latencyMs: 10 })));
    const c = client(script, { limiter: new Limiter({ maxConcurrent: 2 }) });
    const all = Promise.all(Array.from({ length: 6 }, () => c.get(ID)));
    await jest.advanceTimersByTimeAsync(30);
    await all;
    expect(script.log).toHaveLength(6);
    expect(script.peak()).toBe(2);
  });
});

// ---- secrets in errors -------------------------------------------------------------------------------------

describe("errors never carry the token or a relay key", () => {
  const echoes: [string, Step][] = [
    ["an LD message echoing the token and a key", ldError(401, "unauthorized", `token ${TOKEN} invalid; key ${RELAY_KEY}`)],
    ["a code echoing the token", { status: 403, body: { code: TOKEN, message: "no" } }],
    ["a string body", { status: 500, body: JSON.stringify({ code: "internal", message: `Authorization: ${TOKEN}` }) }],
    ["an axios error whose message holds the token", { error: "ECONNRESET", message: `socket hang up ${TOKEN}` }],
    ["an odd error code", { error: `E ${TOKEN}` }],
    ["a timeout", { error: "ETIMEDOUT" }],
  ];
  it.each(echoes)("%s", async (_title, step) => {
    const script = scripted(step);
    await failure(client(script, { maxRetries: 0 }).reset(ID, undefined, { name: "edge-relays" }));
  });

  it("a token with a scheme word is redacted whole", async () => {
    const token = "Bearer s3cr3t-value-xyz";
    const script = scripted(ldError(401, "unauthorized", `bad ${token} and bad s3cr3t-value-xyz`));
    const err = await failure(client(script, { token }).list());
    expect(err.message).not.toContain("s3cr3t-value-xyz");
  });
});

// ---- real sockets on 127.0.0.1 -------------------------------------------------------------------------------

describe("real axios on 127.0.0.1", () => {
  async function closedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  it("a closed port is a network error naming the host, not the token", async () => {
    const port = await closedPort();
    const c = createRelayClient({
      apiHost: `http://127.0.0.1:${port}`,
      token: TOKEN,
      baseDelayMs: 1,
      maxRetries: 1,
      random: () => 0,
    });
    const err = await failure(c.get(ID, { name: "edge-relays" }));
    expect(err).toMatchObject({
      kind: "network",
      networkCode: "ECONNREFUSED",
      retryable: true,
      attempts: 2,
      outcomeUnknown: false,
    });
    expect(err.message).toBe(
      `get relay config "edge-relays" (${ID}): cannot reach http://127.0.0.1:${port}: ECONNREFUSED (after 2 attempts)`,
    );
    const created = await failure(c.create({ name: "edge", policy: [] }));
    expect(created).toMatchObject({ kind: "network", attempts: 1, retryable: false });
  });

  describe("against a local server", () => {
    const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
    let reply: (req: http.IncomingMessage, res: http.ServerResponse) => void = () => undefined;
    let server: http.Server;
    let apiHost = "";

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (chunk: Buffer) => (body += chunk.toString()));
        req.on("end", () => {
          seen.push({ method: String(req.method), url: String(req.url), headers: req.headers, body });
          reply(req, res);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      apiHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    beforeEach(() => (seen.length = 0));

    function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
      res.writeHead(status, { "Content-Type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    }

    it("sends exactly the headers and body LaunchDarkly expects", async () => {
      reply = (_req, res) => json(res, 200, cfg(ID, "edge-2"));
      const c = createRelayClient({ apiHost, token: TOKEN, baseDelayMs: 1 });
      await expect(c.patch(ID, [guard, rename], "rename")).resolves.toMatchObject({ name: "edge-2" });
      expect(seen).toHaveLength(1);
      const [req] = seen;
      expect(req).toMatchObject({ method: "PATCH", url: item });
      expect(req!.headers.authorization).toBe(TOKEN);
      expect(req!.headers["ld-api-version"]).toBe("20240415");
      expect(req!.headers["user-agent"]).toMatch(/^pulumi-launchdarkly-relay\//);
      expect(req!.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(req!.body)).toEqual({ patch: [guard, rename], comment: "rename" });
    });

    it("turns an error response that echoes the Authorization header into a redacted error", async () => {
      reply = (req, res) =>
        json(res, 401, { code: "unauthorized", message: `Invalid access token: ${String(req.headers.authorization)}` });
      const c = createRelayClient({ apiHost, token: TOKEN, baseDelayMs: 1 });
      const err = await failure(c.remove(ID));
      expect(err).toMatchObject({ kind: "http", status: 401, code: "unauthorized", ldMessage: "Invalid access token: [redacted]" });
    });

    it("204 on delete, 404 on get", async () => {
      reply = (req, res) => {
        if (req.method === "DELETE") res.writeHead(204).end();
        else json(res, 404, { code: "not_found", message: "x" });
      };
      const c = createRelayClient({ apiHost, token: TOKEN, baseDelayMs: 1 });
      await expect(c.remove(ID)).resolves.toBe("deleted");
      await expect(c.get(ID)).resolves.toBeUndefined();
    });

    it("a server that does not answer in time is a timeout", async () => {
      reply = () => undefined; // never answers
      const c = createRelayClient({ apiHost, token: TOKEN, baseDelayMs: 1, timeoutMs: 20 });
      const err = await failure(c.create({ name: "edge", policy: [] }));
      expect(err).toMatchObject({ kind: "timeout", retryable: false, outcomeUnknown: true, attempts: 1 });
      expect(err.message).toMatch(/^create relay config "edge": no response from http:\/\/127\.0\.0\.1:\d+ within 20ms \(timeout\)$/);
      expect(seen).toHaveLength(1);
    });
  });

  it("an untrusted TLS certificate fails fast with a hint, without retries", async () => {
    const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], { keySize: 2048 });
    const server = https.createServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end("{}"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const c = createRelayClient({ apiHost: `https://127.0.0.1:${port}`, token: TOKEN, baseDelayMs: 1 });
      const err = await failure(c.list());
      expect(err).toMatchObject({ kind: "network", retryable: false, attempts: 1, outcomeUnknown: false });
      expect(err.message).toContain("NODE_EXTRA_CA_CERTS");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("account", () => {
  const env = (key: string) => ({ key, name: key, tags: [], critical: false, apiKey: "sdk-x", mobileKey: "mob-x" });
  const project = (key: string, environments: unknown[], total = environments.length) => ({ key, name: key, tags: [], environments: { items: environments, totalCount: total } });

  it("follows project pages and fetches the environments a project has beyond those embedded", async () => {
    const projects = Array.from({ length: 100 }, (_, i) => project(`p${i}`, [env("production")]));
    const script = scripted(
      { status: 200, body: { items: projects, totalCount: 101 } },
      { status: 200, body: { items: [project("big", [env("a")], 3)], totalCount: 101 } },
      { status: 200, body: { items: [env("b"), env("c")], totalCount: 3 } },
    );
    const account = await client(script).account();
    expect(script.log).toEqual([
      "GET /api/v2/projects?expand=environments&limit=100&offset=0",
      "GET /api/v2/projects?expand=environments&limit=100&offset=100",
      "GET /api/v2/projects/big/environments?limit=100&offset=1",
    ]);
    expect(account.projects).toHaveLength(101);
    expect(account.projects[100].environments.map((e) => e.key)).toEqual(["a", "b", "c"]);
    expect(JSON.stringify(account)).not.toMatch(/sdk-|mob-/);
  });

  it("a 403 fails with a LaunchDarklyError naming the listing, not retried", async () => {
    const script = scripted(ldError(403, "forbidden", "Access to projects denied"));
    const err = await failure(client(script).account());
    expect(err.message).toContain("list the account's projects and environments: HTTP 403 forbidden");
    expect(script.log).toHaveLength(1);
  });

  it("a 503 is retried like every GET", async () => {
    const script = scripted(ldError(503, "service_unavailable", "busy"), { status: 200, body: { items: [], totalCount: 0 } });
    expect(await client(script).account()).toEqual({ projects: [] });
    expect(script.log).toHaveLength(2);
  });

  it("a body that is not a page of projects is an invalid response", async () => {
    const err = await failure(client(scripted({ status: 200, body: { projects: [] } })).account());
    expect(err.code).toBe("invalid_response");
  });
});

// Contract: every error status the emulator answers on the spec routes (401, 403, 404, 405, 422, 429, 5xx) has a
// `{ code, message }` body valid against the spec's error schemas, with the right code, and never echoes a
// token or a key. Also checks that the contract validator itself rejects answers that drift from the spec.

import { call, CONFIGS, configBody, control, startEmulator, type TestEmulator } from "../emulator/support/client";
import { contract, specMismatch } from "./support/spec";

const READER = "reader-token-for-tests";
const WRITER = "writer-token-for-tests";
const ANY_ID = "0123456789abcdef01234567";

let emu: TestEmulator;
let id: string;
let fullKey: string;
beforeAll(async () => {
  emu = await startEmulator({
    tokens: [
      { token: WRITER, role: "writer" },
      { token: READER, role: "reader" },
    ],
  });
  const reply = await contract(emu.url, "POST", CONFIGS, { token: WRITER, body: configBody() });
  id = reply.body._id;
  fullKey = reply.body.fullKey;
});
afterAll(async () => {
  await emu.close();
});

function expectNoSecrets(text: string): void {
  expect(text).not.toContain(WRITER);
  expect(text).not.toContain(READER);
  expect(text).not.toContain(fullKey);
}

const routes = (): [string, string][] => [
  ["GET", CONFIGS],
  ["POST", CONFIGS],
  ["GET", `${CONFIGS}/${id}`],
  ["PATCH", `${CONFIGS}/${id}`],
  ["DELETE", `${CONFIGS}/${id}`],
  ["POST", `${CONFIGS}/${id}/reset`],
];

describe("401 unauthorized", () => {
  it.each([
    ["no Authorization header", null],
    ["an unknown token", "not-a-token"],
    ["a Bearer-prefixed token (LaunchDarkly uses no scheme)", `Bearer ${WRITER}`],
    ["a relay key instead of an API token", "relay"],
  ])("%s", async (_title, token) => {
    for (const [method, path] of routes()) {
      const reply = await contract(emu.url, method, path, { token: token === "relay" ? fullKey : token, body: method === "GET" || method === "DELETE" ? undefined : configBody() });
      expect(reply.status).toBe(401);
      expect(reply.body.code).toBe("unauthorized");
      expectNoSecrets(reply.text);
    }
  });

  it("401 comes before body errors: a bad token with malformed JSON is still 401", async () => {
    const reply = await contract(emu.url, "POST", CONFIGS, { token: "nope", rawBody: "{" });
    expect(reply.status).toBe(401);
  });
});

describe("403 forbidden for a reader token on writes", () => {
  it.each([
    ["POST", () => CONFIGS],
    ["PATCH", () => `${CONFIGS}/${id}`],
    ["DELETE", () => `${CONFIGS}/${id}`],
    ["POST reset", () => `${CONFIGS}/${id}/reset`],
  ])("%s", async (title, path) => {
    const method = title.split(" ")[0];
    const body = method === "PATCH" ? [{ op: "replace", path: "/name", value: "x" }] : method === "POST" && !title.includes("reset") ? configBody() : undefined;
    const reply = await contract(emu.url, method, path(), { token: READER, body });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe("forbidden");
    expectNoSecrets(reply.text);
  });

  it("a reader may read", async () => {
    expect((await contract(emu.url, "GET", CONFIGS, { token: READER })).status).toBe(200);
    expect((await contract(emu.url, "GET", `${CONFIGS}/${id}`, { token: READER })).status).toBe(200);
  });
});

describe("404 not_found", () => {
  it.each([
    ["GET", `${CONFIGS}/${ANY_ID}`],
    ["PATCH", `${CONFIGS}/${ANY_ID}`],
    ["DELETE", `${CONFIGS}/${ANY_ID}`],
    ["POST", `${CONFIGS}/${ANY_ID}/reset`],
  ])("%s unknown id", async (method, path) => {
    const reply = await contract(emu.url, method, path, { token: WRITER, body: method === "PATCH" ? [] : undefined });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("not_found");
  });
});

describe("405 method_not_allowed", () => {
  it.each([
    ["PUT", CONFIGS],
    ["DELETE", CONFIGS],
    ["PATCH", CONFIGS],
    ["PUT", `${CONFIGS}/${ANY_ID}`],
    ["POST", `${CONFIGS}/${ANY_ID}`],
    ["GET", `${CONFIGS}/${ANY_ID}/reset`],
  ])("%s %s", async (method, path) => {
    const reply = await contract(emu.url, method, path, { token: WRITER });
    expect(reply.status).toBe(405);
    expect(reply.body.code).toBe("method_not_allowed");
    expect(reply.headers.get("allow")).toBeTruthy();
  });

  it("HEAD (no body by definition) is 405 too", async () => {
    const reply = await call(emu.url, "HEAD", CONFIGS, { token: WRITER });
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("GET, POST");
  });
});

it("422 patch_failed", async () => {
  const reply = await contract(emu.url, "PATCH", `${CONFIGS}/${id}`, { token: WRITER, body: [{ op: "test", path: "/name", value: "other" }] });
  expect(reply.status).toBe(422);
  expect(reply.body.code).toBe("patch_failed");
});

describe("429 and injected 5xx bodies match the spec", () => {
  afterEach(async () => {
    await control(emu.url, "DELETE", "/faults");
  });

  it.each([500, 502, 503])("injected %i", async (status) => {
    await control(emu.url, "POST", "/faults", { match: { method: "GET", pathPattern: CONFIGS }, action: { type: "status", status }, count: 1 });
    const reply = await contract(emu.url, "GET", CONFIGS, { token: WRITER });
    expect(reply.status).toBe(status);
    expect(typeof reply.body.code).toBe("string");
  });

  it("injected 429 burst", async () => {
    await control(emu.url, "POST", "/faults", { match: { pathPattern: `${CONFIGS}/*` }, action: { type: "rate-limit" }, count: 1 });
    const reply = await contract(emu.url, "GET", `${CONFIGS}/${id}`, { token: WRITER });
    expect(reply.status).toBe(429);
    expect(reply.body.code).toBe("rate_limited");
  });
});

it("rate limiting by the limiter answers a spec-valid 429", async () => {
  const limited = await startEmulator({ limits: { routeLimit: 1 } });
  try {
    expect((await contract(limited.url, "GET", CONFIGS)).status).toBe(200);
    const reply = await contract(limited.url, "GET", CONFIGS);
    expect(reply.status).toBe(429);
    expect(reply.body.code).toBe("rate_limited");
  } finally {
    await limited.close();
  }
});

describe("the contract validator rejects answers that drift from the spec", () => {
  it.each([
    ["a config without displayKey", "GET", `${CONFIGS}/${ANY_ID}`, 200, { _id: ANY_ID, name: "n", policy: [], creationDate: 1, lastModified: 1 }],
    ["a string timestamp", "GET", `${CONFIGS}/${ANY_ID}`, 200, { _id: ANY_ID, name: "n", policy: [], displayKey: "abcd", creationDate: "1", lastModified: 1 }],
    ["a list without items", "GET", CONFIGS, 200, { configs: [] }],
    ["an error without message", "GET", CONFIGS, 401, { code: "unauthorized" }],
    ["a 204 with a body", "DELETE", `${CONFIGS}/${ANY_ID}`, 204, { ok: true }],
    ["a bad effect", "POST", CONFIGS, 201, { _id: ANY_ID, name: "n", policy: [{ effect: "permit" }], displayKey: "abcd", creationDate: 1, lastModified: 1 }],
    ["an undeclared 2xx", "POST", CONFIGS, 200, {}],
  ])("%s", (_title, method, path, status, body) => {
    expect(specMismatch(method, path, { status, body })).not.toBeNull();
  });

  it("accepts a valid one", () => {
    expect(specMismatch("GET", CONFIGS, { status: 200, body: { items: [] } })).toBeNull();
    expect(specMismatch("DELETE", `${CONFIGS}/${ANY_ID}`, { status: 204, body: undefined })).toBeNull();
  });
});

// Contract: every kind of bad input is refused with the right status and LaunchDarkly code, one test per case,
// and the message names the field. Every answer is validated against the spec by contract().

import { CONFIGS, configBody, createConfig, startEmulator, type TestEmulator } from "../emulator/support/client";
import { contract } from "./support/spec";

const allow = { effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] };

let emu: TestEmulator;
let id: string;
beforeAll(async () => {
  emu = await startEmulator();
  id = (await createConfig(emu.url))._id;
});
afterAll(async () => {
  await emu.close();
});

interface Case {
  title: string;
  rawBody?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Text the message must contain (the field). */
  mentions: string;
}

const createCases: Case[] = [
  { title: "malformed JSON", rawBody: '{"name": "x",', mentions: "not valid JSON" },
  { title: "empty body", rawBody: "", mentions: "body is required" },
  { title: "a JSON array", body: [], mentions: "body" },
  { title: "missing name", body: { policy: [allow] }, mentions: "name" },
  { title: "missing policy", body: { name: "x" }, mentions: "policy" },
  { title: "empty policy", body: { name: "x", policy: [] }, mentions: "policy" },
  { title: "empty name", body: { name: "  ", policy: [allow] }, mentions: "name" },
  { title: "name not a string", body: { name: 42, policy: [allow] }, mentions: "name" },
  { title: "policy not an array", body: { name: "x", policy: allow }, mentions: "policy" },
  { title: "statement not an object", body: { name: "x", policy: ["allow"] }, mentions: "policy[0]" },
  { title: "effect missing", body: { name: "x", policy: [{ resources: ["proj/*"], actions: ["*"] }] }, mentions: "policy[0].effect" },
  { title: "effect not allow|deny", body: { name: "x", policy: [{ ...allow, effect: "permit" }] }, mentions: "policy[0].effect" },
  { title: "both resources and notResources", body: { name: "x", policy: [{ ...allow, notResources: ["proj/x"] }] }, mentions: "resources" },
  { title: "neither resources nor notResources", body: { name: "x", policy: [{ effect: "allow", actions: ["*"] }] }, mentions: "notResources" },
  { title: "empty resources counts as absent", body: { name: "x", policy: [{ effect: "allow", resources: [], actions: ["*"] }] }, mentions: "resources" },
  { title: "both actions and notActions", body: { name: "x", policy: [{ ...allow, notActions: ["*"] }] }, mentions: "actions" },
  { title: "neither actions nor notActions", body: { name: "x", policy: [{ effect: "allow", resources: ["proj/*"] }] }, mentions: "notActions" },
  { title: "resources not strings", body: { name: "x", policy: [{ ...allow, resources: [1] }] }, mentions: "policy[0].resources[0]" },
  { title: "actions not an array", body: { name: "x", policy: [{ ...allow, actions: "*" }] }, mentions: "policy[0].actions" },
  { title: "empty resource string", body: { name: "x", policy: [{ ...allow, resources: [""] }] }, mentions: "policy[0].resources[0]" },
  { title: "unknown top-level field", body: { ...configBody(), color: "blue" }, mentions: "color" },
  { title: "unknown statement field", body: { name: "x", policy: [{ ...allow, role_name: "r" }] }, mentions: "policy[0].role_name" },
  { title: "read-only field in create", body: { ...configBody(), _id: "0123456789abcdef01234567" }, mentions: "_id" },
  { title: "text/plain content type", rawBody: JSON.stringify(configBody()), headers: { "Content-Type": "text/plain" }, mentions: "Content-Type" },
  { title: "conflicting LD-API-Version values", body: configBody(), headers: { "LD-API-Version": "20240415, 20220603" }, mentions: "LD-API-Version" },
];

describe("POST /relay-auto-configs refuses bad input with 400 invalid_request", () => {
  it.each(createCases)("$title", async ({ rawBody, body, headers, mentions }) => {
    const reply = await contract(emu.url, "POST", CONFIGS, { rawBody, body, headers });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
    expect(reply.body.message).toContain(mentions);
  });
});

const patchCases: (Case & { status?: number; code?: string })[] = [
  { title: "malformed JSON", rawBody: "[{", mentions: "not valid JSON" },
  { title: "semantic patch content type", body: { instructions: [{ kind: "updateName", value: "x" }] }, headers: { "Content-Type": "application/json; domain-model=launchdarkly.semanticpatch" }, mentions: "Semantic patch" },
  { title: "object without patch or merge", body: { comment: "only a comment" }, mentions: "patch" },
  { title: "patch not an array", body: { patch: { op: "replace" } }, mentions: "patch" },
  { title: "both patch and merge", body: { patch: [], merge: {} }, mentions: "either patch or merge" },
  { title: "unknown envelope field", body: { patch: [], note: "x" }, mentions: "note" },
  { title: "comment not a string", body: { patch: [], comment: 5 }, mentions: "comment" },
  { title: "merge not an object", body: { merge: [1] }, mentions: "merge" },
  { title: "unknown op", body: [{ op: "increment", path: "/name" }], mentions: "op" },
  { title: "op without path", body: [{ op: "remove" }], mentions: "path" },
  { title: "path not a JSON pointer", body: [{ op: "replace", path: "name", value: "x" }], mentions: "path" },
  { title: "add without value", body: [{ op: "add", path: "/name" }], mentions: "value" },
  { title: "move without from", body: [{ op: "move", path: "/name" }], mentions: "from" },
  { title: "replacing the whole document", body: [{ op: "replace", path: "", value: {} }], mentions: "whole config" },
  { title: "result has an empty policy", body: [{ op: "replace", path: "/policy", value: [] }], mentions: "policy" },
  { title: "result has a bad effect", body: [{ op: "replace", path: "/policy/0/effect", value: "maybe" }], mentions: "policy[0].effect" },
  { title: "result has both resources and notResources", body: [{ op: "add", path: "/policy/0/notResources", value: ["proj/x"] }], mentions: "resources" },
  { title: "result has an unknown field", body: [{ op: "add", path: "/color", value: "blue" }], mentions: "color" },
  { title: "merge removes the name", body: { merge: { name: null } }, mentions: "name" },
  { title: "merge sets a wrong type", body: { merge: { policy: "all" } }, mentions: "policy" },
];

describe("PATCH /relay-auto-configs/{id} refuses bad input with 400 invalid_request", () => {
  it.each(patchCases)("$title", async ({ rawBody, body, headers, mentions }) => {
    const reply = await contract(emu.url, "PATCH", `${CONFIGS}/${id}`, { rawBody, body, headers });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
    expect(reply.body.message).toContain(mentions);
  });
});

describe("POST /relay-auto-configs/{id}/reset refuses a non-integer expiry", () => {
  it.each(["abc", "1.5", "1e12", "", "12abc", "99999999999999999999"])("expiry=%p", async (expiry) => {
    const reply = await contract(emu.url, "POST", `${CONFIGS}/${id}/reset?expiry=${encodeURIComponent(expiry)}`);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe("invalid_request");
    expect(reply.body.message).toContain("expiry");
  });
});

describe("ids that are not 24 hex characters are 404 not_found", () => {
  it.each([
    ["GET", "short"],
    ["GET", "0123456789abcdef0123456g"],
    ["GET", "0123456789ABCDEF01234567"],
    ["PATCH", "not-an-id"],
    ["DELETE", "0123456789abcdef012345678"],
    ["POST", "x/reset"],
  ])("%s %s", async (method, badId) => {
    const reply = await contract(emu.url, method, `${CONFIGS}/${badId}`, method === "PATCH" ? { body: [] } : {});
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("not_found");
  });
});

it("the config is unchanged after all the refused writes", async () => {
  const reply = await contract(emu.url, "GET", `${CONFIGS}/${id}`);
  expect(reply.body.name).toBe("relay-a");
  expect(reply.body.policy).toEqual(configBody().policy);
});

// Tests emulator/spec.ts: the OpenAPI components compile with ajv; request errors name the field; response
// validation finds drift; and in test mode (validateResponses) the app turns a response that does not match the
// spec into a 500 `response_validation_failed` giving the reason.

import { SpecValidator, routeTemplate } from "../../emulator/spec";
import { MemoryStore } from "../../emulator/store";
import type { StoreData } from "../../emulator/types";
import { call, CONFIGS, startEmulator } from "./support/client";

const spec = new SpecValidator();
const ONE = `${CONFIGS}/:id`;

describe("SpecValidator", () => {
  it("knows the six relay operations and the two projects operations of the specs", () => {
    expect(spec.routes().map((r) => `${r.method} ${r.template}`).sort()).toEqual([
      `DELETE ${ONE}`,
      `GET ${CONFIGS}`,
      `GET ${ONE}`,
      "GET /api/v2/projects",
      "GET /api/v2/projects/:projectKey/environments",
      `PATCH ${ONE}`,
      `POST ${CONFIGS}`,
      `POST ${ONE}/reset`,
    ]);
    expect(routeTemplate("/a/{id}/b/{x}")).toBe("/a/:id/b/:x");
  });

  it.each([
    [{ policy: [] }, ["name: is required"]],
    [{ name: 1, policy: [] }, ["name: must be string"]],
    [{ name: "n", policy: [{ effect: "maybe" }] }, ["policy[0].effect: must be one of allow, deny"]],
    [{ name: "n", policy: [{ effect: "allow", resources: [1] }] }, ["policy[0].resources[0]: must be string"]],
  ])("request body %j → %j", (body, errors) => {
    expect(spec.requestBodyErrors("POST", CONFIGS, body)).toEqual(errors);
  });

  it("checks integer query parameters", () => {
    expect(spec.queryErrors("POST", `${ONE}/reset`, { expiry: "12" })).toEqual([]);
    expect(spec.queryErrors("POST", `${ONE}/reset`, { expiry: "soon" })).toEqual(['expiry: must be an integer, got "soon"']);
  });

  it.each([
    ["valid list", "GET", CONFIGS, 200, { items: [] }, null],
    ["list item missing fields", "GET", CONFIGS, 200, { items: [{ _id: "x" }] }, /RelayAutoConfigCollectionRep/],
    ["204 with a body", "DELETE", ONE, 204, {}, /no body/],
    ["200 without a body", "GET", ONE, 200, undefined, /must have a RelayAutoConfigRep body/],
    ["undeclared 403 checked as ForbiddenErrorRep", "POST", CONFIGS, 403, { code: "forbidden", message: "m" }, null],
    ["405 on a method the path lacks", "PUT", ONE, 405, { code: "method_not_allowed", message: "m" }, null],
    ["a status with no schema at all", "GET", CONFIGS, 418, { code: "teapot", message: "m" }, /does not declare status 418/],
    ["not a spec path", "GET", "/elsewhere", 200, {}, /not in the spec/],
  ])("response: %s", (_title, method, template, status, body, expected) => {
    const reason = spec.responseError(method, template, status, body);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });

  it("throws for an unknown component", () => {
    expect(() => spec.componentErrors("Nope", {})).toThrow("Nope");
  });
});

describe("response validation in the app", () => {
  const corrupt: StoreData = {
    version: 1,
    configs: [
      {
        _id: "0123456789abcdef01234567",
        name: 42 as unknown as string,
        policy: [{ effect: "allow", resources: ["proj/*"], actions: ["*"] }],
        creationDate: 1,
        lastModified: 1,
        creator: { _links: { self: { href: "/api/v2/members/m", type: "application/json" } }, _id: "m", role: "writer", email: "m@x" },
        key: { hash: "h", displayKey: "abcd" },
        previousKeys: [],
        comments: [],
      },
    ],
  };

  it("turns a response that breaks the spec into a 500 naming the field", async () => {
    const emu = await startEmulator({ store: new MemoryStore(corrupt) });
    try {
      const reply = await call(emu.url, "GET", `${CONFIGS}/0123456789abcdef01234567`);
      expect(reply.status).toBe(500);
      expect(reply.body.code).toBe("response_validation_failed");
      expect(reply.body.message).toContain("name");
    } finally {
      await emu.close();
    }
  });

  it("sends it unchanged when validation is off", async () => {
    const emu = await startEmulator({ store: new MemoryStore(corrupt), validateResponses: false });
    try {
      const reply = await call(emu.url, "GET", `${CONFIGS}/0123456789abcdef01234567`);
      expect(reply.status).toBe(200);
      expect(reply.body.name).toBe(42);
    } finally {
      await emu.close();
    }
  });
});

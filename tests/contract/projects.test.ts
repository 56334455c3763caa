// Contract: the read-only account endpoints (`GET /api/v2/projects`, `GET /api/v2/projects/{projectKey}/environments`)
// against LaunchDarkly's official schemas: every answer validated by contract(), pagination with limit and
// offset, expand=environments, reader tokens, 404 for an unknown project, 400 naming a bad parameter.

import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_ACCOUNT } from "../../emulator/account";
import { startEmulator, type TestEmulator } from "../emulator/support/client";
import { contract } from "./support/spec";

const PROJECTS = "/api/v2/projects";
const READER = "contract-reader-token";
const WRITER = "contract-writer-token";

describe("projects and environments (contract)", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ tokens: [{ token: WRITER, role: "writer" }, { token: READER, role: "reader" }] });
  });
  afterAll(async () => {
    await emu.close();
  });

  it("lists the default account's projects with their tags, without environments unless expanded", async () => {
    const reply = await contract(emu.url, "GET", PROJECTS, { token: READER });
    expect(reply.status).toBe(200);
    expect(reply.body.totalCount).toBe(DEFAULT_ACCOUNT.projects.length);
    expect(reply.body.items.map((p: { key: string }) => p.key)).toEqual(DEFAULT_ACCOUNT.projects.map((p) => p.key));
    expect(reply.body.items[0].tags).toEqual(DEFAULT_ACCOUNT.projects[0].tags);
    expect(reply.body.items[0]._id).toMatch(/^[0-9a-f]{24}$/);
    expect(reply.body.items[0].environments).toBeUndefined();
  });

  it("expands environments with ids, SDK and mobile keys, tags and critical", async () => {
    const reply = await contract(emu.url, "GET", `${PROJECTS}?expand=environments`, { token: WRITER });
    const internal = reply.body.items.find((p: { key: string }) => p.key === "internal");
    const production = internal.environments.items.find((e: { key: string }) => e.key === "production");
    expect(production).toMatchObject({ key: "production", critical: true, tags: ["restricted"] });
    expect(production._id).toMatch(/^[0-9a-f]{24}$/);
    expect(production.apiKey).toMatch(/^sdk-[0-9a-f-]{36}$/);
    expect(production.mobileKey).toMatch(/^mob-[0-9a-f-]{36}$/);
    expect(internal.environments.totalCount).toBe(3);
  });

  it("pages projects with limit and offset, with a next link while more remain", async () => {
    const first = await contract(emu.url, "GET", `${PROJECTS}?limit=2`, { token: READER });
    const second = await contract(emu.url, "GET", `${PROJECTS}?limit=2&offset=2`, { token: READER });
    expect(first.body.items).toHaveLength(2);
    expect(first.body._links.next.href).toBe(`${PROJECTS}?limit=2&offset=2`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body._links.next).toBeUndefined();
    expect([...first.body.items, ...second.body.items].map((p: { key: string }) => p.key)).toEqual(["web", "mobile", "internal"]);
    expect((await contract(emu.url, "GET", `${PROJECTS}?offset=10`, { token: READER })).body.items).toEqual([]);
  });

  it("lists and pages a project's environments", async () => {
    const all = await contract(emu.url, "GET", `${PROJECTS}/web/environments`, { token: READER });
    expect(all.body.items.map((e: { key: string }) => e.key)).toEqual(["production", "staging", "test"]);
    expect(all.body.totalCount).toBe(3);
    const page = await contract(emu.url, "GET", `${PROJECTS}/web/environments?limit=1&offset=1`, { token: READER });
    expect(page.body.items.map((e: { key: string }) => e.key)).toEqual(["staging"]);
  });

  it("answers 404 for an unknown project", async () => {
    const reply = await contract(emu.url, "GET", `${PROJECTS}/nope/environments`, { token: READER });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe("not_found");
  });

  it.each([
    [`${PROJECTS}?limit=0`, "limit"],
    [`${PROJECTS}?limit=many`, "limit"],
    [`${PROJECTS}?offset=-1`, "offset"],
    [`${PROJECTS}?filter=query:web`, "filter"],
    [`${PROJECTS}/web/environments?limit=5000`, "limit"],
  ])("answers 400 naming the parameter: %s", async (url, name) => {
    const reply = await contract(emu.url, "GET", url, { token: READER });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain(name);
  });

  it.each([
    ["no token", null, 401],
    ["a wrong token", "wrong", 401],
  ])("answers %s with %i", async (_title, token, status) => {
    expect((await contract(emu.url, "GET", PROJECTS, { token })).status).toBe(status);
  });

  it("refuses writes with 405", async () => {
    expect((await contract(emu.url, "POST", `${PROJECTS}/web/environments`, { token: WRITER, body: {} })).status).toBe(405);
  });
});

describe("the bundled spec files", () => {
  const shared = path.join(__dirname, "../../../shared/spec");
  it.each(["launchdarkly-relay-openapi.json", "launchdarkly-projects-openapi.json"])("%s is the same as ../shared/spec's", (file) => {
    expect(fs.existsSync(shared)).toBe(true);
    expect(fs.readFileSync(path.join(__dirname, "../../emulator/spec", file), "utf8")).toBe(fs.readFileSync(path.join(shared, file), "utf8"));
  });
});

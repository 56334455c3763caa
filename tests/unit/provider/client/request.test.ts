// Tests for provider/client/request.ts: endpoint parsing, URLs, bodies and headers.

import {
  LD_API_VERSION,
  apiEndpoint,
  createRequest,
  deleteRequest,
  getRequest,
  listRequest,
  patchRequest,
  requestHeaders,
  resetRequest,
  userAgent,
} from "../../../../provider/client/request";
import { fakeApiToken } from "../../../support/fake-secrets";

const ID = "0123456789abcdef01234567";
const BASE = "https://app.launchdarkly.com";
const COLLECTION = `${BASE}/api/v2/account/relay-auto-configs`;

describe("apiEndpoint", () => {
  it.each([
    ["https://app.launchdarkly.com", BASE, BASE],
    ["https://app.launchdarkly.com/", BASE, BASE],
    ["https://app.launchdarkly.com///", BASE, BASE],
    ["  https://app.launchdarkly.us  ", "https://app.launchdarkly.us", "https://app.launchdarkly.us"],
    ["http://127.0.0.1:8765", "http://127.0.0.1:8765", "http://127.0.0.1:8765"],
    ["http://localhost:8765/", "http://localhost:8765", "http://localhost:8765"],
    ["http://[::1]:8765", "http://[::1]:8765", "http://[::1]:8765"],
    ["https://proxy.example.com/launchdarkly/", "https://proxy.example.com/launchdarkly", "https://proxy.example.com"],
    ["app.launchdarkly.com", BASE, BASE],
  ])("%s → base %s", (input, base, origin) => {
    expect(apiEndpoint(input)).toEqual({ base, origin });
  });

  it.each([
    "ftp://app.launchdarkly.com",
    "",
    "https://user:pw@app.launchdarkly.com",
    "https://x.com/?a=1",
  ])(
    "rejects %j",
    (input) => {
      expect(() => apiEndpoint(input)).toThrow(/is not a host/);
    },
  );

  it("refuses plain http to a remote host (the token would travel in clear text)", () => {
    expect(() => apiEndpoint("http://app.launchdarkly.com")).toThrow(/plain http/);
  });
});

describe("requests", () => {
  it("list", () => {
    expect(listRequest(BASE)).toEqual({ operation: "list", method: "GET", url: COLLECTION, guarded: false });
  });

  it("get and delete address the item, encoding the id", () => {
    expect(getRequest(BASE, ID).url).toBe(`${COLLECTION}/${ID}`);
    expect(deleteRequest(BASE, "a/b").url).toBe(`${COLLECTION}/a%2Fb`);
    expect(deleteRequest(BASE, ID)).toMatchObject({ operation: "delete", method: "DELETE" });
  });

  it.each(["", "  "])("rejects the id %j", (id) => {
    expect(() => getRequest(BASE, id)).toThrow(/relay config id must be a non-empty string/);
  });

  it("create sends only name and policy", () => {
    const policy = [{ effect: "allow" as const, resources: ["proj/*:env/*"], actions: ["*"] }];
    const extra = { name: "edge", policy, fullKey: "rel-should-not-be-sent" };
    expect(createRequest(BASE, extra)).toEqual({
      operation: "create",
      method: "POST",
      url: COLLECTION,
      body: { name: "edge", policy },
      guarded: false,
    });
  });

  it("patch wraps ops with the comment and is guarded only with a test op", () => {
    const replace = { op: "replace" as const, path: "/name", value: "new" };
    const test = { op: "test" as const, path: "/name", value: "old" };
    expect(patchRequest(BASE, ID, [replace], "rename")).toEqual({
      operation: "update",
      method: "PATCH",
      url: `${COLLECTION}/${ID}`,
      body: { patch: [replace], comment: "rename" },
      guarded: false,
    });
    expect(patchRequest(BASE, ID, [test, replace]).body).toEqual({ patch: [test, replace] });
    expect(patchRequest(BASE, ID, [test, replace], "").body).toEqual({ patch: [test, replace] });
    expect(patchRequest(BASE, ID, [test, replace]).guarded).toBe(true);
  });

  it.each([
    [undefined, `${COLLECTION}/${ID}/reset`],
    [1774440000000, `${COLLECTION}/${ID}/reset?expiry=1774440000000`],
    [1774440000000.6, `${COLLECTION}/${ID}/reset?expiry=1774440000001`],
    [0, `${COLLECTION}/${ID}/reset?expiry=0`],
  ])("reset with expiry %p", (expiry, url) => {
    expect(resetRequest(BASE, ID, expiry)).toEqual({ operation: "reset", method: "POST", url, guarded: false });
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("reset rejects expiry %p", (expiry) => {
    expect(() => resetRequest(BASE, ID, expiry)).toThrow(RangeError);
  });
});

describe("headers", () => {
  it("sends the token as-is, without a scheme word", () => {
    const headers = requestHeaders(fakeApiToken("3"));
    expect(headers).toEqual({
      Authorization: fakeApiToken("3"),
      "LD-API-Version": LD_API_VERSION,
      "User-Agent": userAgent(),
      "Content-Type": "application/json",
      Accept: "application/json",
    });
    expect(LD_API_VERSION).toBe("20240415");
  });

  it("sends an OAuth token as Bearer", () => {
    expect(requestHeaders(fakeApiToken("3"), "oauth").Authorization).toBe(`Bearer ${fakeApiToken("3")}`);
  });

  it("names the package and its version in the user agent", () => {
     
    const { version } = require("../../../../package.json") as { version: string };
    expect(userAgent()).toBe(`pulumi-launchdarkly-relay/${version}`);
  });
});

// Tests for provider/settings.ts: api host presets and URL normalization, bad hosts, the access token from
// stack config or environment (config wins), the request timeout, resolveReach, and that no message ever carries
// the token.

import {
  API_HOST_PRESETS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  resolveApiHost,
  resolveSettings,
} from "../../../provider/settings";
import { fakeApiToken } from "../../support/fake-secrets";

const TOKEN = fakeApiToken("2");
const ENV_TOKEN = "api-env-99999999-8888-7777-6666-555555555555";

/** A config getter over a plain map of `launchdarkly:*` keys. */
const config =
  (map: Record<string, string | undefined>) =>
  (key: string): string | undefined =>
    map[key];

describe("resolveApiHost", () => {
  it.each<[string, string]>([
    ["commercial", "https://app.launchdarkly.com"],
    ["eu", "https://app.eu.launchdarkly.com"],
    ["federal", "https://app.launchdarkly.us"],
    [" EU ", "https://app.eu.launchdarkly.com"],
    ["Federal", "https://app.launchdarkly.us"],
    ["https://app.launchdarkly.com", "https://app.launchdarkly.com"],
    ["https://app.launchdarkly.com/", "https://app.launchdarkly.com"],
    ["HTTPS://App.LaunchDarkly.COM/", "https://app.launchdarkly.com"],
    ["https://app.launchdarkly.com:443", "https://app.launchdarkly.com"],
    ["https://ld.internal.example:8443/", "https://ld.internal.example:8443"],
    ["  https://app.launchdarkly.com  ", "https://app.launchdarkly.com"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
    ["http://localhost:8080/", "http://localhost:8080"],
    ["http://[::1]:8080", "http://[::1]:8080"],
  ])("%p → %p", (input, expected) => {
    expect(resolveApiHost(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ["no scheme", "app.launchdarkly.com"],
    ["other scheme", "ftp://app.launchdarkly.com"],
    ["a path", "https://app.launchdarkly.com/api/v2"],
    ["a query", "https://app.launchdarkly.com/?x=1"],
    ["credentials", "https://user:pw@app.launchdarkly.com"],
    ["an unknown preset", "staging"],
    ["empty", ""],
    ["whitespace in the host", "https://app launchdarkly.com"],
  ])("refuses %s (%p)", (_title, input) => {
    expect(resolveApiHost(input)).toBeUndefined();
  });

  it("has exactly the three presets", () => {
    expect(Object.keys(API_HOST_PRESETS).sort()).toEqual(["commercial", "eu", "federal"]);
  });
});

describe("resolveSettings: api host", () => {
  it.each<[string, Record<string, string>, Record<string, string>, string]>([
    ["defaults to commercial", {}, {}, "https://app.launchdarkly.com"],
    ["preset from config", { "launchdarkly:apiHost": "eu" }, {}, "https://app.eu.launchdarkly.com"],
    ["preset from env", {}, { LAUNCHDARKLY_API_HOST: "federal" }, "https://app.launchdarkly.us"],
    ["config beats env", { "launchdarkly:apiHost": "eu" }, { LAUNCHDARKLY_API_HOST: "federal" }, "https://app.eu.launchdarkly.com"],
    ["empty config falls back to env", { "launchdarkly:apiHost": "" }, { LAUNCHDARKLY_API_HOST: "federal" }, "https://app.launchdarkly.us"],
    ["blank config falls back to env", { "launchdarkly:apiHost": "  " }, { LAUNCHDARKLY_API_HOST: "federal" }, "https://app.launchdarkly.us"],
    ["empty env means default", {}, { LAUNCHDARKLY_API_HOST: "" }, "https://app.launchdarkly.com"],
    ["URL normalized to its origin", { "launchdarkly:apiHost": "https://App.LaunchDarkly.com/" }, {}, "https://app.launchdarkly.com"],
    ["local emulator", { "launchdarkly:apiHost": "http://127.0.0.1:4010" }, {}, "http://127.0.0.1:4010"],
  ])("%s", (_title, map, env, expected) => {
    const { settings, failures } = resolveSettings(config({ "launchdarkly:accessToken": TOKEN, ...map }), env);
    expect(failures).toEqual([]);
    expect(settings.apiHost).toBe(expected);
  });

  it.each<[string, string, RegExp]>([
    ["not a URL", "app.launchdarkly.com", /is not a URL .* or one of the presets commercial, eu, federal/],
    ["ftp", "ftp://app.launchdarkly.com", /is not a URL/],
    ["a path", "https://app.launchdarkly.com/api", /is not a URL/],
    ["unknown preset", "us", /"us" is not a URL/],
    // The client refuses to send the token over plain http to another machine; say so at preview, not at create.
    ["plain http to another machine", "http://ld.example.com", /plain http.*https:\/\//],
    ["plain http to a LAN address", "http://10.0.0.5:8080", /plain http/],
  ])("bad host (%s) is one failure on launchdarkly:apiHost", (_title, host, reason) => {
    const { failures } = resolveSettings(config({ "launchdarkly:accessToken": TOKEN, "launchdarkly:apiHost": host }), {});
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe("launchdarkly:apiHost");
    expect(failures[0].reason).toMatch(reason);
    expect(failures[0].reason.includes(TOKEN)).toBe(false);
  });
});

describe("resolveSettings: access token", () => {
  it.each<[string, Record<string, string>, Record<string, string>, string]>([
    ["from config", { "launchdarkly:accessToken": TOKEN }, {}, TOKEN],
    ["from env", {}, { LAUNCHDARKLY_ACCESS_TOKEN: ENV_TOKEN }, ENV_TOKEN],
    ["config beats env", { "launchdarkly:accessToken": TOKEN }, { LAUNCHDARKLY_ACCESS_TOKEN: ENV_TOKEN }, TOKEN],
    ["empty config falls back to env", { "launchdarkly:accessToken": "" }, { LAUNCHDARKLY_ACCESS_TOKEN: ENV_TOKEN }, ENV_TOKEN],
    ["blank config falls back to env", { "launchdarkly:accessToken": " \n" }, { LAUNCHDARKLY_ACCESS_TOKEN: ENV_TOKEN }, ENV_TOKEN],
    ["surrounding whitespace trimmed", { "launchdarkly:accessToken": `  ${TOKEN}\n` }, {}, TOKEN],
  ])("%s", (_title, map, env, expected) => {
    const { settings, failures } = resolveSettings(config(map), env);
    expect(failures).toEqual([]);
    expect(settings.token === expected).toBe(true);
  });

  it.each<[string, Record<string, string>, Record<string, string>]>([
    ["nowhere", {}, {}],
    ["empty in both", { "launchdarkly:accessToken": "" }, { LAUNCHDARKLY_ACCESS_TOKEN: "" }],
    ["blank in both", { "launchdarkly:accessToken": "  " }, { LAUNCHDARKLY_ACCESS_TOKEN: " " }],
  ])("missing (%s): one failure naming the config key and the env var", (_title, map, env) => {
    const { settings, failures } = resolveSettings(config(map), env);
    expect(settings.token).toBeUndefined();
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe("launchdarkly:accessToken");
    expect(failures[0].reason).toContain("launchdarkly:accessToken");
    expect(failures[0].reason).toContain("LAUNCHDARKLY_ACCESS_TOKEN");
    expect(failures[0].reason).toMatch(/--secret/);
  });

  it("reports every settings problem at once, and no failure carries the token", () => {
    const env = { LAUNCHDARKLY_ACCESS_TOKEN: ENV_TOKEN };
    const map = { "launchdarkly:apiHost": `https://${TOKEN}.example/x`, "launchdarkly:requestTimeout": "soon" };
    const { failures } = resolveSettings(config(map), env);
    expect(failures.map((f) => f.property)).toEqual(["launchdarkly:apiHost", "launchdarkly:requestTimeout"]);
    for (const f of failures) expect(f.reason.includes(ENV_TOKEN)).toBe(false);
  });

  it("reads the environment only through its argument", () => {
    const saved = process.env.LAUNCHDARKLY_ACCESS_TOKEN;
    process.env.LAUNCHDARKLY_ACCESS_TOKEN = ENV_TOKEN;
    try {
      expect(resolveSettings(config({}), {}).settings.token).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.LAUNCHDARKLY_ACCESS_TOKEN;
      else process.env.LAUNCHDARKLY_ACCESS_TOKEN = saved;
    }
  });
});

describe("resolveSettings: request timeout", () => {
  const base = { "launchdarkly:accessToken": TOKEN };

  it.each<[string, Record<string, string>, Record<string, string>, number]>([
    ["default", {}, {}, DEFAULT_REQUEST_TIMEOUT_MS],
    ["seconds", { "launchdarkly:requestTimeout": "10s" }, {}, 10_000],
    ["milliseconds as text", { "launchdarkly:requestTimeout": "2500" }, {}, 2500],
    ["minutes", { "launchdarkly:requestTimeout": "2m" }, {}, 120_000],
    ["the maximum, 10 minutes", { "launchdarkly:requestTimeout": "10m" }, {}, 600_000],
    ["from env", {}, { LAUNCHDARKLY_REQUEST_TIMEOUT: "45s" }, 45_000],
    ["config beats env", { "launchdarkly:requestTimeout": "5s" }, { LAUNCHDARKLY_REQUEST_TIMEOUT: "45s" }, 5000],
  ])("%s", (_title, map, env, expected) => {
    const { settings, failures } = resolveSettings(config({ ...base, ...map }), env);
    expect(failures).toEqual([]);
    expect(settings.timeoutMs).toBe(expected);
  });

  it.each<[string]>([["0"], ["0s"], ["-5s"], ["11m"], ["soon"], ["1.5"], ["30 parsecs"]])("refuses %p", (value) => {
    const { settings, failures } = resolveSettings(config({ ...base, "launchdarkly:requestTimeout": value }), {});
    expect(failures).toEqual([{ property: "launchdarkly:requestTimeout", reason: expect.stringMatching(/is not a positive duration/) }]);
    expect(settings.timeoutMs).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
  });
});

describe("resolveSettings: resolveReach", () => {
  const base = { "launchdarkly:accessToken": TOKEN };

  it.each<[string, Record<string, string>, Record<string, string>, boolean]>([
    ["on by default", {}, {}, true],
    ["off from stack config", { "launchdarkly:resolveReach": "false" }, {}, false],
    ["off from env", {}, { LAUNCHDARKLY_RESOLVE_REACH: "false" }, false],
    ["config beats env", { "launchdarkly:resolveReach": "true" }, { LAUNCHDARKLY_RESOLVE_REACH: "false" }, true],
    ["case and spaces", { "launchdarkly:resolveReach": " FALSE " }, {}, false],
  ])("%s", (_title, map, env, expected) => {
    const { settings, failures } = resolveSettings(config({ ...base, ...map }), env);
    expect(failures).toEqual([]);
    expect(settings.resolveReach).toBe(expected);
  });

  it.each([["yes"], ["0"], ["off"]])("refuses %p, naming the setting", (value) => {
    const { failures } = resolveSettings(config({ ...base, "launchdarkly:resolveReach": value }), {});
    expect(failures).toEqual([{ property: "launchdarkly:resolveReach", reason: expect.stringMatching(/is not a boolean: use true or false/) }]);
  });
});

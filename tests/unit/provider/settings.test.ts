// Tests for provider/settings.ts: api host presets, URLs and bare hosts, bad hosts, the access or OAuth token
// from stack config or environment (config wins, never both), the request timeout in either form, the
// concurrency and retry settings, resolveReach, and that no message ever carries the token.

import {
  API_HOST_PRESETS,
  checkApiHost,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_RETRY_BASE_MS,
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
    // A bare host means https, as in LaunchDarkly's Terraform provider (`api_host = "app.launchdarkly.com"`).
    ["app.launchdarkly.com", "https://app.launchdarkly.com"],
    ["app.eu.launchdarkly.com:443", "https://app.eu.launchdarkly.com"],
    ["127.0.0.1:8443", "https://127.0.0.1:8443"],
    ["localhost:8443", "https://localhost:8443"],
    // A path prefix is kept (a proxy serving the API under a path), trailing slashes dropped.
    ["https://proxy.example.com/launchdarkly/", "https://proxy.example.com/launchdarkly"],
    ["https://app.launchdarkly.com///", "https://app.launchdarkly.com"],
  ])("%p → %p", (input, expected) => {
    expect(resolveApiHost(input)).toBe(expected);
  });

  it.each<[string, string]>([
    ["other scheme", "ftp://app.launchdarkly.com"],
    ["a fragment", "https://app.launchdarkly.com/#x"],
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
    ["bare host from env, as Terraform users set it", {}, { LAUNCHDARKLY_API_HOST: "app.launchdarkly.com" }, "https://app.launchdarkly.com"],
  ])("%s", (_title, map, env, expected) => {
    const { settings, failures } = resolveSettings(config({ "launchdarkly:accessToken": TOKEN, ...map }), env);
    expect(failures).toEqual([]);
    expect(settings.apiHost).toBe(expected);
  });

  it.each<[string, string, RegExp]>([
    ["not a host", "app launchdarkly", /is not a host .* a URL .* or one of the presets commercial, eu, federal/],
    ["ftp", "ftp://app.launchdarkly.com", /is not a host/],
    ["a query", "https://app.launchdarkly.com/?x=1", /is not a host/],
    ["unknown preset", "us", /"us" is not a host/],
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
    const map = { "launchdarkly:apiHost": `ftp://${TOKEN}.example/x`, "launchdarkly:requestTimeout": "soon" };
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

describe("checkApiHost: the one host rule, shared with the client", () => {
  it("gives the base URL and the origin", () => {
    expect(checkApiHost("https://proxy.example.com/ld/")).toEqual({ ok: true, base: "https://proxy.example.com/ld", origin: "https://proxy.example.com" });
  });

  it("refuses plain http to a bare or remote host, naming https", () => {
    const result = checkApiHost("http://10.0.0.5");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/plain http/);
  });
});

describe("resolveSettings: OAuth token", () => {
  it.each<[string, Record<string, string>, Record<string, string>]>([
    ["from config", { "launchdarkly:oauthToken": TOKEN }, {}],
    ["from env", {}, { LAUNCHDARKLY_OAUTH_TOKEN: TOKEN }],
  ])("%s: the token, of kind oauth", (_title, map, env) => {
    const { settings, failures } = resolveSettings(config(map), env);
    expect(failures).toEqual([]);
    expect(settings.token === TOKEN).toBe(true);
    expect(settings.tokenKind).toBe("oauth");
  });

  it("an access token is of kind access", () => {
    expect(resolveSettings(config({ "launchdarkly:accessToken": TOKEN }), {}).settings.tokenKind).toBe("access");
  });

  it.each<[string, Record<string, string>, Record<string, string>]>([
    ["both in config", { "launchdarkly:accessToken": TOKEN, "launchdarkly:oauthToken": TOKEN }, {}],
    ["access in config, oauth in env", { "launchdarkly:accessToken": TOKEN }, { LAUNCHDARKLY_OAUTH_TOKEN: ENV_TOKEN }],
    ["both in env", {}, { LAUNCHDARKLY_ACCESS_TOKEN: ENV_TOKEN, LAUNCHDARKLY_OAUTH_TOKEN: ENV_TOKEN }],
  ])("refuses both (%s), without echoing either", (_title, map, env) => {
    const { failures } = resolveSettings(config(map), env);
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe("launchdarkly:oauthToken");
    expect(failures[0].reason).toMatch(/set only one/);
    expect(failures[0].reason.includes(TOKEN) || failures[0].reason.includes(ENV_TOKEN)).toBe(false);
  });
});

describe("resolveSettings: httpTimeout (seconds, as Terraform's http_timeout)", () => {
  const base = { "launchdarkly:accessToken": TOKEN };

  it.each<[string, Record<string, string>, Record<string, string>, number]>([
    ["from config", { "launchdarkly:httpTimeout": "20" }, {}, 20_000],
    ["from env", {}, { LAUNCHDARKLY_HTTP_TIMEOUT: "5" }, 5000],
    ["the maximum", { "launchdarkly:httpTimeout": "600" }, {}, 600_000],
  ])("%s", (_title, map, env, expected) => {
    const { settings, failures } = resolveSettings(config({ ...base, ...map }), env);
    expect(failures).toEqual([]);
    expect(settings.timeoutMs).toBe(expected);
  });

  it.each([["0"], ["601"], ["1.5"], ["20s"], ["soon"]])("refuses %p", (value) => {
    const { settings, failures } = resolveSettings(config({ ...base, "launchdarkly:httpTimeout": value }), {});
    expect(failures).toEqual([{ property: "launchdarkly:httpTimeout", reason: expect.stringMatching(/whole number of seconds from 1 to 600/) }]);
    expect(settings.timeoutMs).toBe(DEFAULT_REQUEST_TIMEOUT_MS);
  });

  it("refuses both timeout settings at once", () => {
    const { failures } = resolveSettings(config({ ...base, "launchdarkly:httpTimeout": "20", "launchdarkly:requestTimeout": "20s" }), {});
    expect(failures).toEqual([{ property: "launchdarkly:httpTimeout", reason: expect.stringMatching(/set only one/) }]);
  });
});

describe("resolveSettings: maxConcurrency and retryBaseMs", () => {
  const base = { "launchdarkly:accessToken": TOKEN };

  it("defaults", () => {
    const { settings } = resolveSettings(config(base), {});
    expect(settings.maxConcurrency).toBe(DEFAULT_MAX_CONCURRENCY);
    expect(settings.retryBaseMs).toBe(DEFAULT_RETRY_BASE_MS);
  });

  it("reads both from config or env", () => {
    const { settings, failures } = resolveSettings(config({ ...base, "launchdarkly:maxConcurrency": "16" }), { LAUNCHDARKLY_RETRY_BASE_MS: "5" });
    expect(failures).toEqual([]);
    expect(settings.maxConcurrency).toBe(16);
    expect(settings.retryBaseMs).toBe(5);
  });

  it.each([["0"], ["65"], ["many"], ["2.5"]])("refuses maxConcurrency %p, keeping the default", (value) => {
    const { settings, failures } = resolveSettings(config({ ...base, "launchdarkly:maxConcurrency": value }), {});
    expect(failures).toEqual([{ property: "launchdarkly:maxConcurrency", reason: expect.stringMatching(/whole number from 1 to 64/) }]);
    expect(settings.maxConcurrency).toBe(DEFAULT_MAX_CONCURRENCY);
  });
});

// Tests for provider/clients.ts: the one mapping from settings to client settings, the retry unit (test hook
// over the setting), settings problems thrown at once by `clientFor` and held for `check` by `configureFrom`.
import { clientFor, clientSettings, configureFrom, resetProcessState, retryBaseMs, runtime, settings } from "../../../provider/clients";
import { resolveSettings } from "../../../provider/settings";

const TOKEN = "clients-test-token-0123456789";
const config = (map: Record<string, string>) => (key: string) => map[key];

afterEach(() => {
  resetProcessState();
  delete runtime.baseDelayMs;
});

describe("clientSettings", () => {
  it("carries every resolved setting the client uses", () => {
    const { settings: resolved } = resolveSettings(
      config({ "launchdarkly:oauthToken": TOKEN, "launchdarkly:apiHost": "eu", "launchdarkly:httpTimeout": "7", "launchdarkly:maxConcurrency": "3", "launchdarkly:retryBaseMs": "9" }),
      {},
    );
    expect(clientSettings(resolved)).toEqual({
      apiHost: "https://app.eu.launchdarkly.com",
      token: TOKEN,
      tokenKind: "oauth",
      timeoutMs: 7000,
      maxConcurrent: 3,
      baseDelayMs: 9,
    });
  });
});

describe("clientFor", () => {
  it("builds a client for good settings", () => {
    const { api, settings: resolved } = clientFor(config({ "launchdarkly:accessToken": TOKEN }), {});
    expect(resolved.apiHost).toBe("https://app.launchdarkly.com");
    expect(typeof api.list).toBe("function");
  });

  it("throws every settings problem at once, without the token", () => {
    const map = { "launchdarkly:accessToken": TOKEN, "launchdarkly:apiHost": "ftp://x", "launchdarkly:maxConcurrency": "0" };
    expect(() => clientFor(config(map), {})).toThrow(/apiHost .*; launchdarkly:maxConcurrency/);
    try {
      clientFor(config(map), {});
    } catch (err) {
      expect((err as Error).message).not.toContain(TOKEN);
    }
  });
});

describe("process settings", () => {
  it("keeps the failures for check and the retry unit from the setting, unless the test hook sets it", () => {
    configureFrom(config({ "launchdarkly:retryBaseMs": "25" }));
    expect(settings().failures.map((f) => f.property)).toEqual(["launchdarkly:accessToken"]);
    expect(retryBaseMs()).toBe(25);
    runtime.baseDelayMs = 2;
    expect(retryBaseMs()).toBe(2);
  });
});

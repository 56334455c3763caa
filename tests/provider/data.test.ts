// Tests for provider/data.ts against an in-process emulator: the data sources read the stack's `launchdarkly:*`
// config (credentials through the secret-aware `getSecret`, never `get`), list and get configurations without
// keys, send an OAuth token as `Bearer`, and report a missing config without any secret in the message.
import * as pulumi from "@pulumi/pulumi";
import { start, type RunningEmulator } from "../../emulator/start";
import { getRelayProxyConfiguration, listRelayProxyConfigurations } from "../../provider/data";

const ACCESS = "data-source-access-token-0123456789";
const OAUTH = "data-source-oauth-token-0123456789";
const POLICY = [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }];

let emu: RunningEmulator;
let configId: string;

beforeAll(async () => {
  emu = await start({ tokens: [{ token: ACCESS, role: "writer" }, { token: OAUTH, role: "reader", kind: "oauth" }] });
  const created = await fetch(`${emu.url}/api/v2/account/relay-auto-configs`, {
    method: "POST",
    headers: { Authorization: ACCESS, "Content-Type": "application/json" },
    body: JSON.stringify({ name: "edge", policy: POLICY }),
  });
  configId = ((await created.json()) as { _id: string })._id;
});

afterAll(async () => {
  await emu.close();
  pulumi.runtime.setAllConfig({});
});

/** Sets the stack config as the engine would, the credentials marked secret. */
function stackConfig(values: Record<string, string>): void {
  const secrets = Object.keys(values).filter((k) => /Token$/.test(k));
  pulumi.runtime.setAllConfig(values, secrets);
}

describe("data sources", () => {
  it("list and get with an access token read through getSecret, never get", async () => {
    stackConfig({ "launchdarkly:apiHost": emu.url, "launchdarkly:accessToken": ACCESS });
    const get = jest.spyOn(pulumi.Config.prototype, "get");
    try {
      const listed = await listRelayProxyConfigurations();
      expect(listed.map((c) => c.configId)).toContain(configId);
      const one = await getRelayProxyConfiguration(configId);
      expect(one).toMatchObject({ configId, name: "edge", policy: POLICY });
      expect(JSON.stringify(one)).not.toMatch(/fullKey|rel-/);
      const keysReadPlain = get.mock.calls.map((call) => call[0]).filter((key) => /Token$/.test(key));
      expect(keysReadPlain).toEqual([]);
    } finally {
      get.mockRestore();
    }
  });

  it("sends an OAuth token as Bearer (the emulator accepts it only that way)", async () => {
    stackConfig({ "launchdarkly:apiHost": emu.url, "launchdarkly:oauthToken": OAUTH });
    const listed = await listRelayProxyConfigurations();
    expect(listed.map((c) => c.configId)).toContain(configId);
  });

  it("names a config that does not exist, without any token in the message", async () => {
    stackConfig({ "launchdarkly:apiHost": emu.url, "launchdarkly:accessToken": ACCESS });
    const missing = "0123456789abcdef01234567";
    const error = await getRelayProxyConfiguration(missing).then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(new RegExp(`"${missing}" does not exist`));
    expect(error?.message).not.toContain(ACCESS);
  });

  it("refuses both credentials at once, echoing neither", async () => {
    stackConfig({ "launchdarkly:apiHost": emu.url, "launchdarkly:accessToken": ACCESS, "launchdarkly:oauthToken": OAUTH });
    const error = await listRelayProxyConfigurations().then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(/set only one/);
    expect(error?.message).not.toContain(ACCESS);
    expect(error?.message).not.toContain(OAUTH);
  });
});

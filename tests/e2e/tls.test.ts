// The provider over HTTPS, unchanged: the engine's provider process trusts the emulator's generated
// certificate through NODE_EXTRA_CA_CERTS, exactly as it would trust a private CA in front of LaunchDarkly.
// Then the config keys as LaunchDarkly's Terraform and bridged providers write them: a bare host (https), an
// OAuth token (the emulator accepts it only as `Bearer`), `httpTimeout` in seconds; no command's output says
// that a secret was read as plain text or shows a token.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { start, RunningEmulator } from "../../emulator/start";
import { generateLocalCertificate, writeTrustAnchor } from "../../emulator/tls";
import { createEngineStack, EngineStack } from "./harness";

const TOKEN = "tls-e2e-writer-token-0123456789";
const PROGRAM = `
const { RelayProxyConfiguration } = require("pulumi-launchdarkly-relay");
const relay = new RelayProxyConfiguration("edge", {
  name: "tls-relays",
  policy: [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }],
});
exports.configId = relay.configId;
`;

describe("provider over TLS", () => {
  let emulator: RunningEmulator;
  let env: EngineStack;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "relay-tls-"));
    const tls = await generateLocalCertificate();
    const anchor = writeTrustAnchor(dir, tls);
    emulator = await start({ tls, tokens: [{ token: TOKEN, role: "writer" }] });
    env = await createEngineStack({
      project: "tls",
      files: { "index.js": PROGRAM },
      env: { LAUNCHDARKLY_API_HOST: emulator.url, LAUNCHDARKLY_ACCESS_TOKEN: TOKEN, NODE_EXTRA_CA_CERTS: anchor },
    });
  }, 60000);
  afterAll(async () => {
    await env?.dispose();
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates and destroys a config on an https host", async () => {
    expect(emulator.url.startsWith("https://127.0.0.1:")).toBe(true);
    const up = await env.stack.up({ color: "never" });
    expect(up.summary.result).toBe("succeeded");
    const id = (await env.stack.outputs()).configId.value as string;
    const listed = await new Promise<string>((resolve, reject) => {
      const https = require("https") as typeof import("https");
      https.get(`${emulator.url}/api/v2/account/relay-auto-configs/${id}`, { headers: { Authorization: TOKEN }, ca: fs.readFileSync(path.join(dir, "ca.pem")) }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve(body));
      }).on("error", reject);
    });
    expect(JSON.parse(listed).name).toBe("tls-relays");
    expect((await env.stack.destroy({ color: "never" })).summary.result).toBe("succeeded");
  }, 180000);
});

const OAUTH = "tls-e2e-oauth-token-0123456789";
const DATA_PROGRAM = `
const { RelayProxyConfiguration, listRelayProxyConfigurations } = require("pulumi-launchdarkly-relay");
const relay = new RelayProxyConfiguration("edge", {
  name: "oauth-relays",
  policy: [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }],
});
exports.configId = relay.configId;
exports.listed = listRelayProxyConfigurations().then((all) => all.length);
`;

describe("the LaunchDarkly provider's config keys: bare host, OAuth token, httpTimeout", () => {
  let emulator: RunningEmulator;
  let env: EngineStack;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "relay-oauth-"));
    const tls = await generateLocalCertificate();
    const anchor = writeTrustAnchor(dir, tls);
    emulator = await start({ tls, tokens: [{ token: OAUTH, role: "writer", kind: "oauth" }] });
    env = await createEngineStack({
      project: "oauth",
      files: { "index.js": DATA_PROGRAM },
      env: { NODE_EXTRA_CA_CERTS: anchor },
      config: {
        "launchdarkly:apiHost": { value: emulator.url.replace("https://", "") },
        "launchdarkly:oauthToken": { value: OAUTH, secret: true },
        "launchdarkly:httpTimeout": { value: "20" },
      },
    });
  }, 60000);
  afterAll(async () => {
    await env?.dispose();
    await emulator?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates, reads through a data source, previews and destroys; no secret warning, no token in any output", async () => {
    const outputs: string[] = [];
    const up = await env.stack.up({ color: "never" });
    outputs.push(up.stdout, up.stderr);
    expect(up.summary.result).toBe("succeeded");
    const stackOutputs = await env.stack.outputs();
    expect(stackOutputs.configId.value).toMatch(/^[0-9a-f]{24}$/);
    expect(stackOutputs.listed.value).toBeGreaterThanOrEqual(0);
    const preview = await env.stack.preview({ color: "never", diff: true });
    outputs.push(preview.stdout, preview.stderr);
    expect(preview.changeSummary).toEqual({ same: 2 });
    const destroy = await env.stack.destroy({ color: "never" });
    outputs.push(destroy.stdout, destroy.stderr);
    expect(destroy.summary.result).toBe("succeeded");
    const all = outputs.join("\n");
    expect(all).not.toMatch(/is a secret/i);
    expect(all).not.toContain(OAUTH);
  }, 180000);
});

// Packaging: `npm pack` yields a package that a fresh TypeScript program installs next to @pulumi/pulumi and
// uses against the emulator (LAUNCHDARKLY_API_HOST + LAUNCHDARKLY_ACCESS_TOKEN). Installed under node_modules,
// the provider is stored in state as a module reference: a few dozen bytes per resource, no code, no secret.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { start, RunningEmulator } from "../../emulator/start";
import { createEngineStack, EngineStack, repoRoot } from "./harness";

const TOKEN = "packaging-writer-token-0123456789";
const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { RelayProxyConfiguration, rotationWindow } from "pulumi-launchdarkly-relay";

const relay = new RelayProxyConfiguration("edge", {
  name: "packaged-relays",
  policy: [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }],
  rotation: { trigger: rotationWindow("30d"), gracePeriod: "1h" },
});
export const configId = relay.configId;
export const displayKey = relay.displayKey;
export const fullKey = relay.fullKey;
`;

describe("the npm package in a fresh program", () => {
  let emulator: RunningEmulator;
  let env: EngineStack;
  let packDir: string;

  beforeAll(async () => {
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), "relay-pack-"));
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", packDir], { cwd: repoRoot, encoding: "utf8" });
    const [{ filename, files }] = JSON.parse(out.slice(out.indexOf("[")));
    const shipped = (files as { path: string }[]).map((f) => f.path);
    expect(shipped).toContain("dist/provider/provider.js");
    expect(shipped.some((p) => p.startsWith("emulator/") || p.startsWith("tests/") || p.startsWith("dist/emulator/"))).toBe(false);

    emulator = await start({ tokens: [{ token: TOKEN, role: "writer" }], control: true });
    env = await createEngineStack({
      project: "packaged",
      files: { "index.ts": PROGRAM },
      env: { LAUNCHDARKLY_API_HOST: emulator.url, LAUNCHDARKLY_ACCESS_TOKEN: TOKEN },
    });
    // Replace the harness's copy with exactly what npm pack shipped.
    const installed = path.join(env.workDir, "node_modules", "pulumi-launchdarkly-relay");
    fs.rmSync(installed, { recursive: true, force: true });
    fs.mkdirSync(installed);
    execFileSync("tar", ["-xzf", path.join(packDir, filename), "-C", installed, "--strip-components=1"]);
  }, 120000);

  afterAll(async () => {
    await env?.dispose();
    await emulator?.close();
    fs.rmSync(packDir, { recursive: true, force: true });
  });

  it("goes up and down, with the provider stored as a small module reference", async () => {
    const up = await env.stack.up({ color: "never" });
    expect(up.summary.result).toBe("succeeded");
    const outputs = await env.stack.outputs();
    expect(outputs.fullKey.secret).toBe(true);
    expect(outputs.displayKey.value).toBe((outputs.fullKey.value as string).slice(-4));

    const state = JSON.parse(fs.readFileSync(env.stateFile(), "utf8"));
    const relay = state.checkpoint.latest.resources.find((r: { type: string }) => r.type.endsWith(":RelayProxyConfiguration"));
    const serialized: string = relay.inputs.__provider;
    expect(serialized).toContain('require("pulumi-launchdarkly-relay/dist/provider/provider');
    expect(serialized.length).toBeLessThan(1024);

    const preview = await env.stack.preview({ color: "never" });
    expect(preview.changeSummary.update ?? 0).toBe(0);
    const destroyed = await env.stack.destroy({ color: "never" });
    expect(destroyed.summary.result).toBe("succeeded");
    const left = await fetch(`${emulator.url}/api/v2/account/relay-auto-configs`, { headers: { Authorization: TOKEN } });
    expect(((await left.json()) as { items: unknown[] }).items).toEqual([]);
  }, 180000);
});

// The examples through the real engine, each against its own in-process emulator: every example under examples/
// (except real-launchdarkly, which needs a LaunchDarkly account) goes up, is checked in the emulator, passes the
// policy pack, changes where the example says it can, and is destroyed. Also: the examples and the demo program
// type-check against the package's published types. (That every README code block is exercised or marked
// illustrative is checked in the fast lane: tests/unit/readme.test.ts.)
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { start, RunningEmulator } from "../../emulator/start";
import { createEngineStack, EngineStack, repoRoot } from "./harness";
import { CONFIGS_PATH, emulatorClient } from "../../scripts/emulator-client";

const TOKEN = "examples-writer-token-0123456789";
const BASE = CONFIGS_PATH;
const RUN_EXAMPLES = ["basic", "per-environment", "fleet", "rotation", "import"];
const ALL_EXAMPLES = [...RUN_EXAMPLES, "real-launchdarkly"];
const HOUR = 60 * 60 * 1000;

/** A config as the emulator's control API shows it (no keys). */
interface EmulatedConfig {
  _id: string;
  name: string;
  policy: unknown[];
  displayKey: string;
  comments: unknown[];
  previousKeys: { displayKey: string; expiry: number }[];
}

/** One example's emulator and stack. */
interface ExampleRun {
  emulator: RunningEmulator;
  env: EngineStack;
  api(method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: any }>;
  control(method: string, controlPath: string, body?: unknown): Promise<any>;
  configs(): Promise<EmulatedConfig[]>;
  /** `METHOD path` of each relay-config API request since the last clearLog() (not the account listing behind reach). */
  requests(): Promise<string[]>;
  clearLog(): Promise<void>;
  relayStatus(key: string): Promise<number>;
  /** All engine output so far (checked for leaked secrets). */
  transcript: string[];
  dispose(): Promise<void>;
}

interface ExampleOptions {
  /** Stack config of the example. */
  config?: Record<string, { value: string; secret?: boolean }>;
  /** Provider settings as stack config (`launchdarkly:*`) instead of the environment. */
  settingsInConfig?: boolean;
}

async function startExample(example: string, opts: ExampleOptions = {}): Promise<ExampleRun> {
  const emulator = await start({
    control: true,
    validateResponses: true,
    tokens: [{ token: TOKEN, role: "writer", email: "platform@example.com" }],
  });
  const settingsConfig: Record<string, { value: string; secret?: boolean }> = opts.settingsInConfig
    ? { "launchdarkly:apiHost": { value: emulator.url }, "launchdarkly:accessToken": { value: TOKEN, secret: true } }
    : {};
  const settingsEnv: Record<string, string> = opts.settingsInConfig
    ? {}
    : { LAUNCHDARKLY_API_HOST: emulator.url, LAUNCHDARKLY_ACCESS_TOKEN: TOKEN };
  let env: EngineStack;
  try {
    env = await createEngineStack({
      project: `relay-example-${example}`,
      programDir: path.join(repoRoot, "examples", example),
      env: { ...settingsEnv, LAUNCHDARKLY_RETRY_BASE_MS: "20" },
      config: { ...settingsConfig, ...(opts.config ?? {}) },
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const client = emulatorClient(emulator.url, TOKEN);

  return {
    emulator,
    env,
    api: (method, p, body) => client.api(method, p, body),
    control: client.control,
    configs: client.configs,
    // The relay-config requests (the one account listing per command, behind reach, is not one of them).
    requests: async () => (await client.log(BASE)).map((e) => `${e.method} ${e.path.replace(/\?.*$/, "")}`),
    clearLog: client.clearLog,
    relayStatus: client.relayStatus,
    transcript: [],
    dispose: async () => {
      try {
        await env.dispose();
      } finally {
        await emulator.close();
      }
    },
  };
}

/** `pulumi up` through the Automation API, keeping the output for the secret checks. */
async function up(run: ExampleRun) {
  const result = await run.env.stack.up({ color: "never" });
  run.transcript.push(result.stdout, result.stderr);
  expect(result.summary.result).toBe("succeeded");
  return result;
}

/** A preview with the repository's policy pack must pass: the examples follow the guardrails. */
async function expectPolicyPackPasses(run: ExampleRun) {
  const result = await run.env.cli(["preview", "--policy-pack", path.join(repoRoot, "policy-pack")]);
  run.transcript.push(result.stdout, result.stderr);
  if (result.code !== 0) throw new Error(`preview with the policy pack failed:\n${result.stdout}\n${result.stderr}`);
  expect(result.stdout).not.toContain("[mandatory]");
}

/** No token or key in plaintext in the state file or in anything the engine printed. Booleans only. */
function expectNoSecretsLeaked(run: ExampleRun, keys: string[]) {
  const state = fs.readFileSync(run.env.stateFile(), "utf8");
  const printed = run.transcript.join("\n");
  for (const secret of [TOKEN, ...keys]) {
    expect(state.includes(secret)).toBe(false);
    expect(printed.includes(secret)).toBe(false);
  }
}

/** The stack output `name` (or its entry `entry`) is stored in state as an encrypted secret. */
function expectSecretOutputInState(run: ExampleRun, name: string, entry?: string) {
  const resources = JSON.parse(fs.readFileSync(run.env.stateFile(), "utf8")).checkpoint.latest.resources;
  const outputs = resources.find((r: { type: string }) => r.type === "pulumi:pulumi:Stack").outputs;
  const value = entry === undefined ? outputs[name] : outputs[name][entry];
  expect(Object.keys(value).sort()).toEqual(["4dabf18193072939515e22adb298388d", "ciphertext"]);
}

async function destroyAndExpectGone(run: ExampleRun, ids: string[]) {
  await run.clearLog();
  const destroyed = await run.env.stack.destroy({ color: "never" });
  run.transcript.push(destroyed.stdout, destroyed.stderr);
  expect(destroyed.summary.result).toBe("succeeded");
  const left = (await run.configs()).map((c) => c._id);
  for (const id of ids) expect(left).not.toContain(id);
  expect((await run.requests()).filter((r) => r.startsWith("DELETE"))).toHaveLength(ids.length);
}

describe("examples type-check", () => {
  it("compiles every example and the demo program against the package's published types", () => {
    const distTypes = path.join(repoRoot, "dist", "provider", "index.d.ts");
    if (!fs.existsSync(distTypes)) throw new Error("dist/ is missing: run 'make build' first");
    const files = [
      ...ALL_EXAMPLES.map((example) => path.join(repoRoot, "examples", example, "index.ts")),
      path.join(repoRoot, "demo", "index.ts"),
    ];
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      lib: ["lib.es2022.d.ts"],
      types: ["node"],
      typeRoots: [path.join(repoRoot, "node_modules", "@types")],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      noEmit: true,
      baseUrl: repoRoot,
      paths: { "pulumi-launchdarkly-relay": [distTypes] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (!d.file || d.start === undefined) return text;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      return `${path.relative(repoRoot, d.file.fileName)}:${line + 1}: ${text}`;
    });
    expect(problems).toEqual([]);
  });

  it.each(ALL_EXAMPLES)("%s is a complete Pulumi project", (example) => {
    const dir = path.join(repoRoot, "examples", example);
    for (const file of ["Pulumi.yaml", "index.ts", "package.json", "README.md"]) {
      expect(fs.existsSync(path.join(dir, file))).toBe(true);
    }
    expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).toContain(`name: relay-example-${example}\n`);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["@pulumi/pulumi", "pulumi-launchdarkly-relay"]);
    // The SDK the repository builds and tests against (a pinned dev dependency; users get a peer range).
    const root = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
    const pinned = root.devDependencies?.["@pulumi/pulumi"] ?? root.dependencies?.["@pulumi/pulumi"];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies["@pulumi/pulumi"]).toBe(pinned);
  });
});

describe("examples/basic", () => {
  let run: ExampleRun;
  beforeAll(async () => {
    // Provider settings from stack config, the token as a secret.
    run = await startExample("basic", { settingsInConfig: true });
  }, 120000);
  afterAll(async () => {
    await run?.dispose();
  });

  it("creates one config with one POST, exports its key as a secret, passes the policy pack and is destroyed", async () => {
    const result = await up(run);
    expect(await run.requests()).toEqual([`POST ${BASE}`]);
    const outputs = result.outputs;
    expect(outputs.relayKey.secret).toBe(true);
    expectSecretOutputInState(run, "relayKey");
    const key = outputs.relayKey.value as string;
    expect(outputs.displayKey.value).toBe(key.slice(-4));
    const [config] = await run.configs();
    expect(config._id).toBe(outputs.configId.value);
    expect(config.name).toBe("web-production-relays");
    expect(config.policy).toEqual([{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }]);
    expect(await run.relayStatus(key)).toBe(200);

    await expectPolicyPackPasses(run);
    expectNoSecretsLeaked(run, [key]);
    await destroyAndExpectGone(run, [config._id]);
    expect(await run.relayStatus(key)).toBe(401);
  }, 240000);
});

describe("examples/per-environment", () => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await startExample("per-environment");
  }, 120000);
  afterAll(async () => {
    await run?.dispose();
  });

  it("creates one config per environment, each scoped to its own environment, and adds one for a new tier", async () => {
    const first = await up(run);
    let configs = await run.configs();
    expect(configs.map((c) => c.name).sort()).toEqual(["web-development-relays", "web-production-relays", "web-staging-relays"]);
    for (const env of ["development", "staging", "production"]) {
      const config = configs.find((c) => c.name === `web-${env}-relays`)!;
      expect(config.policy).toEqual([
        { effect: "allow", resources: [`proj/web:env/${env}`], actions: ["*"] },
        { effect: "deny", notResources: [`proj/web:env/${env}`], actions: ["*"] },
      ]);
      expect(first.outputs.relays.value[env].configId).toBe(config._id);
    }
    const keys = Object.values(first.outputs.relayKeys.value as Record<string, string>);
    for (const env of ["development", "staging", "production"]) expectSecretOutputInState(run, "relayKeys", env);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(await run.relayStatus(key)).toBe(200);
    await expectPolicyPackPasses(run);

    // A new tier from stack config: one create, nothing else touched.
    await run.env.stack.setConfig("environments", { value: JSON.stringify(["development", "staging", "qa", "production"]) });
    const preview = await run.env.stack.preview({ color: "never" });
    expect(preview.changeSummary.create).toBe(1);
    expect(preview.changeSummary.update ?? 0).toBe(0);
    await run.clearLog();
    await up(run);
    expect(await run.requests()).toEqual([`POST ${BASE}`]);
    configs = await run.configs();
    expect(configs.map((c) => c.name)).toContain("web-qa-relays");

    expectNoSecretsLeaked(run, keys);
    await destroyAndExpectGone(run, configs.map((c) => c._id));
    expect(await run.configs()).toEqual([]);
  }, 300000);
});

describe("examples/fleet", () => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await startExample("fleet");
  }, 120000);
  afterAll(async () => {
    await run?.dispose();
  });

  it("creates six entries in one engine step, each scoped to its environment; a new tier creates only its entries", async () => {
    const first = await up(run);
    expect(first.summary.resourceChanges).toEqual({ create: 2 });
    expect((await run.requests()).filter((r) => r.startsWith("POST"))).toHaveLength(6);
    let configs = await run.configs();
    const ids = first.outputs.configIds.value as Record<string, string>;
    for (const product of ["web", "mobile"]) {
      for (const env of ["development", "staging", "production"]) {
        const config = configs.find((c) => c.name === `${product}-${env}-relays`)!;
        expect(config.policy).toEqual([{ effect: "allow", resources: [`proj/${product}:env/${env}`], actions: ["*"] }]);
        expect(ids[`${product}-${env}`]).toBe(config._id);
      }
    }
    expect(first.outputs.relayKeys.secret).toBe(true);
    const keys = Object.values(first.outputs.relayKeys.value as Record<string, string>);
    expect(new Set(keys).size).toBe(6);
    for (const key of keys) expect(await run.relayStatus(key)).toBe(200);
    await expectPolicyPackPasses(run);

    await run.env.stack.setConfig("environments", { value: JSON.stringify(["development", "staging", "qa", "production"]) });
    const preview = await run.env.stack.preview({ color: "never", diff: true });
    expect(preview.changeSummary).toEqual({ same: 1, update: 1 });
    expect(preview.stdout).toContain("web-qa-relays");
    await run.clearLog();
    await up(run);
    expect((await run.requests()).sort()).toEqual([`POST ${BASE}`, `POST ${BASE}`]);
    configs = await run.configs();
    expect(configs.map((c) => c.name)).toEqual(expect.arrayContaining(["web-qa-relays", "mobile-qa-relays"]));

    expectNoSecretsLeaked(run, keys);
    await destroyAndExpectGone(run, configs.map((c) => c._id));
    expect(await run.configs()).toEqual([]);
  }, 300000);
});

describe("examples/rotation", () => {
  let run: ExampleRun;
  beforeAll(async () => {
    run = await startExample("rotation");
  }, 120000);
  afterAll(async () => {
    await run?.dispose();
  });

  it("rotates on an emergency trigger in place; the old key works for the 24h grace period, then stops", async () => {
    const first = await up(run);
    const oldKey = first.outputs.relayKey.value as string;
    const id = first.outputs.configId.value as string;
    expect(await run.relayStatus(oldKey)).toBe(200);
    await expectPolicyPackPasses(run);

    await run.env.stack.setConfig("emergencyRotation", { value: "incident-42" });
    const preview = await run.env.stack.preview({ color: "never", diff: true });
    expect(preview.changeSummary.update).toBe(1);
    expect(preview.stdout).toMatch(/trigger\s*:\s*"window-30d-\d+" => "window-30d-\d+\+incident-42"/);

    await run.clearLog();
    const rotated = await up(run);
    expect(await run.requests()).toEqual([`POST ${BASE}/${id}/reset`]);
    expect(rotated.outputs.configId.value).toBe(id);
    const newKey = rotated.outputs.relayKey.value as string;
    expect(newKey).not.toBe(oldKey);
    expect(rotated.outputs.displayKey.value).toBe(newKey.slice(-4));
    const expiresAt = rotated.outputs.previousKeyExpiresAt.value as number;
    expect(expiresAt - (rotated.outputs.keyRotatedAt.value as number)).toBeGreaterThan(24 * HOUR - 60_000);
    expect(expiresAt - (rotated.outputs.keyRotatedAt.value as number)).toBeLessThanOrEqual(24 * HOUR + 60_000);

    expect(await run.relayStatus(newKey)).toBe(200);
    expect(await run.relayStatus(oldKey)).toBe(200);
    await run.control("POST", "/clock", { advanceMs: 23 * HOUR });
    expect(await run.relayStatus(oldKey)).toBe(200);
    await run.control("POST", "/clock", { advanceMs: HOUR + 2 * 60_000 });
    expect(await run.relayStatus(oldKey)).toBe(401);
    expect(await run.relayStatus(newKey)).toBe(200);
    await run.control("POST", "/clock", { offsetMs: 0 });

    // Nothing left to do: a second up with the same trigger changes nothing.
    const again = await run.env.stack.preview({ color: "never" });
    expect(again.changeSummary.update ?? 0).toBe(0);

    expectNoSecretsLeaked(run, [oldKey, newKey]);
    await destroyAndExpectGone(run, [id]);
  }, 300000);
});

describe("examples/import", () => {
  let run: ExampleRun;
  const sharedPolicy = [{ effect: "allow", resources: ["proj/shared:env/qa"], actions: ["*"] }];

  beforeAll(async () => {
    run = await startExample("import");
  }, 120000);
  afterAll(async () => {
    await run?.dispose();
  });

  it("adopts an existing config by id without creating one, reads another one without managing it", async () => {
    // Made by hand long ago, with another name and a broader policy than the program declares; and one that
    // another team owns, which the example only reads. Their ids go into stack config.
    const created = await run.api("POST", BASE, {
      name: "legacy",
      policy: [{ effect: "allow", resources: ["proj/legacy:env/*"], actions: ["*"] }],
    });
    expect(created.status).toBe(201);
    const legacy = created.body as { _id: string; fullKey: string };
    const shared = (await run.api("POST", BASE, { name: "shared-relays", policy: sharedPolicy })).body as { _id: string; displayKey: string };
    await run.env.stack.setConfig("configId", { value: legacy._id });
    await run.env.stack.setConfig("sharedConfigId", { value: shared._id });

    await run.clearLog();
    const result = await up(run);
    const requests = await run.requests();
    // Adoption: read, guarded PATCH to the declared name and policy, one key reset; never a new config.
    expect(requests).not.toContain(`POST ${BASE}`);
    expect(requests).toContain(`PATCH ${BASE}/${legacy._id}`);
    expect(requests).toContain(`POST ${BASE}/${legacy._id}/reset`);
    expect(requests.filter((r) => r.startsWith("PATCH") || r.startsWith("POST") || r.startsWith("DELETE"))).toHaveLength(2);

    expect(result.outputs.configId.value).toBe(legacy._id);
    const configs = await run.configs();
    expect(configs).toHaveLength(2);
    const adopted = configs.find((c) => c._id === legacy._id)!;
    expect(adopted.name).toBe("legacy-relays");
    expect(adopted.policy).toEqual([{ effect: "allow", resources: ["proj/legacy:env/production"], actions: ["*"] }]);

    // The stack now holds a usable key; the key the relays already had works for the 1h grace period.
    const newKey = result.outputs.relayKey.value as string;
    expect(result.outputs.relayKey.secret).toBe(true);
    expect(await run.relayStatus(newKey)).toBe(200);
    expect(await run.relayStatus(legacy.fullKey)).toBe(200);
    await run.control("POST", "/clock", { advanceMs: HOUR + 60_000 });
    expect(await run.relayStatus(legacy.fullKey)).toBe(401);
    await run.control("POST", "/clock", { offsetMs: 0 });

    // Read-only reference and data sources.
    expect(result.outputs.sharedDisplayKey.value).toBe(shared.displayKey);
    expect(result.outputs.sharedConfig.value).toEqual({ name: "shared-relays", policy: sharedPolicy });
    expect(result.outputs.configCount.value).toBe(2);

    // The next run changes nothing.
    const again = await run.env.stack.preview({ color: "never" });
    expect(again.changeSummary.update ?? 0).toBe(0);
    expect(again.changeSummary.create ?? 0).toBe(0);

    await expectPolicyPackPasses(run);
    expectNoSecretsLeaked(run, [newKey, legacy.fullKey]);

    // Destroy deletes the adopted config and leaves the one that was only read.
    await destroyAndExpectGone(run, [legacy._id]);
    expect((await run.configs()).map((c) => c._id)).toEqual([shared._id]);
  }, 300000);
});

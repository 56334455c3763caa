// Packaging: `npm pack` of the working tree (prepack builds) yields a package that fresh programs install from the
// tarball and the npm registry, with the oldest supported @pulumi/pulumi (the peer range's floor) and with the
// newest the registry serves: one SDK in the tree, the public types compile under strict TypeScript
// (moduleResolution node16 and bundler), and create, update, rotate and destroy run through the pinned engine
// against the emulator, the provider recorded in state as a module reference. The policy pack shipped inside the
// package runs from node_modules with one extra install, and, packed as `pulumi policy publish` packs it and
// installed on its own, rejects the same over-broad configuration.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { start, RunningEmulator } from "../../emulator/start";
import { createEngineStack, EngineStack, repoRoot } from "./harness";
import { extractTarball, installedCopies, newestVersion, npm, npmInstall, packRepository, PackedPackage, tarballEntries } from "./support/npm-package";

const TOKEN = "packaging-writer-token-0123456789";
const PACKAGE = "pulumi-launchdarkly-relay";
/** The module path stacks record as each resource's provider: the package's exports keep it requireable. */
const STATE_MODULE = `${PACKAGE}/dist/provider/provider.js`;
/** The steps the README documents for the policy pack, run here word for word. */
const POLICY_INSTALL = "npm install @pulumi/policy";
const POLICY_PREVIEW = "pulumi preview --policy-pack node_modules/pulumi-launchdarkly-relay/dist/relay-guardrails";
/** The facts the README quotes come from this command's report. */
const DRY_RUN = "npm pack --dry-run --json";

const rootManifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const FLOOR = (rootManifest.peerDependencies["@pulumi/pulumi"] as string).replace(/^\^/, "");

const PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import { RelayProxyConfiguration } from "pulumi-launchdarkly-relay";

const config = new pulumi.Config();
const relay = new RelayProxyConfiguration("edge", {
  name: config.require("relayName"),
  policy: [{ effect: "allow", resources: config.requireObject<string[]>("resources"), actions: ["*"] }],
  rotation: { trigger: config.require("trigger"), gracePeriod: "1h" },
});
export const configId = relay.configId;
export const displayKey = relay.displayKey;
export const fullKey = relay.fullKey;
export const policy = relay.policy;
`;

/** A TypeScript user of the public types, compiled with tsc --noEmit (strict) under both module resolutions. */
const CONSUMER = `
import * as pulumi from "@pulumi/pulumi";
import { getRelayProxyConfiguration, RelayProxyConfiguration, rotationWindow } from "pulumi-launchdarkly-relay";
import type { RelayProxyConfigurationArgs } from "pulumi-launchdarkly-relay";

const args: RelayProxyConfigurationArgs = {
  name: "edge-relays",
  policy: [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }],
  rotation: { trigger: rotationWindow("30d"), gracePeriod: "1h" },
};
const relay = new RelayProxyConfiguration("edge", args);
export const key: pulumi.Output<string | undefined> = relay.fullKey;
export const reach: pulumi.Output<string[] | undefined> = relay.reach;
export const name: Promise<string> = getRelayProxyConfiguration("0123456789abcdef01234567").then((c) => c.name);
`;

/**
 * Outputs hold plain values: no Input<> (an Output or a Promise) anywhere inside what they resolve to. This is what
 * makes provider/resource.ts declare `policy` as `Output<Statement[]>` (the canonical statements LaunchDarkly
 * stores), not `Output<StatementArgs[]>` (the program's input shape, whose fields are Input<>s).
 */
const OUTPUT_TYPES = `
import * as pulumi from "@pulumi/pulumi";
import { RelayProxyConfiguration } from "pulumi-launchdarkly-relay";
import type { Statement } from "pulumi-launchdarkly-relay";

type Wrapped<T> = T extends pulumi.OutputInstance<unknown> | Promise<unknown>
  ? true
  : T extends readonly (infer E)[]
    ? Wrapped<E>
    : T extends object
      ? { [K in keyof T]-?: Wrapped<T[K]> }[keyof T]
      : false;
type OutputValues = {
  [K in keyof RelayProxyConfiguration]: RelayProxyConfiguration[K] extends pulumi.Output<infer V> ? V : never;
}[keyof RelayProxyConfiguration];
export const plain: Wrapped<OutputValues> extends false ? true : never = true;

const relay = new RelayProxyConfiguration("edge", { name: "edge-relays", policy: [{ effect: "allow", resources: ["proj/web:env/test"], actions: ["*"] }] });
export const effects: pulumi.Output<string[]> = relay.policy.apply((statements: Statement[]) => statements.map((s) => s.effect.toUpperCase()));
`;

const TSCONFIGS: Record<string, object> = {
  node16: { module: "node16", moduleResolution: "node16" },
  bundler: { module: "preserve", moduleResolution: "bundler" },
};

/** A fresh program: its stack (harness), the versions it asked for, and what npm installed. */
interface FreshProgram {
  env: EngineStack;
  sdkVersion: string;
}

/** The program's package.json: the tarball, one @pulumi/pulumi, and the TypeScript the consumer check needs. */
function programManifest(name: string, tarball: string, sdkVersion: string): string {
  return JSON.stringify({
    name,
    private: true,
    main: "index.ts",
    dependencies: { [PACKAGE]: `file:${tarball}`, "@pulumi/pulumi": sdkVersion },
    devDependencies: { typescript: rootManifest.devDependencies.typescript, "@types/node": rootManifest.devDependencies["@types/node"] },
  });
}

/** A stack in a fresh directory whose node_modules npm installs from the registry and the tarball alone. */
async function freshProgram(project: string, tarball: string, sdkVersion: string, env: Record<string, string>,
  config: Record<string, { value: string; secret?: boolean }>): Promise<FreshProgram> {
  const stack = await createEngineStack({
    project,
    files: { "index.ts": PROGRAM, "package.json": programManifest(project, tarball, sdkVersion) },
    env,
    config,
  });
  // The harness links the repository's modules in; a user has only what npm installs.
  fs.rmSync(path.join(stack.workDir, "node_modules"), { recursive: true, force: true });
  await npmInstall(stack.workDir);
  return { env: stack, sdkVersion };
}

/** Writes `file` into the program and runs its own tsc on it alone (strict, no emit, library types checked too). */
function compile(workDir: string, mode: string, file: string, text: string): Promise<{ code: number; out: string }> {
  fs.writeFileSync(path.join(workDir, file), text);
  const tsconfig = `tsconfig.${path.basename(file, ".ts")}.${mode}.json`;
  const compilerOptions = { strict: true, noEmit: true, skipLibCheck: false, target: "es2022", types: ["node"], ...TSCONFIGS[mode] };
  fs.writeFileSync(path.join(workDir, tsconfig), JSON.stringify({ compilerOptions, files: [file] }));
  const tsc = path.join(workDir, "node_modules", "typescript", "bin", "tsc");
  return new Promise((resolve) =>
    execFile(process.execPath, [tsc, "-p", tsconfig], { cwd: workDir }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, out: `${stdout}${stderr}` })),
  );
}

/** The combined output of a CLI run. */
async function pulumiCli(env: EngineStack, command: string): Promise<{ code: number; out: string }> {
  const [tool, ...args] = command.split(" ");
  expect(tool).toBe("pulumi");
  const result = await env.cli(args);
  return { code: result.code, out: `${result.stdout}\n${result.stderr}` };
}

describe("the npm package", () => {
  let emulator: RunningEmulator;
  let packDir: string;
  let packed: PackedPackage;
  let newest: string;
  const programs: Record<string, FreshProgram> = {};
  let guarded: EngineStack;

  const api = async (apiPath: string): Promise<any> =>
    (await fetch(`${emulator.url}/api/v2/account/relay-auto-configs${apiPath}`, { headers: { Authorization: TOKEN } })).json();

  beforeAll(async () => {
    packDir = fs.mkdtempSync(path.join(os.tmpdir(), "relay-pack-"));
    const [pack, latest] = await Promise.all([packRepository(repoRoot, packDir), newestVersion("@pulumi/pulumi")]);
    packed = pack;
    newest = latest;
    emulator = await start({ tokens: [{ token: TOKEN, role: "writer" }], control: true });
    const settings = {
      "launchdarkly:apiHost": { value: emulator.url },
      "launchdarkly:accessToken": { value: TOKEN, secret: true },
      trigger: { value: "2025-01" },
      resources: { value: JSON.stringify(["proj/web:env/production"]) },
    };
    const [floor, latestProgram, guard] = await Promise.all([
      freshProgram("floor", packed.tarball, FLOOR, {}, { ...settings, relayName: { value: "floor-relays" } }),
      freshProgram("newest", packed.tarball, newest, {}, { ...settings, relayName: { value: "newest-relays" } }),
      freshProgram("guarded", packed.tarball, newest, { LAUNCHDARKLY_API_HOST: emulator.url, LAUNCHDARKLY_ACCESS_TOKEN: TOKEN }, {
        trigger: { value: "2025-01" },
        relayName: { value: "fleet-relays" },
        resources: { value: JSON.stringify(["proj/*:env/*"]) },
      }),
    ]);
    programs.floor = floor;
    programs.newest = latestProgram;
    guarded = guard.env;
  }, 900_000);

  afterAll(async () => {
    for (const env of [programs.floor?.env, programs.newest?.env, guarded]) await env?.dispose();
    await emulator?.close();
    for (const dir of [packDir, packed?.stageDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  describe("contents", () => {
    it(`${DRY_RUN} lists exactly the tarball's files: the provider, the policy pack, LICENSE, CHANGELOG, README`, () => {
      const files = packed.dryRun.files;
      expect(tarballEntries(packed.tarball)).toEqual(files);
      for (const f of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "dist/provider/index.js", "dist/provider/index.d.ts",
        "dist/provider/provider.js", "dist/provider/handlers.js", "dist/relay-guardrails/PulumiPolicy.yaml",
        "dist/relay-guardrails/package.json", "dist/relay-guardrails/policy-pack/index.js"]) {
        expect(files).toContain(f);
      }
      expect(fs.readFileSync(path.join(repoRoot, "LICENSE"), "utf8")).toContain("Apache License\n                           Version 2.0, January 2004");
      // Only compiled code and the documents above: no tests, TypeScript sources, source maps, emulator, scripts,
      // benchmarks or examples.
      const shipped = [
        /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/,
        /^dist\/provider\/.+\.(js|d\.ts)$/,
        /^dist\/relay-guardrails\/(PulumiPolicy\.yaml|package\.json|.+\.js)$/,
      ];
      expect(files.filter((f) => !shipped.some((re) => re.test(f)))).toEqual([]);
    });

    it("holds every file its code requires, and no JavaScript points at a source map", () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "relay-unpacked-"));
      try {
        extractTarball(packed.tarball, dir);
        const missing: string[] = [];
        for (const file of packed.dryRun.files.filter((f) => f.endsWith(".js"))) {
          const text = fs.readFileSync(path.join(dir, file), "utf8");
          expect(text).not.toMatch(/sourceMappingURL/);
          for (const [, spec] of text.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
            const target = path.join(path.dirname(path.join(dir, file)), spec);
            if (![target, `${target}.js`, path.join(target, "index.js")].some((t) => fs.existsSync(t) && fs.statSync(t).isFile())) {
              missing.push(`${file}: ${spec}`);
            }
          }
        }
        expect(missing).toEqual([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("exports the module path recorded in state, and every exports target is shipped", () => {
      const exportsMap = rootManifest.exports as Record<string, string | Record<string, string>>;
      expect(exportsMap[`./${STATE_MODULE.slice(PACKAGE.length + 1)}`]).toBe("./dist/provider/provider.js");
      const targets = Object.values(exportsMap).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
      for (const target of targets) expect(packed.dryRun.files).toContain(target.replace(/^\.\//, ""));
    });

    it("ships a self-contained policy pack: its manifest names every package its code requires", () => {
      const files = packed.dryRun.files.filter((f) => f.startsWith("dist/relay-guardrails/"));
      // The pack's own copy of the provider model sits beside it, so no require leaves its directory.
      expect(files).toContain("dist/relay-guardrails/provider/scope.js");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "relay-unpacked-"));
      try {
        extractTarball(packed.tarball, dir);
        const pack = path.join(dir, "dist", "relay-guardrails");
        const manifest = JSON.parse(fs.readFileSync(path.join(pack, "package.json"), "utf8"));
        expect(manifest).toMatchObject({ name: "relay-guardrails", version: rootManifest.version, main: "policy-pack/index.js" });
        // Run from the repository (policy-pack/) or from the package, the pack reports the same version.
        expect(JSON.parse(fs.readFileSync(path.join(repoRoot, "policy-pack", "package.json"), "utf8")).version).toBe(rootManifest.version);
        expect(manifest.dependencies["@pulumi/policy"]).toBe(rootManifest.peerDependencies["@pulumi/policy"]);
        expect(manifest.dependencies["@pulumi/pulumi"]).toBe(rootManifest.peerDependencies["@pulumi/pulumi"]);
        const bare = new Set<string>();
        for (const file of files.filter((f) => f.endsWith(".js"))) {
          const text = fs.readFileSync(path.join(dir, file), "utf8");
          for (const [, spec] of text.matchAll(/require\("([^"]+)"\)/g)) {
            if (spec.startsWith(".")) {
              expect(path.resolve(path.dirname(path.join(dir, file)), spec).startsWith(pack + path.sep)).toBe(true);
            } else if (!spec.startsWith("node:") && !["fs", "path", "crypto", "util", "url", "os"].includes(spec)) {
              bare.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
            }
          }
        }
        expect([...bare].filter((name) => !(name in manifest.dependencies))).toEqual([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe.each(["floor", "newest"])("a fresh program with the %s @pulumi/pulumi", (which) => {
    it("has exactly one @pulumi/pulumi in its tree, of the version it asked for", async () => {
      const { env, sdkVersion } = programs[which];
      expect(sdkVersion).toBe(which === "floor" ? FLOOR : newest);
      const copies = await installedCopies(env.workDir, "@pulumi/pulumi");
      expect(copies).toEqual([path.join(fs.realpathSync(env.workDir), "node_modules", "@pulumi", "pulumi")]);
      expect(JSON.parse(fs.readFileSync(path.join(copies[0], "package.json"), "utf8")).version).toBe(sdkVersion);
      // The package came from the tarball, as a copy (a link would make Pulumi serialize the provider by value).
      expect(fs.lstatSync(path.join(env.workDir, "node_modules", PACKAGE)).isSymbolicLink()).toBe(false);
    });

    it.each(Object.keys(TSCONFIGS))("compiles a strict TypeScript consumer of the public types with moduleResolution %s", async (mode) => {
      expect(await compile(programs[which].env.workDir, mode, "consumer.ts", CONSUMER)).toEqual({ code: 0, out: "" });
    }, 120_000);

    it("declares RelayProxyConfiguration's outputs as plain values, without Input<> wrappers", async () => {
      expect(await compile(programs[which].env.workDir, "node16", "outputs.ts", OUTPUT_TYPES)).toEqual({ code: 0, out: "" });
    }, 120_000);

    it("creates, updates, rotates and destroys through the engine, with the provider stored as a module reference", async () => {
      const { env } = programs[which];
      const created = await env.stack.up({ color: "never" });
      expect(created.summary.result).toBe("succeeded");
      const first = await env.stack.outputs();
      expect(first.fullKey.secret).toBe(true);
      const configId = first.configId.value as string;
      expect(await api(`/${configId}`)).toMatchObject({ name: `${which}-relays`, policy: [{ resources: ["proj/web:env/production"] }] });

      const state = JSON.parse(fs.readFileSync(env.stateFile(), "utf8"));
      const relay = state.checkpoint.latest.resources.find((r: { type: string }) => r.type.endsWith(":RelayProxyConfiguration"));
      expect(relay.inputs.__provider).toContain(`require("${STATE_MODULE}")`);
      expect(relay.inputs.__provider.length).toBeLessThan(1024);

      // Update: the policy changes in place; the key stays.
      await env.stack.setConfig("resources", { value: JSON.stringify(["proj/web:env/production", "proj/web:env/staging"]) });
      expect((await env.stack.up({ color: "never" })).summary.resourceChanges?.update).toBe(1);
      const updated = await env.stack.outputs();
      expect(updated.configId.value).toBe(configId);
      expect(updated.fullKey.value).toBe(first.fullKey.value);
      expect((await api(`/${configId}`)).policy[0].resources).toEqual(["proj/web:env/production", "proj/web:env/staging"]);

      // Rotate: a new trigger resets the key, same configuration.
      await env.stack.setConfig("trigger", { value: "2025-02" });
      expect((await env.stack.up({ color: "never" })).summary.resourceChanges?.update).toBe(1);
      const rotated = await env.stack.outputs();
      expect(rotated.configId.value).toBe(configId);
      expect(rotated.fullKey.value).not.toBe(first.fullKey.value);
      expect((await api(`/${configId}`)).displayKey).toBe((rotated.fullKey.value as string).slice(-4));

      // Destroy runs the provider loaded from state, i.e. requires the recorded module path.
      expect((await env.stack.destroy({ color: "never" })).summary.result).toBe("succeeded");
      expect((await api(`/${configId}`)).code).toBe("not_found");
    }, 300_000);
  });

  describe("the policy pack, from a directory holding only the tarball", () => {
    it("needs one install step, then rejects an over-broad configuration from node_modules and passes a scoped one", async () => {
      const [tool, ...args] = POLICY_INSTALL.split(" ");
      expect(tool).toBe("npm");
      await npmInstall(guarded.workDir, args.slice(1));
      expect(await installedCopies(guarded.workDir, "@pulumi/pulumi")).toHaveLength(1);

      const rejected = await pulumiCli(guarded, POLICY_PREVIEW);
      expect(rejected.out).toContain("relay-guardrails@v" + rootManifest.version);
      expect(rejected.out).toMatch(/\[mandatory\].*relay-no-unrestricted-access/);
      expect(rejected.out).toContain('policy[0] allows every action in every project and environment (resources ["proj/*:env/*"])');
      expect(rejected.code).not.toBe(0);

      await guarded.stack.setConfig("resources", { value: JSON.stringify(["proj/web:env/staging"]) });
      const passed = await pulumiCli(guarded, POLICY_PREVIEW);
      expect(passed.out).toContain("relay-guardrails@v" + rootManifest.version);
      expect(passed.out).not.toContain("[mandatory]");
      expect(passed.code).toBe(0);
    }, 300_000);

    it("is ready for `pulumi policy publish`: packed by npm and installed on its own, it rejects the same configuration", async () => {
      const source = path.join(guarded.workDir, "node_modules", PACKAGE, "dist", "relay-guardrails");
      const [{ filename }] = JSON.parse(await npm(source, ["pack", "--json", "--pack-destination", packDir]));
      // What the CLI does with a published pack: extract it, then install its dependencies.
      const installed = path.join(packDir, "published", "relay-guardrails");
      extractTarball(path.join(packDir, filename), installed);
      expect(fs.existsSync(path.join(installed, "PulumiPolicy.yaml"))).toBe(true);
      await npmInstall(installed);
      expect(fs.existsSync(path.join(installed, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack"))).toBe(true);

      await guarded.stack.setConfig("resources", { value: JSON.stringify(["proj/*:env/*"]) });
      const result = await guarded.cli(["preview", "--policy-pack", installed]);
      const out = `${result.stdout}\n${result.stderr}`;
      expect(out).toMatch(/\[mandatory\].*relay-no-unrestricted-access/);
      expect(result.code).not.toBe(0);
    }, 300_000);
  });
});

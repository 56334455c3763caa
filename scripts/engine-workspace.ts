// One way to lay out a Pulumi program directory for the real engine, shared by the e2e harness, the soak and
// the benchmarks: the program's files, the repository's dependencies linked into its node_modules, this package
// installed as a copy of what `npm pack` ships (package.json + dist/provider, so it sits under node_modules exactly
// as for a user), the offline engine environment, and the `pulumi` CLI run non-interactively.
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** The package's name, as programs require it. */
export const PACKAGE_NAME = "pulumi-launchdarkly-relay";

/** The repository root: the nearest ancestor holding this package's package.json (works from dist/ too). */
export function findRepoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`repository root not found above ${from}`);
  }
}

/** Where scripts/install-pulumi puts the engine. */
export function engineBinDir(repoRoot: string): string {
  return path.join(repoRoot, ".tools", "pulumi", "bin");
}

/**
 * Fills `<workDir>/node_modules`: a link to each of the repository's dependencies, and this package as a copy
 * of its published files (requires `tsc` to have built dist/provider).
 */
export function installProgramNodeModules(workDir: string, repoRoot: string): void {
  const target = path.join(workDir, "node_modules");
  fs.mkdirSync(target, { recursive: true });
  const source = path.join(repoRoot, "node_modules");
  for (const entry of fs.readdirSync(source)) {
    if (entry.startsWith(".") || entry === PACKAGE_NAME) continue;
    fs.symlinkSync(path.join(source, entry), path.join(target, entry));
  }
  const pkgDir = path.join(target, PACKAGE_NAME);
  const built = path.join(repoRoot, "dist", "provider");
  if (!fs.existsSync(path.join(built, "index.js"))) throw new Error(`${built} is missing: run 'make build' (tsc) first`);
  fs.mkdirSync(pkgDir, { recursive: true });
  fs.copyFileSync(path.join(repoRoot, "package.json"), path.join(pkgDir, "package.json"));
  fs.cpSync(built, path.join(pkgDir, "dist", "provider"), { recursive: true });
}

/** The environment every engine run gets: offline, isolated, with the engine and Node 22 first on PATH. */
export function offlineEngineEnv(opts: {
  repoRoot: string;
  home: string;
  backendDir: string;
  passphrase: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    PATH: [engineBinDir(opts.repoRoot), path.join(opts.repoRoot, "node_modules", ".bin"), process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_HOME: opts.home,
    PULUMI_BACKEND_URL: `file://${opts.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: opts.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...(opts.extra ?? {}),
  };
}

/** Writes `files` (relative path → text) into `workDir`, then a Pulumi.yaml and a package.json for `project` unless present. */
export function writeProgram(workDir: string, project: string, files: Record<string, string>): void {
  fs.mkdirSync(workDir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(workDir, rel), text);
  }
  if (!fs.existsSync(path.join(workDir, "Pulumi.yaml"))) fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\n`);
  if (!fs.existsSync(path.join(workDir, "package.json"))) {
    const main = fs.existsSync(path.join(workDir, "index.ts")) ? "index.ts" : "index.js";
    fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: project, private: true, main }));
  }
}

/** What one `pulumi` command printed and how it ended. */
export interface PulumiRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `pulumi <args> --non-interactive --color never` in `workDir` with `env`; never rejects. */
export function runPulumi(repoRoot: string, workDir: string, env: NodeJS.ProcessEnv, args: string[],
  limits: { timeoutMs?: number; maxBuffer?: number } = {}): Promise<PulumiRun> {
  return new Promise((resolve) => {
    execFile(path.join(engineBinDir(repoRoot), "pulumi"), [...args, "--non-interactive", "--color", "never"],
      { cwd: workDir, env, maxBuffer: limits.maxBuffer ?? 64 * 1024 * 1024, timeout: limits.timeoutMs ?? 0 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }));
  });
}

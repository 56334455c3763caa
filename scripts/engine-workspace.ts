// One way to lay out a Pulumi program directory for the real engine, shared by the e2e harness, the soak and
// the benchmarks: the repository's dependencies linked into the program's node_modules, this package installed
// as a copy of what `npm pack` ships (package.json + dist/provider, so it sits under node_modules exactly as for
// a user), and the offline engine environment.
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

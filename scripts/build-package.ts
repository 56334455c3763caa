// The second half of `npm pack`'s prepack (after `tsc -p tsconfig.package.json` built dist/provider and this
// script): drops dist/provider outputs whose source is gone, and assembles the CrossGuard pack the package ships,
// dist/relay-guardrails: a self-contained directory (its compiled code, the provider modules it imports, its
// PulumiPolicy.yaml and a package.json listing what it requires) that `pulumi preview --policy-pack` runs from
// node_modules and that `pulumi policy publish` packs as it is.
import { execFileSync } from "child_process";
import * as fs from "fs";
import { isBuiltin } from "module";
import * as path from "path";

/** Where the shipped pack is assembled, relative to the package root. */
export const POLICY_PACK_DIR = path.join("dist", "relay-guardrails");

interface Manifest {
  name: string;
  version: string;
  description?: string;
  license?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Removes compiled files under `outDir` whose TypeScript source under `srcDir` no longer exists. */
export function pruneStaleOutputs(srcDir: string, outDir: string): string[] {
  if (!fs.existsSync(outDir)) return [];
  const removed: string[] = [];
  for (const file of walk(outDir)) {
    const stem = path.relative(outDir, file).replace(/(\.d\.ts|\.js)(\.map)?$/, "");
    if (!fs.existsSync(path.join(srcDir, `${stem}.ts`))) {
      fs.rmSync(file);
      removed.push(file);
    }
  }
  return removed;
}

/** The npm package a bare `require` specifier names (`@scope/name/sub` → `@scope/name`), or undefined. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || path.isAbsolute(specifier) || isBuiltin(specifier)) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Every package the JavaScript files under `dir` require, with the range the root package declares for it. */
export function requiredPackages(dir: string, root: Manifest): Record<string, string> {
  const ranges: Record<string, string> = { ...root.dependencies, ...root.peerDependencies };
  const found: Record<string, string> = {};
  for (const file of walk(dir).filter((f) => f.endsWith(".js"))) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(/require\("([^"]+)"\)/g)) {
      const name = packageOf(match[1]);
      if (name === undefined) continue;
      const range = ranges[name];
      if (!range) throw new Error(`${file} requires ${name}, which package.json lists neither in dependencies nor in peerDependencies`);
      found[name] = range;
    }
  }
  return found;
}

/** Assembles dist/relay-guardrails from policy-pack/ under `root` (the package root). */
export function buildPolicyPack(root: string): void {
  const out = path.join(root, POLICY_PACK_DIR);
  fs.rmSync(out, { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "policy-pack", "tsconfig.package.json")], {
    cwd: root,
    stdio: "inherit",
  });
  fs.copyFileSync(path.join(root, "policy-pack", "PulumiPolicy.yaml"), path.join(out, "PulumiPolicy.yaml"));
  const pkg = readJson<Manifest>(path.join(root, "package.json"));
  const pack = readJson<Manifest>(path.join(root, "policy-pack", "package.json"));
  // Once published, run-policy-pack is launched from the pack's own @pulumi/pulumi: the SDK is a direct dependency.
  const needed = { "@pulumi/pulumi": (pkg.peerDependencies ?? {})["@pulumi/pulumi"], ...requiredPackages(out, pkg) };
  const dependencies = Object.fromEntries(Object.entries(needed).sort(([a], [b]) => a.localeCompare(b)));
  const manifest = {
    name: pack.name,
    version: pkg.version,
    description: pack.description,
    license: pkg.license,
    private: true,
    main: "policy-pack/index.js",
    dependencies,
  };
  fs.writeFileSync(path.join(out, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

if (require.main === module) {
  const root = process.cwd();
  for (const file of pruneStaleOutputs(path.join(root, "provider"), path.join(root, "dist", "provider"))) {
    console.error(`build-package: removed ${path.relative(root, file)} (its source is gone)`);
  }
  buildPolicyPack(root);
  console.error(`build-package: ${POLICY_PACK_DIR} assembled`);
}

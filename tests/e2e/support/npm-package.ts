// The npm side of the packaging tests: packing this repository as `npm pack` would from a clean checkout of the
// working tree (prepack included), installing into fresh directories from the npm registry (the npm cache makes
// reruns fast), and reading the installed tree with `npm ls`.
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** What `npm pack --json` reports about one package. */
export interface PackReport {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: string[];
}

/** A tarball made by `npm pack`, and what the dry run before it reported. */
export interface PackedPackage {
  tarball: string;
  dryRun: PackReport;
  /** The directory both ran in (a copy of the working tree). */
  stageDir: string;
}

function parsePackJson(out: string): PackReport {
  const [report] = JSON.parse(out.slice(out.indexOf("["))) as (Omit<PackReport, "files"> & { files: { path: string }[] })[];
  return { ...report, files: report.files.map((f) => f.path).sort() };
}

/** Runs npm in `cwd`; rejects with the command and the end of its output when it fails or outlasts `timeoutMs`. */
export function npm(cwd: string, args: string[], timeoutMs = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("npm", args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`npm ${args.join(" ")} in ${cwd} failed: ${error.message}\n${`${stdout}\n${stderr}`.slice(-4000)}`));
      else resolve(stdout);
    });
  });
}

/** `npm install <args>` without audit or funding chatter, preferring the npm cache. */
export function npmInstall(cwd: string, args: string[] = []): Promise<string> {
  return npm(cwd, ["install", ...args, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"]);
}

/**
 * Copies the working tree (the files git tracks or would track: no node_modules, dist or tools) to a temporary
 * directory with the repository's node_modules linked in, then runs `npm pack --dry-run --json` there (which runs
 * prepack, the build) and `npm pack --json` without scripts into `destination`.
 */
export async function packRepository(repoRoot: string, destination: string): Promise<PackedPackage> {
  const stageDir = fs.mkdtempSync(path.join(os.tmpdir(), "relay-stage-"));
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: repoRoot, encoding: "utf8" });
  for (const rel of listed.split("\0").filter(Boolean)) {
    const from = path.join(repoRoot, rel);
    if (!fs.existsSync(from) || fs.statSync(from).isDirectory()) continue;
    fs.mkdirSync(path.dirname(path.join(stageDir, rel)), { recursive: true });
    fs.copyFileSync(from, path.join(stageDir, rel));
  }
  fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(stageDir, "node_modules"));
  const dryRun = parsePackJson(await npm(stageDir, ["pack", "--dry-run", "--json"]));
  const packed = parsePackJson(await npm(stageDir, ["pack", "--json", "--ignore-scripts", "--pack-destination", destination]));
  return { tarball: path.join(destination, packed.filename), dryRun, stageDir };
}

/** Every distinct directory `npm ls` finds `name` installed in under `dir`, deduplicated entries counted once. */
export async function installedCopies(dir: string, name: string): Promise<string[]> {
  const out = await npm(dir, ["ls", name, "--all", "--parseable"]);
  return [...new Set(out.split("\n").map((l) => l.trim()).filter((l) => l.endsWith(`node_modules${path.sep}${name.split("/").join(path.sep)}`)))];
}

/** The newest version of `name` the registry serves (`npm view <name> version`). */
export async function newestVersion(name: string): Promise<string> {
  return (await npm(os.tmpdir(), ["view", name, "version"])).trim();
}

/** The entries of a tarball (`tar -tzf`), without npm's leading `package/`. */
export function tarballEntries(tarball: string): string[] {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .split("\n")
    .filter((l) => l && !l.endsWith("/"))
    .map((l) => l.replace(/^package\//, ""))
    .sort();
}

/** Extracts an npm tarball's `package/` into `dir`. */
export function extractTarball(tarball: string, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", dir, "--strip-components=1"]);
}

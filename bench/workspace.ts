// What every benchmark shares: the emulator as a separate process (dist/emulator/cli.js with latency and an
// optional route limit), its control API, a fresh program directory with an isolated file backend, and the
// pulumi CLI with a time limit. Used by bench/run.ts and bench/relay.ts.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { engineBinDir, findRepoRoot, installProgramNodeModules, offlineEngineEnv } from "../scripts/engine-workspace";

/** The repository root. */
export const repoRoot = findRepoRoot(__dirname);
const engineBin = engineBinDir(repoRoot);
/** The emulator's writer token in every benchmark. */
export const TOKEN = "bench-writer-token-0123456789";
/** Upper bound of one pulumi command, so a wedged run cannot hang the benchmark. */
const COMMAND_TIMEOUT_MS = 15 * 60_000;

/** An emulator child process. */
export interface Emulator {
  child: ChildProcess;
  url: string;
  close(): Promise<void>;
}

/** An integer from the environment, or `fallback` when unset or blank. */
export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  return v === undefined || v.trim() === "" ? fallback : Number(v);
}

/** Starts dist/emulator/cli.js as a child process and reads its URL from the first line. */
export function startEmulator(dataDir: string, latencyMs: number, rateLimit: number | null): Promise<Emulator> {
  const args = [path.join(repoRoot, "dist", "emulator", "cli.js"), "--port", "0", "--data-dir", dataDir, "--control",
    "--token", TOKEN, "--latency", String(latencyMs)];
  if (rateLimit) args.push("--rate-limit", String(rateLimit));
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("emulator did not start in 30 s")), 30_000);
    child.once("exit", (code) => reject(new Error(`emulator exited early (${code})`)));
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) => {
      clearTimeout(timer);
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (!m) return reject(new Error(`unexpected first line: ${line}`));
      child.stdout?.resume();
      resolve({
        child,
        url: m[1],
        close: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
            child.once("exit", () => { clearTimeout(kill); done(); });
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** A control-API call; the parsed body. */
export async function control(url: string, method: string, p: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}/__emulator${p}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

/** A fresh program directory (running `program`) and file backend, laid out by scripts/engine-workspace.ts. */
export function makeWorkspace(base: string, program: string): { workDir: string; env: Record<string, string> } {
  const workDir = path.join(base, "program");
  const backendDir = path.join(base, "backend");
  for (const d of [workDir, backendDir, path.join(base, "home")]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), "name: bench\nruntime: nodejs\n");
  fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: "bench", private: true, main: "index.js" }));
  fs.writeFileSync(path.join(workDir, "index.js"), program);
  installProgramNodeModules(workDir, repoRoot);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...offlineEngineEnv({ repoRoot, home: path.join(base, "home"), backendDir, passphrase: "bench-passphrase" }),
    BENCH_WORKSPACE: base,
  };
  return { workDir, env };
}

/** Runs `pulumi <args>` non-interactively; its exit code and output. */
export function pulumi(workDir: string, env: Record<string, string>, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(path.join(engineBin, "pulumi"), [...args, "--non-interactive", "--color", "never"],
      { cwd: workDir, env, maxBuffer: 256 * 1024 * 1024, timeout: COMMAND_TIMEOUT_MS },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: stdout + stderr }));
  });
}

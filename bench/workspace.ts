// What every benchmark shares: the emulator as a separate process (dist/emulator/cli.js with latency and an
// optional route limit, started by scripts/emulator-process.ts), its control API (scripts/emulator-client.ts), a
// fresh program directory with an isolated file backend, the pulumi CLI with a time limit, and a benchmark stack
// (all of these in a temporary directory, removed after). Used by bench/run.ts, bench/relay.ts and the modules
// they call.
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { emulatorClient } from "../scripts/emulator-client";
import { launchEmulator, type LaunchOptions } from "../scripts/emulator-process";
import { findRepoRoot, installProgramNodeModules, offlineEngineEnv, runPulumi, writeProgram } from "../scripts/engine-workspace";

/** The repository root. */
export const repoRoot = findRepoRoot(__dirname);
/** The emulator's writer token in every benchmark. */
export const TOKEN = "bench-writer-token-0123456789";
/** Upper bound of one pulumi command, so a wedged run cannot hang the benchmark. */
const COMMAND_TIMEOUT_MS = 15 * 60_000;

/** An emulator child process. */
export interface Emulator {
  child: ChildProcess;
  url: string;
  port: number;
  pid: number;
  /** With `tls`: the trust anchor the emulator wrote. */
  caFile?: string;
  close(): Promise<void>;
}

/** An integer from the environment, or `fallback` when unset or blank. */
export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  return v === undefined || v.trim() === "" ? fallback : Number(v);
}

/**
 * Starts dist/emulator/cli.js as a child process (`--control --token TOKEN --latency L`, `--rate-limit R` when R
 * is set and not 0) and reads its URL from the first line. `more`: further launcher options (e.g. `tls`).
 */
export async function startEmulator(dataDir: string, latencyMs: number, rateLimit: number | null, more: LaunchOptions = {}): Promise<Emulator> {
  const emu = await launchEmulator({ dataDir, control: true, token: TOKEN, latencyMs, rateLimit: rateLimit || null, ...more });
  return {
    child: emu.child,
    url: emu.url,
    port: emu.port,
    pid: emu.pid,
    ...(emu.caFile === undefined ? {} : { caFile: emu.caFile }),
    close: async () => {
      await emu.stop();
    },
  };
}

/** A control-API call; the parsed body. */
export async function control(url: string, method: string, p: string, body?: unknown): Promise<any> {
  return emulatorClient(url).control(method, p, body);
}

/** A fresh program directory (running `program`) and file backend, laid out by scripts/engine-workspace.ts. */
export function makeWorkspace(base: string, program: string): { workDir: string; env: Record<string, string> } {
  const workDir = path.join(base, "program");
  const backendDir = path.join(base, "backend");
  for (const d of [workDir, backendDir, path.join(base, "home")]) fs.mkdirSync(d, { recursive: true });
  writeProgram(workDir, "bench", { "index.js": program });
  installProgramNodeModules(workDir, repoRoot);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...offlineEngineEnv({ repoRoot, home: path.join(base, "home"), backendDir, passphrase: "bench-passphrase" }),
    BENCH_WORKSPACE: base,
  };
  return { workDir, env };
}

/** Runs `pulumi <args>` non-interactively; its exit code and output. */
export async function pulumi(workDir: string, env: Record<string, string>, args: string[]): Promise<{ code: number; out: string }> {
  const r = await runPulumi(repoRoot, workDir, env, args, { maxBuffer: 256 * 1024 * 1024, timeoutMs: COMMAND_TIMEOUT_MS });
  return { code: r.code, out: r.stdout + r.stderr };
}

/** One benchmark's stack `bench` in its own temporary directory, on its own emulator. */
export interface BenchStack {
  /** The temporary directory (program, backend, home, emulator data). */
  base: string;
  emu: Emulator;
  workDir: string;
  /** The engine's environment, with the emulator's host and token. */
  env: Record<string, string>;
  /** Runs `pulumi <args>`; throws with the end of its output unless it exits 0; its output. */
  must(args: string[]): Promise<string>;
}

/**
 * Runs `fn` on a fresh stack `bench` running `program` against a fresh emulator (`latencyMs`, `rateLimit`) in a
 * temporary directory named after `prefix`; stops the emulator and removes the directory after, whatever happens.
 */
export async function withBenchStack<T>(prefix: string, latencyMs: number, rateLimit: number | null, program: string,
  fn: (stack: BenchStack) => Promise<T>): Promise<T> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const emu = await startEmulator(path.join(base, "emulator"), latencyMs, rateLimit);
  try {
    const { workDir, env } = makeWorkspace(base, program);
    Object.assign(env, { LAUNCHDARKLY_API_HOST: emu.url, LAUNCHDARKLY_ACCESS_TOKEN: TOKEN });
    const must = async (args: string[]): Promise<string> => {
      const r = await pulumi(workDir, env, args);
      if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${r.out.slice(-3000)}`);
      return r.out;
    };
    await must(["stack", "init", "bench"]);
    return await fn({ base, emu, workDir, env, must });
  } finally {
    await emu.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

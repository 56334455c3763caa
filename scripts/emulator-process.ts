// The one way to run the emulator's CLI (dist/emulator/cli.js) as a child process, for the tests, the benchmarks
// and the load test: flags from options, the URL read from the CLI's first line (`listening on …`), with --tls the
// trust anchor from the line after it, a start deadline, its output kept in memory, and stop(), which signals only
// this child, by its pid. scripts/demo.sh (bash) starts its emulator on its own.
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import { findRepoRoot } from "./engine-workspace";

/** How to start the emulator. Each option left out leaves its flag out (the CLI's default applies). */
export interface LaunchOptions {
  /** The CLI script; default `<repository>/dist/emulator/cli.js`. */
  cliPath?: string;
  /** `--port`; default 0 (a free port, read back from the first line). */
  port?: number;
  /** `--data-dir`. */
  dataDir?: string;
  /** `--token` (writer). */
  token?: string;
  /** `--reader-token`. */
  readerToken?: string;
  /** `--control`. */
  control?: boolean;
  /** `--latency` in ms. */
  latencyMs?: number;
  /** `--rate-limit` (requests per token per route per 10 s); null leaves it off. */
  rateLimit?: number | null;
  /** `--tls`: the trust anchor's path is read from the output into `caFile`. */
  tls?: boolean;
  /** `--validate-responses`. */
  validateResponses?: boolean;
  /** `--fault-seed`. */
  faultSeed?: number;
  /** `--previous-keys`. */
  previousKeys?: "one" | "many";
  /** `--account`. */
  accountFile?: string;
  /** `--heartbeat` in ms. */
  heartbeatMs?: number;
  /** `--verbose`: one output line per request (see `lines`). */
  verbose?: boolean;
  /** More arguments, after the ones above. */
  extraArgs?: string[];
  /** The child's environment; default this process's (the CLI reads EMULATOR_* from it). */
  env?: NodeJS.ProcessEnv;
  /** The child's stderr: passed through (default), kept (see stderr()), or dropped. */
  stderr?: "inherit" | "pipe" | "ignore";
  /** The start fails (and the child is killed) when the URL has not been printed by then; default 30000 ms. */
  startTimeoutMs?: number;
}

/** A started emulator process. */
export interface LaunchedEmulator {
  /** `http://127.0.0.1:<port>` (`https://` with tls). */
  url: string;
  port: number;
  pid: number;
  /** With tls: the trust anchor (PEM) the CLI wrote. */
  caFile?: string;
  child: ChildProcess;
  /** Every stdout line so far (the first is the listening line). */
  lines: string[];
  /** Its stderr so far, when `stderr: "pipe"`. */
  stderr(): string;
  /** Resolves with its exit code (null when a signal ended it) once it has exited and its output is read. */
  exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM) to this child, SIGKILL after `killAfterMs` (10000); resolves with the exit code. */
  stop(signal?: NodeJS.Signals, killAfterMs?: number): Promise<number | null>;
}

/** The emulator did not start: it exited first, printed something else, or took too long (then it was killed). */
export class EmulatorStartError extends Error {
  /** `exitCode`: the child's (null when a signal ended it); `stderr`: what it printed there, with `stderr: "pipe"`. */
  constructor(message: string, readonly exitCode: number | null, readonly stderr: string) {
    super(message);
    this.name = "EmulatorStartError";
  }
}

/** Each flag the launcher sets and the option behind it, in the order they are passed (after `--port`). */
const FLAGS: ReadonlyArray<[flag: string, option: keyof LaunchOptions]> = [
  ["--data-dir", "dataDir"], ["--tls", "tls"], ["--control", "control"], ["--token", "token"], ["--reader-token", "readerToken"],
  ["--latency", "latencyMs"], ["--rate-limit", "rateLimit"], ["--fault-seed", "faultSeed"], ["--previous-keys", "previousKeys"],
  ["--account", "accountFile"], ["--heartbeat", "heartbeatMs"], ["--validate-responses", "validateResponses"], ["--verbose", "verbose"],
];

/** The CLI arguments for `options` (without the script): a switch when true, a value when set, nothing otherwise. */
export function emulatorArgs(options: LaunchOptions): string[] {
  const args = ["--port", String(options.port ?? 0)];
  for (const [flag, option] of FLAGS) {
    const value = options[option];
    if (value === true) args.push(flag);
    else if (typeof value === "string" || typeof value === "number") args.push(flag, String(value));
  }
  return [...args, ...(options.extraArgs ?? [])];
}

const LISTENING = /^listening on (https?:\/\/127\.0\.0\.1:(\d+))$/;
const TRUST_ANCHOR = /^tls: trust anchor written to (.+)$/;

/** Starts the emulator CLI as a child process; resolves once it listens (and, with tls, has written its CA file). */
export function launchEmulator(options: LaunchOptions = {}): Promise<LaunchedEmulator> {
  const cliPath = options.cliPath ?? path.join(findRepoRoot(__dirname), "dist", "emulator", "cli.js");
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const child = spawn(process.execPath, [cliPath, ...emulatorArgs(options)], {
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", options.stderr ?? "inherit"],
  });
  const lines: string[] = [];
  let stderrText = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderrText += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = "SIGTERM", killAfterMs = 10_000): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const force = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      try {
        return await exited;
      } finally {
        clearTimeout(force);
      }
    }
    return exited;
  };

  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let settled = false;
    // A failed start leaves no child: the rejection comes once it has exited.
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop("SIGKILL").then((code) => reject(new EmulatorStartError(message, code, stderrText)));
    };
    const timer = setTimeout(() => fail(`the emulator did not start within ${startTimeoutMs} ms`), startTimeoutMs);
    child.once("error", (error) => fail(`the emulator could not be started: ${error.message}`));
    void exited.then((code) => fail(`the emulator exited (${code}) before listening${stderrText ? `: ${stderrText.trim().split("\n")[0]}` : ""}`));
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      lines.push(line);
      if (settled) return;
      if (url === undefined) {
        const listening = LISTENING.exec(line);
        if (listening === null) return fail(`unexpected first line from the emulator: ${line}`);
        url = listening[1];
        if (options.tls === true) return;
      }
      const anchor = TRUST_ANCHOR.exec(line);
      if (options.tls === true && anchor === null) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        url,
        port: Number(new URL(url).port),
        pid: child.pid as number,
        ...(anchor === null ? {} : { caFile: anchor[1].trim() }),
        child,
        lines,
        stderr: () => stderrText,
        exited,
        stop,
      });
    });
  });
}

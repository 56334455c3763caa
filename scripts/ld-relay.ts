// Runs LaunchDarkly's real Relay Proxy (ld-relay, built by scripts/install-ld-relay into .tools/ld-relay) against
// an emulator, for the e2e tests and the benchmarks: a free port, every URI it uses pointed at the emulator,
// automatic configuration from a relay key, a hard time limit, its output kept in memory, and helpers that poll
// its /status with a deadline (scripts/poll.ts). The key goes to the process environment only; nothing here prints it.

import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { poll } from "./poll";

/** What ld-relay's `GET /status` reports of one environment (the fields used here). */
export interface RelayEnvironmentStatus {
  envId: string;
  envKey: string;
  envName: string;
  projKey: string;
  projName: string;
  status: string;
}

/** ld-relay's `GET /status` (the fields used here). */
export interface RelayStatus {
  status: string;
  version: string;
  environments: Record<string, RelayEnvironmentStatus>;
}

/** How to start a relay. */
export interface RelayOptions {
  /** The ld-relay binary. */
  binary: string;
  /** The relay auto-configuration key (AUTO_CONFIG_KEY): a secret. */
  key: string;
  /** The emulator's origin, used for STREAM_URI, BASE_URI, CLIENT_SIDE_BASE_URI and EVENTS_HOST. */
  emulatorUrl: string;
  /** The port to listen on (all interfaces: ld-relay has no bind option); default a free one. */
  port?: number;
  /** The relay is killed after this long whatever happens. Default 180000. */
  timeLimitMs?: number;
  /** Also append its output to this file. */
  logFile?: string;
  /** A PEM file of the certificate authorities it trusts (SSL_CERT_FILE), for an emulator started with `--tls`. */
  caFile?: string;
}

/** A started relay process. */
export interface RunningRelay {
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Its exit code once it exited (null while running, or when killed by a signal). */
  exitCode(): number | null;
  /** Whether it is still running. */
  running(): boolean;
  /** Resolves with the exit code when it exits. */
  exited: Promise<number | null>;
  /** Its /status, or null when it does not answer. */
  status(): Promise<RelayStatus | null>;
  /** Polls /status (every `intervalMs`, default 50) until `accept` holds; rejects after `timeoutMs` saying what it saw last. */
  waitForStatus(accept: (status: RelayStatus) => boolean, timeoutMs?: number, what?: string, intervalMs?: number): Promise<RelayStatus>;
  /** Polls its output until `pattern` appears; rejects after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** `GET /sdk/flags` with an SDK key: the HTTP status. */
  sdkFlagsStatus(sdkKey: string): Promise<number>;
  /** Stops it (SIGTERM, then SIGKILL after 5 s) by its pid and waits for the exit. */
  stop(): Promise<void>;
}

/** LaunchDarkly's line when a relay key is refused (401/403 on the auto-config stream). */
export const INVALID_KEY_LINE = /ERROR: AutoConfiguration Invalid auto-configuration key; cannot get environments/;

/** The version of ld-relay the project pins (package.json `ldRelay.version`). */
export function pinnedRelayVersion(repoRoot: string): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { ldRelay: { version: string } }).ldRelay.version;
}

/** The installed ld-relay binary; throws saying how to install it when it is missing (relay tests never skip). */
export function relayBinary(repoRoot: string): string {
  const binary = path.join(repoRoot, ".tools", "ld-relay", "bin", "ld-relay");
  if (!fs.existsSync(binary)) throw new Error(`ld-relay is missing from ${path.dirname(binary)}: run 'make engine' (scripts/install-ld-relay)`);
  return binary;
}

/** A TCP port free on this machine right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/** `proj/<projKey>:env/<envKey>` of every environment in a status, sorted. */
export function statusEnvironments(status: RelayStatus | null): string[] {
  return Object.values(status?.environments ?? {})
    .map((environment) => `proj/${environment.projKey}:env/${environment.envKey}`)
    .sort();
}

/** Whether the relay is healthy and every environment connected. */
export function allConnected(status: RelayStatus): boolean {
  return status.status === "healthy" && Object.values(status.environments).every((environment) => environment.status === "connected");
}

/** The environment ld-relay runs with: nothing inherited but PATH, every URI at the emulator (and its CA when given). */
function relayEnvironment(options: RelayOptions, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    AUTO_CONFIG_KEY: options.key,
    STREAM_URI: options.emulatorUrl,
    BASE_URI: options.emulatorUrl,
    CLIENT_SIDE_BASE_URI: options.emulatorUrl,
    EVENTS_HOST: options.emulatorUrl,
    USE_EVENTS: "false",
    PORT: String(port),
    LOG_LEVEL: "debug",
    EXPIRED_CREDENTIAL_CLEANUP_INTERVAL: "1s",
    ...(options.caFile === undefined ? {} : { SSL_CERT_FILE: options.caFile }),
  };
}

/** Starts ld-relay in automatic-configuration mode against the emulator. Returns once the process is spawned. */
export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(options.binary, ["--from-env"], { env: relayEnvironment(options, port), stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  let code: number | null = null;
  let alive = true;
  const append = (chunk: Buffer): void => {
    text += chunk.toString();
    if (options.logFile !== undefined) fs.appendFileSync(options.logFile, chunk);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (exitCode) => {
      alive = false;
      code = exitCode;
      clearTimeout(limit);
      resolve(exitCode);
    });
  });
  const limit = setTimeout(() => child.kill("SIGKILL"), options.timeLimitMs ?? 180_000);
  limit.unref();
  if (child.pid === undefined) throw new Error(`could not start ${options.binary}`);

  const status = async (): Promise<RelayStatus | null> => {
    try {
      const reply = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2000) });
      return reply.status === 200 ? ((await reply.json()) as RelayStatus) : null;
    } catch {
      return null;
    }
  };
  let last: RelayStatus | null = null;
  return {
    pid: child.pid,
    port,
    url,
    output: () => text,
    exitCode: () => code,
    running: () => alive,
    exited,
    status,
    waitForStatus: (accept, timeoutMs = 20_000, what = "the expected status", intervalMs = 50) =>
      poll(
        async () => {
          if (!alive) throw new Error(`ld-relay exited (${code}) while waiting for ${what}`);
          last = await status();
          return last !== null && accept(last) ? last : undefined;
        },
        { timeoutMs, intervalMs, what: () => `${what}; last status ${last === null ? "none" : `${last.status} [${statusEnvironments(last).join(", ")}]`}` },
      ),
    waitForOutput: (pattern, timeoutMs = 20_000) =>
      poll(() => (pattern.test(text) ? true : undefined), { timeoutMs, what: `ld-relay output matching ${pattern}` }).then(() => undefined),
    sdkFlagsStatus: async (sdkKey) => (await fetch(`${url}/sdk/flags`, { headers: { Authorization: sdkKey } })).status,
    stop: async () => {
      if (!alive) return;
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(force);
    },
  };
}

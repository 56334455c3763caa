// Command line entry point: the only module that reads the command line (strictly, through flags.ts) and listens.
//   node dist/emulator/cli.js --port 0 --data-dir .state/emulator [--token T] [--reader-token R] [--control]
//        [--rate-limit N] [--latency MS] [--validate-responses] [--tls] [--verbose] [--account FILE] [--heartbeat MS]
// Prints `listening on http://127.0.0.1:<port>` as its first line, binds 127.0.0.1 only, and stops cleanly on
// SIGINT/SIGTERM with its data flushed. Never prints a token or a key.

import * as fs from "node:fs";
import { accountErrors, type AccountInput } from "./account";
import { DEFAULT_DEV_TOKEN, type TokenSpec } from "./auth";
import { commandLine, parseFlags, type FlagSpec } from "./flags";
import type { PreviousKeysModel } from "./service";
import type { LogEntry } from "./requestlog";
import { start, type RunningEmulator } from "./start";
import { generateLocalCertificate, writeTrustAnchor } from "./tls";

/** Parsed command line. */
export interface CliOptions {
  port: number;
  dataDir?: string;
  token?: string;
  readerToken?: string;
  /** A writer token accepted only as an OAuth token (`Authorization: Bearer …`). */
  oauthToken?: string;
  control: boolean;
  rateLimit?: number;
  latencyMs: number;
  validateResponses: boolean;
  verbose: boolean;
  /** Serve HTTPS with a certificate generated at start; its trust anchor goes to `<data-dir or cwd>/ca.pem`. */
  tls: boolean;
  faultSeed?: number;
  /** Path of an account file (projects and environments). */
  accountFile?: string;
  /** Heartbeat interval of open streams, ms. */
  heartbeatMs?: number;
  /** How many previous keys a reset keeps alive. */
  previousKeys?: PreviousKeysModel;
  help: boolean;
}

/** Usage text. */
export const USAGE = `usage: node dist/emulator/cli.js [options]
  --port <p>              TCP port on 127.0.0.1; 0 picks a free one          (env EMULATOR_PORT, default 8080)
  --data-dir <dir>        keep data in <dir>/relay-auto-configs.json         (env EMULATOR_DATA_DIR, default memory)
  --token <t>             writer API token                                   (env EMULATOR_TOKEN, default ${DEFAULT_DEV_TOKEN})
  --reader-token <t>      read-only API token                                (env EMULATOR_READER_TOKEN)
  --oauth-token <t>       writer OAuth token, accepted as "Bearer <t>"       (env EMULATOR_OAUTH_TOKEN)
  --control               enable the /__emulator test control API            (env EMULATOR_CONTROL=1)
  --rate-limit <n>        requests per token per route per 10 s              (env EMULATOR_RATE_LIMIT)
  --latency <ms>          added latency per request                          (env EMULATOR_LATENCY_MS)
  --fault-seed <n>        seed of the fault RNG                              (env EMULATOR_FAULT_SEED)
  --validate-responses    answer 500 when a response does not match the spec (env EMULATOR_VALIDATE_RESPONSES=1)
  --tls                   serve HTTPS (certificate for 127.0.0.1 made at start; trust anchor written
                          to <data-dir>/ca.pem, or ./ca.pem: use NODE_EXTRA_CA_CERTS / SSL_CERT_FILE) (env EMULATOR_TLS=1)
  --account <file.json>   projects and environments to serve ({"projects": [...]}, emulator/README.md);
                          default: the stored account, else the documented default account (env EMULATOR_ACCOUNT)
  --heartbeat <ms>        heartbeat comment interval on open relay streams   (env EMULATOR_HEARTBEAT_MS, default 180000)
  --previous-keys one|many  previous relay keys a reset keeps: one (a reset ends the key before the expiring
                          one at once) or many (each keeps its own expiry)   (env EMULATOR_PREVIOUS_KEYS, default one)
  --verbose               print one line per request (method, path, status)
  --help                  this text`;

/** The flags, each a value or a switch (USAGE says what they mean). */
const FLAGS = {
  port: { type: "string" },
  "data-dir": { type: "string" },
  token: { type: "string" },
  "reader-token": { type: "string" },
  "oauth-token": { type: "string" },
  "rate-limit": { type: "string" },
  latency: { type: "string" },
  "fault-seed": { type: "string" },
  account: { type: "string" },
  heartbeat: { type: "string" },
  "previous-keys": { type: "string" },
  control: { type: "boolean" },
  "validate-responses": { type: "boolean" },
  tls: { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean" },
} as const satisfies FlagSpec;

type Flag = keyof typeof FLAGS;

function integer(flag: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new Error(`${flag}: expected an integer >= ${min}, got "${text}"`);
  return Number(text);
}

/** Parses flags (node:util parseArgs, strict), falling back to EMULATOR_* environment variables. Throws an Error with a usage hint. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliOptions {
  const values: Partial<Record<Flag, string | boolean>> = parseFlags(argv, FLAGS);
  const pick = (flag: Flag, name: string): string | undefined => {
    const value = values[flag];
    return typeof value === "string" ? value : env[name] === "" ? undefined : env[name];
  };
  const on = (flag: Flag, name?: string): boolean => values[flag] === true || (name !== undefined && (env[name] === "1" || env[name] === "true"));
  const port = pick("port", "EMULATOR_PORT");
  const rateLimit = pick("rate-limit", "EMULATOR_RATE_LIMIT");
  const latency = pick("latency", "EMULATOR_LATENCY_MS");
  const seed = pick("fault-seed", "EMULATOR_FAULT_SEED");
  const options: CliOptions = {
    port: port === undefined ? 8080 : integer("--port", port, 0),
    control: on("control", "EMULATOR_CONTROL"),
    latencyMs: latency === undefined ? 0 : integer("--latency", latency, 0),
    validateResponses: on("validate-responses", "EMULATOR_VALIDATE_RESPONSES"),
    tls: on("tls", "EMULATOR_TLS"),
    verbose: on("verbose"),
    help: on("help"),
  };
  if (options.port > 65535) throw new Error(`--port: ${options.port} is not a TCP port`);
  const dataDir = pick("data-dir", "EMULATOR_DATA_DIR");
  const token = pick("token", "EMULATOR_TOKEN");
  const readerToken = pick("reader-token", "EMULATOR_READER_TOKEN");
  const oauthToken = pick("oauth-token", "EMULATOR_OAUTH_TOKEN");
  if (dataDir !== undefined) options.dataDir = dataDir;
  if (token !== undefined) options.token = token;
  if (readerToken !== undefined) options.readerToken = readerToken;
  if (oauthToken !== undefined) options.oauthToken = oauthToken;
  if (rateLimit !== undefined) options.rateLimit = integer("--rate-limit", rateLimit, 1);
  if (seed !== undefined) options.faultSeed = integer("--fault-seed", seed, 0);
  const accountFile = pick("account", "EMULATOR_ACCOUNT");
  const heartbeat = pick("heartbeat", "EMULATOR_HEARTBEAT_MS");
  if (accountFile !== undefined) options.accountFile = accountFile;
  if (heartbeat !== undefined) options.heartbeatMs = integer("--heartbeat", heartbeat, 10);
  const previousKeys = pick("previous-keys", "EMULATOR_PREVIOUS_KEYS");
  if (previousKeys !== undefined) {
    if (previousKeys !== "one" && previousKeys !== "many") throw new Error(`--previous-keys: expected one or many, got "${previousKeys}"`);
    options.previousKeys = previousKeys;
  }
  return options;
}

/** One request as a log line: no headers, so no token or key. */
export function formatLogLine(entry: LogEntry): string {
  const faults = entry.faults.length > 0 ? ` [fault: ${entry.faults.join(" | ")}]` : "";
  return `${entry.method} ${entry.path} ${entry.status ?? "dropped"} ${entry.durationMs.toFixed(1)}ms${faults}`;
}

/** Reads and checks an account file; throws naming the file and every bad field. */
export function readAccountFile(file: string): AccountInput {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`--account ${file}: ${(error as Error).message}`, { cause: error });
  }
  const errors = accountErrors(value);
  if (errors.length > 0) throw new Error(`--account ${file}: ${errors.join("; ")}`);
  return value as AccountInput;
}

/** Starts the emulator for parsed options; `print` gets each output line (the first is the listening line). */
export async function run(options: CliOptions, print: (line: string) => void): Promise<RunningEmulator> {
  const account = options.accountFile === undefined ? undefined : readAccountFile(options.accountFile);
  const tokens: TokenSpec[] = [{ token: options.token ?? DEFAULT_DEV_TOKEN, role: "writer" }];
  if (options.readerToken !== undefined) tokens.push({ token: options.readerToken, role: "reader" });
  if (options.oauthToken !== undefined) tokens.push({ token: options.oauthToken, role: "writer", kind: "oauth" });
  const tls = options.tls ? await generateLocalCertificate() : undefined;
  const running = await start({
    tls,
    port: options.port,
    dataDir: options.dataDir,
    tokens,
    control: options.control,
    limits: options.rateLimit === undefined ? {} : { routeLimit: options.rateLimit },
    latencyMs: options.latencyMs,
    validateResponses: options.validateResponses,
    faultSeed: options.faultSeed,
    account,
    heartbeatMs: options.heartbeatMs,
    previousKeys: options.previousKeys,
    onLog: options.verbose ? (entry) => print(formatLogLine(entry)) : undefined,
  });
  print(`listening on ${running.url}`);
  if (tls) print(`tls: trust anchor written to ${writeTrustAnchor(options.dataDir ?? process.cwd(), tls)}`);
  print(`data: ${options.dataDir === undefined ? "in memory (lost on exit; use --data-dir to keep it)" : options.dataDir}`);
  if (options.token === undefined) print("auth: no --token given; the documented default dev token is accepted (see emulator/README.md)");
  if (options.control) print(`control API: ${running.url}/__emulator/`);
  print(`account: ${options.accountFile ?? "stored or default (emulator/README.md#the-account)"}; relay streams at ${running.url}/relay_auto_config`);
  print(`previous keys: ${options.previousKeys ?? "one"} (a reset ${(options.previousKeys ?? "one") === "one" ? "ends the key before the expiring one at once" : "lets every previous key run to its own expiry"})`);
  return running;
}

/** Runs the CLI in this process until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const options = commandLine(() => parseArgs(process.argv.slice(2), process.env), USAGE, (parsed) => parsed.help);
  if (options === undefined) return;
  const print = (line: string): void => void process.stdout.write(`${line}\n`);
  // The signal handlers are in place before the listening line is printed: a stop right after it is clean too.
  const starting = run(options, print);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(1);
    stopping = true;
    print(`${signal}: stopping`);
    starting.then((running) => running.close()).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  await starting;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`emulator failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}

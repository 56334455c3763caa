// Throughput of the emulator, measured with autocannon over loopback: GET list and GET by id, bounded in time.
//   npm run build && node dist/emulator/loadtest.js [--duration 5] [--connections 10] [--configs 20]
//        [--validate-responses] [--url http://127.0.0.1:P --token T]
// Without --url it starts the CLI (cli.js next to this file) as a child process on a free port
// (scripts/emulator-process.ts), so the load generator and the server do not share an event loop; it seeds
// configs, runs each scenario, prints a table, and stops the child with SIGTERM. Flags are parsed strictly
// (flags.ts): a bad one exits 2 with the usage.

import autocannon from "autocannon";
import * as path from "node:path";
import { CONFIGS_PATH as CONFIGS, emulatorClient } from "../scripts/emulator-client";
import { launchEmulator } from "../scripts/emulator-process";
import { DEFAULT_DEV_TOKEN } from "./auth";
import { commandLine, parseFlags } from "./flags";

/** Load test settings. */
export interface LoadOptions {
  durationSec: number;
  connections: number;
  configs: number;
  validateResponses: boolean;
  url?: string;
  token: string;
}

/** One scenario's outcome. */
export interface LoadResult {
  scenario: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
}

/** Usage text. */
export const LOAD_USAGE = `usage: node dist/emulator/loadtest.js [options]
  --duration <s>          seconds per scenario, 1..60                        (default 5)
  --connections <n>       concurrent connections                             (default 10)
  --configs <n>           configs seeded before the scenarios                (default 20)
  --validate-responses    start the emulator with --validate-responses
  --url <url>             measure a running emulator instead of starting one
  --token <t>             its writer token                                   (default the dev token)
  --help                  this text`;

/** Parsed command line: the settings, or a request for the usage text. */
export type LoadCommand = { help: true } | { help: false; options: LoadOptions };

function positiveInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`${flag}: expected an integer >= 1, got "${text}"`);
  return Number(text);
}

/** Parses the load test's flags strictly; throws an Error naming the bad argument. */
export function parseLoadArgs(argv: readonly string[]): LoadCommand {
  const values = parseFlags(argv, {
    duration: { type: "string" },
    connections: { type: "string" },
    configs: { type: "string" },
    "validate-responses": { type: "boolean" },
    url: { type: "string" },
    token: { type: "string" },
    help: { type: "boolean" },
  });
  if (values.help === true) return { help: true };
  const durationSec = values.duration === undefined ? 5 : Number(values.duration);
  if (!(durationSec > 0 && durationSec <= 60)) throw new Error("--duration must be 1..60 seconds");
  const options: LoadOptions = {
    durationSec,
    connections: positiveInteger("--connections", values.connections, 10),
    configs: positiveInteger("--configs", values.configs, 20),
    validateResponses: values["validate-responses"] === true,
    token: values.token ?? DEFAULT_DEV_TOKEN,
  };
  if (values.url !== undefined) options.url = values.url;
  return { help: false, options };
}

async function seed(url: string, token: string, count: number): Promise<string[]> {
  const client = emulatorClient(url, token);
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const created = await client.api("POST", CONFIGS, { name: `load-${i}`, policy: [{ effect: "allow", resources: [`proj/p${i}:env/*`], actions: ["*"] }] });
    if (created.status !== 201) throw new Error(`seeding failed with HTTP ${created.status}`);
    ids.push((created.body as { _id: string })._id);
  }
  return ids;
}

async function measure(scenario: string, url: string, options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({ url, connections: options.connections, duration: options.durationSec, headers: { Authorization: options.token, "LD-API-Version": "20240415" } });
  return {
    scenario,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Runs both scenarios and returns their results. */
export async function loadTest(options: LoadOptions): Promise<LoadResult[]> {
  const started = options.url === undefined
    ? await launchEmulator({ cliPath: path.join(__dirname, "cli.js"), validateResponses: options.validateResponses })
    : null;
  const url = options.url ?? (started as { url: string }).url;
  try {
    const ids = await seed(url, options.token, options.configs);
    return [
      await measure(`GET list (${options.configs} configs)`, `${url}${CONFIGS}`, options),
      await measure("GET by id", `${url}${CONFIGS}/${ids[0]}`, options),
    ];
  } finally {
    if (started !== null) await started.stop();
  }
}

/** A markdown table of results. */
export function formatResults(results: LoadResult[], options: LoadOptions): string {
  const head = `${options.durationSec} s per scenario, ${options.connections} connections, loopback, response validation ${options.validateResponses ? "on" : "off"}`;
  const rows = results.map((r) => `| ${r.scenario} | ${r.requestsPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.total} | ${r.non2xx} | ${r.errors} |`);
  return [head, "", "| scenario | req/s (avg) | p50 ms | p99 ms | requests | non-2xx | errors |", "| --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}

/** Runs the command line: the usage, exit 2 on a bad flag, or the load test. */
function main(): void {
  const command = commandLine(() => parseLoadArgs(process.argv.slice(2)), LOAD_USAGE, (parsed) => parsed.help);
  if (command === undefined || command.help) return;
  const options = command.options;
  loadTest(options).then(
    (results) => process.stdout.write(`${formatResults(results, options)}\n`),
    (error: unknown) => {
      process.stderr.write(`load test failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}

if (require.main === module) main();

// Throughput of the emulator, measured with autocannon over loopback: GET list and GET by id, bounded in time.
//   npm run build && node dist/emulator/loadtest.js [--duration 5] [--connections 10] [--configs 20]
//        [--validate-responses] [--url http://127.0.0.1:P --token T]
// Without --url it starts the CLI (cli.js next to this file) as a child process on a free port, so the load
// generator and the server do not share an event loop; it seeds configs, runs each scenario, prints a table,
// and stops the child with SIGTERM.

import autocannon from "autocannon";
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import { DEFAULT_DEV_TOKEN } from "./auth";

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

const CONFIGS = "/api/v2/account/relay-auto-configs";

function parse(argv: string[]): LoadOptions {
  const options: LoadOptions = { durationSec: 5, connections: 10, configs: 20, validateResponses: false, token: DEFAULT_DEV_TOKEN };
  for (let i = 0; i < argv.length; i += 1) {
    const next = (): string => argv[++i] ?? "";
    switch (argv[i]) {
      case "--duration": options.durationSec = Number(next()); break;
      case "--connections": options.connections = Number(next()); break;
      case "--configs": options.configs = Number(next()); break;
      case "--validate-responses": options.validateResponses = true; break;
      case "--url": options.url = next(); break;
      case "--token": options.token = next(); break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  if (!(options.durationSec > 0 && options.durationSec <= 60)) throw new Error("--duration must be 1..60 seconds");
  return options;
}

/** Starts cli.js on a free port and resolves with its URL once it prints the listening line. */
function startChild(validateResponses: boolean): Promise<{ child: ChildProcess; url: string }> {
  const args = [path.join(__dirname, "cli.js"), "--port", "0", ...(validateResponses ? ["--validate-responses"] : [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (match) resolve({ child, url: match[1] });
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

async function seed(url: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${url}${CONFIGS}`, {
      method: "POST",
      headers: { Authorization: token, "Content-Type": "application/json" },
      body: JSON.stringify({ name: `load-${i}`, policy: [{ effect: "allow", resources: [`proj/p${i}:env/*`], actions: ["*"] }] }),
    });
    if (response.status !== 201) throw new Error(`seeding failed with HTTP ${response.status}`);
    ids.push(((await response.json()) as { _id: string })._id);
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
  const started = options.url === undefined ? await startChild(options.validateResponses) : null;
  const url = options.url ?? (started as { url: string }).url;
  try {
    const ids = await seed(url, options.token, options.configs);
    return [
      await measure(`GET list (${options.configs} configs)`, `${url}${CONFIGS}`, options),
      await measure("GET by id", `${url}${CONFIGS}/${ids[0]}`, options),
    ];
  } finally {
    if (started !== null) {
      const exited = new Promise((resolve) => started.child.once("exit", resolve));
      started.child.kill("SIGTERM");
      await exited;
    }
  }
}

/** A markdown table of results. */
export function formatResults(results: LoadResult[], options: LoadOptions): string {
  const head = `${options.durationSec} s per scenario, ${options.connections} connections, loopback, response validation ${options.validateResponses ? "on" : "off"}`;
  const rows = results.map((r) => `| ${r.scenario} | ${r.requestsPerSec} | ${r.p50Ms} | ${r.p99Ms} | ${r.total} | ${r.non2xx} | ${r.errors} |`);
  return [head, "", "| scenario | req/s (avg) | p50 ms | p99 ms | requests | non-2xx | errors |", "| --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}

if (require.main === module) {
  const options = parse(process.argv.slice(2));
  loadTest(options).then(
    (results) => process.stdout.write(`${formatResults(results, options)}\n`),
    (error: unknown) => {
      process.stderr.write(`load test failed: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}

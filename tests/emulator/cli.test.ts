// Tests emulator/cli.ts: flag and environment parsing as a table; run() prints the listening line first; and
// the real CLI as a child process (transpiled to a temp dir): listens on a free port, stops cleanly on SIGTERM
// and SIGINT with its data flushed, comes back with the same data, and never prints a token or a key.

import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import * as ts from "typescript";
import { DEFAULT_DEV_TOKEN } from "../../emulator/auth";
import { formatLogLine, parseArgs, run } from "../../emulator/cli";
import { call, CONFIGS, configBody } from "./support/client";

describe("parseArgs", () => {
  it("defaults", () => {
    expect(parseArgs([])).toEqual({ port: 8080, control: false, latencyMs: 0, validateResponses: false, tls: false, verbose: false, help: false });
  });

  it("reads every flag, in both --flag value and --flag=value forms", () => {
    expect(
      parseArgs(["--port", "0", "--data-dir=/tmp/d", "--token", "w", "--reader-token=r", "--control", "--rate-limit", "5", "--latency=20", "--fault-seed", "3", "--validate-responses", "--tls", "--verbose"]),
    ).toEqual({ port: 0, dataDir: "/tmp/d", token: "w", readerToken: "r", control: true, rateLimit: 5, latencyMs: 20, faultSeed: 3, validateResponses: true, tls: true, verbose: true, help: false });
  });

  it("reads the account file path, the heartbeat and the previous-keys model", () => {
    expect(parseArgs(["--account", "a.json", "--heartbeat=50", "--previous-keys", "many"])).toMatchObject({ accountFile: "a.json", heartbeatMs: 50, previousKeys: "many" });
    expect(parseArgs([], { EMULATOR_PREVIOUS_KEYS: "one" })).toMatchObject({ previousKeys: "one" });
  });

  it("falls back to EMULATOR_* variables, flags winning", () => {
    const env = { EMULATOR_PORT: "9000", EMULATOR_DATA_DIR: "/d", EMULATOR_TOKEN: "t", EMULATOR_CONTROL: "1", EMULATOR_RATE_LIMIT: "7", EMULATOR_LATENCY_MS: "" };
    expect(parseArgs(["--port", "1"], env)).toMatchObject({ port: 1, dataDir: "/d", token: "t", control: true, rateLimit: 7, latencyMs: 0 });
  });

  it.each([
    [["--port"], "needs a value"],
    [["--port", "http"], "--port"],
    [["--port", "70000"], "not a TCP port"],
    [["--rate-limit", "0"], "--rate-limit"],
    [["--latency", "-5"], "--latency"],
    [["--bogus"], "unknown argument"],
    [["--control=yes"], "unknown argument"],
    [["--previous-keys", "two"], "expected one or many"],
    [["--heartbeat", "5"], "--heartbeat"],
  ])("refuses %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

it("formatLogLine shows method, path, status and faults only", () => {
  expect(formatLogLine({ time: 0, method: "GET", path: "/x", status: null, durationMs: 1.25, faults: ["f"] })).toBe("GET /x dropped 1.3ms [fault: f]");
});

it("run() prints the listening line first and serves the API", async () => {
  const lines: string[] = [];
  const running = await run(parseArgs(["--port", "0"]), (line) => lines.push(line));
  try {
    expect(lines[0]).toBe(`listening on ${running.url}`);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await call(running.url, "GET", CONFIGS)).status).toBe(200);
    expect(lines.join("\n")).not.toContain(DEFAULT_DEV_TOKEN);
  } finally {
    await running.close();
  }
});

describe("the CLI as a process", () => {
  let work: string;
  let cliPath: string;

  beforeAll(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), "emulator-cli-"));
    const source = path.join(__dirname, "../../emulator");
    const out = path.join(work, "emulator");
    await fs.mkdir(path.join(out, "spec"), { recursive: true });
    for (const file of await fs.readdir(source)) {
      if (!file.endsWith(".ts")) continue;
      const text = await fs.readFile(path.join(source, file), "utf8");
      const { outputText } = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true } });
      await fs.writeFile(path.join(out, file.replace(/\.ts$/, ".js")), outputText);
    }
    for (const file of await fs.readdir(path.join(source, "spec"))) {
      if (file.endsWith(".json")) await fs.copyFile(path.join(source, "spec", file), path.join(out, "spec", file));
    }
    cliPath = path.join(out, "cli.js");
  });
  afterAll(async () => {
    await fs.rm(work, { recursive: true, force: true });
  });

  interface Child {
    process: ChildProcessWithoutNullStreams;
    url: string;
    lines: string[];
    exited: Promise<number | null>;
  }

  async function launch(args: string[]): Promise<Child> {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, NODE_PATH: path.join(__dirname, "../../node_modules") } });
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    const first = new Promise<string>((resolve, reject) => {
      readline.createInterface({ input: child.stdout }).on("line", (line) => {
        lines.push(line);
        if (lines.length === 1) resolve(line);
      });
      child.on("exit", (code) => reject(new Error(`exited with ${code} before listening`)));
    });
    const line = await first;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    return { process: child, url: line.replace("listening on ", ""), lines, exited };
  }

  it.each(["SIGTERM", "SIGINT"] as const)("stops on %s with data flushed, and restarts with it", async (signal) => {
    const dataDir = path.join(work, `data-${signal}`);
    const token = "cli-writer-token";
    const first = await launch(["--port", "0", "--data-dir", dataDir, "--token", token, "--verbose"]);
    const created = (await call(first.url, "POST", CONFIGS, { token, body: configBody("from-cli") })).body;
    await call(first.url, "GET", "/relay_auto_config", { token: created.fullKey });
    first.process.kill(signal);
    expect(await first.exited).toBe(0);
    const output = first.lines.join("\n");
    expect(output).toContain(`POST ${CONFIGS} 201`);
    expect(output).toContain(`${signal}: stopping`);
    expect(output).not.toContain(token);
    expect(output).not.toContain(created.fullKey);

    const second = await launch(["--port", "0", "--data-dir", dataDir, "--token", token]);
    try {
      expect((await call(second.url, "GET", `${CONFIGS}/${created._id}`, { token })).body.name).toBe("from-cli");
    } finally {
      second.process.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    }
  });

  it("serves the account of --account, and refuses to start on a malformed one, naming the field, with nothing stored lost", async () => {
    const good = path.join(work, "account.json");
    await fs.writeFile(good, JSON.stringify({ projects: [{ key: "solo", name: "Solo", environments: [{ key: "live", name: "Live" }] }] }));
    const child = await launch(["--port", "0", "--account", good]);
    try {
      const projects = (await call(child.url, "GET", "/api/v2/projects")).body.items.map((p: { key: string }) => p.key);
      expect(projects).toEqual(["solo"]);
    } finally {
      child.process.kill("SIGTERM");
      await child.exited;
    }
    const dataDir = path.join(work, "data-account");
    const first = await launch(["--port", "0", "--data-dir", dataDir, "--account", good]);
    const created = (await call(first.url, "POST", CONFIGS, { body: configBody("kept") })).body;
    first.process.kill("SIGTERM");
    await first.exited;
    const bad = path.join(work, "bad-account.json");
    await fs.writeFile(bad, JSON.stringify({ projects: [{ key: "solo", name: "Solo", environments: [{ key: "live", name: "Live", region: "eu" }] }] }));
    const refused = spawn(process.execPath, [cliPath, "--port", "0", "--data-dir", dataDir, "--account", bad], { env: { ...process.env, NODE_PATH: path.join(__dirname, "../../node_modules") } });
    let stderr = "";
    refused.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise<number | null>((resolve) => refused.on("close", resolve))).toBe(1);
    expect(stderr).toContain("projects[0].environments[0].region: is not allowed");
    const again = await launch(["--port", "0", "--data-dir", dataDir]);
    try {
      expect((await call(again.url, "GET", `${CONFIGS}/${created._id}`)).body.name).toBe("kept");
      expect((await call(again.url, "GET", "/api/v2/projects")).body.items.map((p: { key: string }) => p.key)).toEqual(["solo"]);
    } finally {
      again.process.kill("SIGTERM");
      await again.exited;
    }
  });

  it("exits with status 2 and usage on a bad flag", async () => {
    const child = spawn(process.execPath, [cliPath, "--nope"], { env: { ...process.env, NODE_PATH: path.join(__dirname, "../../node_modules") } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("usage:");
  });
});

// Tests emulator/cli.ts: flag and environment parsing as a table (strict: unknown, misplaced and missing values
// refused, naming the argument); run() prints the listening line first; and the real CLI as a child process
// (transpiled to a temp dir, started by scripts/emulator-process.ts): listens on a free port, stops cleanly on
// SIGTERM and SIGINT with its data flushed, comes back with the same data, never prints a token or a key, prints
// the usage on --help and exits 2 with it on a bad flag, and over --tls writes the trust anchor it names.

import { execFileSync } from "node:child_process";
import { promises as fs, existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { DEFAULT_DEV_TOKEN } from "../../emulator/auth";
import { formatLogLine, parseArgs, run, USAGE } from "../../emulator/cli";
import { EmulatorStartError, launchEmulator, type LaunchedEmulator, type LaunchOptions } from "../../scripts/emulator-process";
import { call, CONFIGS, configBody } from "./support/client";

describe("parseArgs", () => {
  it("defaults", () => {
    expect(parseArgs([])).toEqual({ port: 8080, control: false, latencyMs: 0, validateResponses: false, tls: false, verbose: false, help: false });
  });

  it("reads every flag, in both --flag value and --flag=value forms", () => {
    expect(
      parseArgs(["--port", "0", "--data-dir=/tmp/d", "--token", "w", "--reader-token=r", "--oauth-token", "o", "--control", "--rate-limit", "5", "--latency=20", "--fault-seed", "3", "--validate-responses", "--tls", "--verbose"]),
    ).toEqual({ port: 0, dataDir: "/tmp/d", token: "w", readerToken: "r", oauthToken: "o", control: true, rateLimit: 5, latencyMs: 20, faultSeed: 3, validateResponses: true, tls: true, verbose: true, help: false });
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
    [["--bogus=1"], 'unknown argument "--bogus"'],
    [["-p", "8080"], 'unknown argument "-p"'],
    [["8080"], 'unknown argument "8080"'],
    [["--port", "0", "extra"], 'unknown argument "extra"'],
    [["--", "--port", "0"], 'unknown argument "--port"'],
    [["--help=yes"], "--help takes no value"],
    [["--token"], "--token: needs a value"],
    [["--data-dir", "--control"], '--data-dir: needs a value, got the flag-like "--control"'],
  ])("refuses %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it("takes a value starting with a dash in the --flag=value form, and the last of a repeated flag", () => {
    expect(parseArgs(["--token=-dash-token", "--port", "1", "--port=2"])).toMatchObject({ token: "-dash-token", port: 2 });
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

  const nodePath = { ...process.env, NODE_PATH: path.join(__dirname, "../../node_modules") };
  /** Starts the transpiled CLI on a free port with `args`, its stderr kept. */
  const launch = (args: string[], options: LaunchOptions = {}): Promise<LaunchedEmulator> =>
    launchEmulator({ cliPath, extraArgs: args, env: nodePath, stderr: "pipe", ...options });

  it.each(["SIGTERM", "SIGINT"] as const)("stops on %s with data flushed, and restarts with it", async (signal) => {
    const dataDir = path.join(work, `data-${signal}`);
    const token = "cli-writer-token";
    const first = await launch(["--data-dir", dataDir, "--token", token, "--verbose"]);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.lines[0]).toBe(`listening on ${first.url}`);
    const created = (await call(first.url, "POST", CONFIGS, { token, body: configBody("from-cli") })).body;
    await call(first.url, "GET", "/relay_auto_config", { token: created.fullKey });
    expect(await first.stop(signal)).toBe(0);
    const output = first.lines.join("\n");
    expect(output).toContain(`POST ${CONFIGS} 201`);
    expect(output).toContain(`${signal}: stopping`);
    expect(output).not.toContain(token);
    expect(output).not.toContain(created.fullKey);

    const second = await launch(["--data-dir", dataDir, "--token", token]);
    try {
      expect((await call(second.url, "GET", `${CONFIGS}/${created._id}`, { token })).body.name).toBe("from-cli");
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it("serves the account of --account, and refuses to start on a malformed one, naming the field, with nothing stored lost", async () => {
    const good = path.join(work, "account.json");
    await fs.writeFile(good, JSON.stringify({ projects: [{ key: "solo", name: "Solo", environments: [{ key: "live", name: "Live" }] }] }));
    const child = await launch([], { accountFile: good });
    try {
      const projects = (await call(child.url, "GET", "/api/v2/projects")).body.items.map((p: { key: string }) => p.key);
      expect(projects).toEqual(["solo"]);
    } finally {
      await child.stop();
    }
    const dataDir = path.join(work, "data-account");
    const first = await launch([], { dataDir, accountFile: good });
    const created = (await call(first.url, "POST", CONFIGS, { body: configBody("kept") })).body;
    await first.stop();
    const bad = path.join(work, "bad-account.json");
    await fs.writeFile(bad, JSON.stringify({ projects: [{ key: "solo", name: "Solo", environments: [{ key: "live", name: "Live", region: "eu" }] }] }));
    const refused = await launch([], { dataDir, accountFile: bad }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EmulatorStartError);
    expect((refused as EmulatorStartError).exitCode).toBe(1);
    expect((refused as EmulatorStartError).stderr).toContain("projects[0].environments[0].region: is not allowed");
    const again = await launch([], { dataDir });
    try {
      expect((await call(again.url, "GET", `${CONFIGS}/${created._id}`)).body.name).toBe("kept");
      expect((await call(again.url, "GET", "/api/v2/projects")).body.items.map((p: { key: string }) => p.key)).toEqual(["solo"]);
    } finally {
      await again.stop();
    }
  });

  it.each([[["--nope"], 'unknown argument "--nope"'], [["--port"], "--port: needs a value"], [["--tls=1"], "--tls takes no value"], [["serve"], 'unknown argument "serve"']])(
    "exits with status 2 and the usage on the bad flag %j",
    async (argv, message) => {
      const refused = await launchEmulator({ cliPath, extraArgs: argv, env: nodePath, stderr: "pipe" }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(EmulatorStartError);
      expect((refused as EmulatorStartError).exitCode).toBe(2);
      expect((refused as EmulatorStartError).stderr).toBe(`${(refused as EmulatorStartError).stderr.split("\n")[0]}\n${USAGE}\n`);
      expect((refused as EmulatorStartError).stderr.split("\n")[0]).toContain(message);
    },
  );

  it("accepts an --oauth-token only as Bearer, and the writer token only bare", async () => {
    const emu = await launch(["--token", "cli-writer", "--oauth-token", "cli-oauth"]);
    try {
      const statuses = async (authorization: string) => (await fetch(`${emu.url}${CONFIGS}`, { headers: { Authorization: authorization } })).status;
      expect(await statuses("Bearer cli-oauth")).toBe(200);
      expect(await statuses("cli-oauth")).toBe(401);
      expect(await statuses("cli-writer")).toBe(200);
      expect(await statuses("Bearer cli-writer")).toBe(401);
    } finally {
      expect(await emu.stop()).toBe(0);
    }
  });

  it("prints the usage on --help and exits 0 (--help does not start an emulator)", () => {
    expect(execFileSync(process.execPath, [cliPath, "--help"], { env: nodePath, encoding: "utf8" })).toBe(`${USAGE}\n`);
  });

  it("over --tls, names an https URL and the trust anchor it wrote", async () => {
    const dataDir = path.join(work, "data-tls");
    const child = await launch([], { dataDir, tls: true });
    try {
      expect(child.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(child.caFile).toBe(path.join(dataDir, "ca.pem"));
      expect(existsSync(child.caFile as string)).toBe(true);
    } finally {
      expect(await child.stop()).toBe(0);
    }
  });
});

// Tests scripts/emulator-process.ts with small stand-in CLIs (no emulator, no engine): the flags it builds, the
// URL and port read from the first line, the trust anchor read after it with tls, and each way a start fails —
// another first line, an early exit (its code and stderr kept), no line before the deadline — each leaving no
// child behind; stop() signals only its own child and reports the exit code.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EmulatorStartError, emulatorArgs, launchEmulator } from "../../../scripts/emulator-process";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-process-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A stand-in CLI: runs `body` (JavaScript) with its arguments in `argv`. */
function fakeCli(name: string, body: string): string {
  const file = path.join(dir, `${name}.js`);
  fs.writeFileSync(file, `const argv = process.argv.slice(2);\n${body}\n`);
  return file;
}

/** Whether a process with this pid still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const LISTENS = `
process.on("SIGTERM", () => process.exit(0));
process.stdout.write("listening on http://127.0.0.1:4567\\n" + "args: " + JSON.stringify(argv) + "\\n");
setInterval(() => {}, 1000);`;

/** Body of a stand-in that records its pid in PID_FILE first. */
const recordsPid = (rest: string): string => `require("fs").writeFileSync(process.env.PID_FILE, String(process.pid));\n${rest}`;
const pidFile = (name: string): string => path.join(dir, `${name}.pid`);
const recordedPid = (name: string): number => Number(fs.readFileSync(pidFile(name), "utf8"));

describe("emulatorArgs", () => {
  it("turns each option given into its flag, port 0 by default, extra arguments last", () => {
    expect(emulatorArgs({})).toEqual(["--port", "0"]);
    expect(
      emulatorArgs({
        port: 9, dataDir: "/d", tls: true, control: true, token: "w", readerToken: "r", latencyMs: 0, rateLimit: 5, faultSeed: 3,
        previousKeys: "many", accountFile: "a.json", heartbeatMs: 50, validateResponses: true, verbose: true, extraArgs: ["--x"],
      }),
    ).toEqual([
      "--port", "9", "--data-dir", "/d", "--tls", "--control", "--token", "w", "--reader-token", "r", "--latency", "0", "--rate-limit", "5",
      "--fault-seed", "3", "--previous-keys", "many", "--account", "a.json", "--heartbeat", "50", "--validate-responses", "--verbose", "--x",
    ]);
  });

  it("leaves out switches that are off and a null rate limit", () => {
    expect(emulatorArgs({ control: false, tls: false, rateLimit: null })).toEqual(["--port", "0"]);
  });
});

describe("launchEmulator", () => {
  it("reads the URL and port from the first line, keeps the output, and stops its child with SIGTERM", async () => {
    const emu = await launchEmulator({ cliPath: fakeCli("listens", LISTENS), control: true, latencyMs: 5 });
    expect(emu.url).toBe("http://127.0.0.1:4567");
    expect(emu.port).toBe(4567);
    expect(emu.caFile).toBeUndefined();
    expect(alive(emu.pid)).toBe(true);
    expect(await emu.stop()).toBe(0);
    expect(emu.lines).toEqual(["listening on http://127.0.0.1:4567", 'args: ["--port","0","--control","--latency","5"]']);
    expect(alive(emu.pid)).toBe(false);
    expect(await emu.stop()).toBe(0);
  });

  it("with tls, waits for the trust anchor line and returns its path", async () => {
    const cli = fakeCli("tls", `
process.on("SIGTERM", () => process.exit(0));
process.stdout.write("listening on https://127.0.0.1:4568\\n");
setTimeout(() => process.stdout.write("tls: trust anchor written to /tmp/somewhere/ca.pem\\n"), 100);
setInterval(() => {}, 1000);`);
    const emu = await launchEmulator({ cliPath: cli, tls: true });
    try {
      expect(emu.url).toBe("https://127.0.0.1:4568");
      expect(emu.caFile).toBe("/tmp/somewhere/ca.pem");
    } finally {
      await emu.stop();
    }
  });

  it("sends SIGKILL when the child ignores the signal past killAfterMs", async () => {
    const cli = fakeCli("stubborn", `process.on("SIGTERM", () => {}); process.stdout.write("listening on http://127.0.0.1:4569\\n"); setInterval(() => {}, 1000);`);
    const emu = await launchEmulator({ cliPath: cli });
    expect(await emu.stop("SIGTERM", 200)).toBeNull();
    expect(emu.child.signalCode).toBe("SIGKILL");
  });

  it("fails on another first line, and kills the child", async () => {
    const cli = fakeCli("chatty", recordsPid(`process.stdout.write("hello\\n"); setInterval(() => {}, 1000);`));
    const error = await launchEmulator({ cliPath: cli, env: { ...process.env, PID_FILE: pidFile("chatty") } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmulatorStartError);
    expect((error as Error).message).toBe("unexpected first line from the emulator: hello");
    expect(alive(recordedPid("chatty"))).toBe(false);
  });

  it("fails when the child exits first, with its exit code and stderr", async () => {
    const cli = fakeCli("refuses", `process.stderr.write("--bogus: no such flag\\nusage: ...\\n"); process.exit(2);`);
    const error = (await launchEmulator({ cliPath: cli, stderr: "pipe" }).catch((e: unknown) => e)) as EmulatorStartError;
    expect(error).toBeInstanceOf(EmulatorStartError);
    expect(error.exitCode).toBe(2);
    expect(error.stderr).toBe("--bogus: no such flag\nusage: ...\n");
    expect(error.message).toBe("the emulator exited (2) before listening: --bogus: no such flag");
  });

  it("fails after startTimeoutMs without a line, and kills the child", async () => {
    const cli = fakeCli("silent", recordsPid(`process.stdout.write("no newline yet"); setInterval(() => {}, 1000);`));
    const error = await launchEmulator({ cliPath: cli, startTimeoutMs: 500, env: { ...process.env, PID_FILE: pidFile("silent") } }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("the emulator did not start within 500 ms");
    expect((error as EmulatorStartError).exitCode).toBeNull();
    expect(alive(recordedPid("silent"))).toBe(false);
  });

  it("passes the environment it is given", async () => {
    const cli = fakeCli("env", `process.on("SIGTERM", () => process.exit(0)); process.stdout.write("listening on http://127.0.0.1:" + process.env.FAKE_PORT + "\\n"); setInterval(() => {}, 1000);`);
    const emu = await launchEmulator({ cliPath: cli, env: { ...process.env, FAKE_PORT: "4570" } });
    expect(emu.port).toBe(4570);
    await emu.stop();
  });
});

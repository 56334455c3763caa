// The one emulator of `make bench-peers`: dist/emulator/cli.js as a child process with `--tls` (LaunchDarkly's
// Terraform provider only speaks https), a per-request latency and the control API; its CA file for tofu
// (SSL_CERT_FILE) and the Pulumi provider (NODE_EXTRA_CA_CERTS); a plain-HTTP forwarder for ld-relay and the
// control calls (bench/peers/forwarder.ts); and the request counters of /__emulator/stats, read before and after
// each phase.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { control, repoRoot, TOKEN } from "../workspace";
import { startForwarder } from "./forwarder";

/** The running emulator. */
export interface PeerEmulator {
  /** `https://127.0.0.1:<port>`: what the tools under test use. */
  url: string;
  /** `127.0.0.1:<port>`: LAUNCHDARKLY_API_HOST as the Terraform provider takes it (it adds https://). */
  hostPort: string;
  /** The trust anchor (PEM file) of the emulator's certificate. */
  caFile: string;
  /** `http://127.0.0.1:<port>` of the forwarder: ld-relay and control calls. */
  plainUrl: string;
  /** The writer token (a secret: never printed). */
  token: string;
  pid: number;
  /** The API request counters now. */
  counters(): Promise<Counters>;
  close(): Promise<void>;
}

/** API request counters (routes under /api/ only). */
export interface Counters {
  requests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
}

const START_LIMIT_MS = 30_000;

/** Starts `cli.js --tls` on a free port with `latencyMs`, data in `dataDir`; resolves once its CA file is written. */
export async function startPeerEmulator(dataDir: string, latencyMs: number): Promise<PeerEmulator> {
  fs.mkdirSync(dataDir, { recursive: true });
  const args = [path.join(repoRoot, "dist", "emulator", "cli.js"), "--port", "0", "--tls", "--data-dir", dataDir,
    "--control", "--token", TOKEN, "--latency", String(latencyMs)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const { url, caFile } = await new Promise<{ url: string; caFile: string }>((resolve, reject) => {
    let url = "";
    const timer = setTimeout(() => reject(new Error(`the emulator did not start in ${START_LIMIT_MS / 1000} s`)), START_LIMIT_MS);
    child.once("exit", (code) => reject(new Error(`the emulator exited early (${code})`)));
    lines.on("line", (line) => {
      const listening = /^listening on (https:\/\/127\.0\.0\.1:\d+)/.exec(line);
      const anchor = /^tls: trust anchor written to (.+)$/.exec(line);
      if (listening) url = listening[1];
      if (anchor && url) {
        clearTimeout(timer);
        resolve({ url, caFile: anchor[1].trim() });
      }
    });
  });
  child.removeAllListeners("exit");
  child.stdout?.resume();
  const forwarder = await startForwarder(url, fs.readFileSync(caFile, "utf8"));
  const apiOnly = (counts: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(counts).filter(([route]) => / \/api\//.test(route)));
  return {
    url,
    hostPort: new URL(url).host,
    caFile,
    plainUrl: forwarder.url,
    token: TOKEN,
    pid: child.pid ?? -1,
    counters: async () => {
      const stats = (await control(forwarder.url, "GET", "/stats")) as Counters;
      const byRoute = apiOnly(stats.byRoute);
      return { requests: Object.values(byRoute).reduce((a, b) => a + b, 0), byRoute, byStatus: stats.byStatus };
    },
    close: async () => {
      await forwarder.close();
      if (child.exitCode !== null) return;
      await new Promise<void>((done) => {
        const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(kill);
          done();
        });
        child.kill("SIGTERM");
      });
    },
  };
}

/** What happened between two readings of the counters. */
export function difference(before: Counters, after: Counters): Counters {
  const minus = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [key, value] of Object.entries(a)) if (value - (b[key] ?? 0) > 0) out[key] = value - (b[key] ?? 0);
    return out;
  };
  return { requests: after.requests - before.requests, byRoute: minus(after.byRoute, before.byRoute), byStatus: minus(after.byStatus, before.byStatus) };
}

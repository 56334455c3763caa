// The emulator's own throughput for the benchmark report: dist/emulator/loadtest.js run as a child process
// (3 s per scenario), its printed table quoted as is.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "./workspace";

/** Runs the load test; its table, or what went wrong. Never rejects. */
export function loadtest(): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, "dist", "emulator", "loadtest.js"), "--duration", "3"],
      { cwd: repoRoot, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve(error ? `loadtest failed: ${String(error.message)}\n${stderr}` : stdout.trim()));
  });
}

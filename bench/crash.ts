// What PULUMI_SKIP_CHECKPOINTS costs when the engine dies: for each mode (checkpoints, skipped), a fresh stack of
// N configs whose `pulumi up` (its own process group) is killed with SIGKILL once the emulator holds half of them
// (then the plugins the engine started, in process groups of their own); then the configs LaunchDarkly (the
// emulator) has, those the state file records with an id, the pending creates it flags (the crash recovery of
// README "After a crash in the middle of pulumi up" starts from these), and the rest: live configs the stack has
// no record of at all.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { emulatorClient } from "../scripts/emulator-client";
import { engineBinDir } from "../scripts/engine-workspace";
import { pollUntil } from "../scripts/poll";
import { processesWith } from "../scripts/processes";
import { programFor } from "./program";
import { repoRoot, withBenchStack } from "./workspace";

/** One crash: what LaunchDarkly holds and what the state knows of it. */
export interface CrashFigures {
  n: number;
  mode: "checkpoints" | "PULUMI_SKIP_CHECKPOINTS=true";
  /** Configs the emulator held when the engine was killed (the trigger), and 0.5 s later. */
  liveAtKill: number;
  live: number;
  /** Relay resources in the state file with an id. */
  inState: number;
  /** Pending create operations the state file flags. */
  pendingCreates: number;
  /** Live configs with neither: the state has no trace of them. */
  untraced: number;
}

/** Kills `pulumi up` on a stack of `n` once half the configs exist, with and without checkpoints. */
export async function crashFigures(n: number, latencyMs: number): Promise<CrashFigures[]> {
  const out: CrashFigures[] = [];
  for (const mode of ["checkpoints", "PULUMI_SKIP_CHECKPOINTS=true"] as const) {
    out.push(await withBenchStack(`relay-bench-crash-${n}-`, latencyMs, null, programFor("resources"), async (stack) => {
      await stack.must(["config", "set", "bench:n", String(n)]);
      const client = emulatorClient(stack.emu.url);
      const env = { ...stack.env, ...(mode === "checkpoints" ? {} : { PULUMI_SKIP_CHECKPOINTS: "true" }) };
      const child = spawn(path.join(engineBinDir(repoRoot), "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive", "--color", "never"],
        { cwd: stack.workDir, env, detached: true, stdio: "ignore" });
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      let liveAtKill = 0;
      try {
        await pollUntil(async () => (liveAtKill = (await client.configs()).length) >= n / 2, { timeoutMs: 10 * 60_000, intervalMs: 20, what: `${n / 2} configs created` });
      } finally {
        process.kill(-(child.pid as number), "SIGKILL");
        await exited;
        // The engine starts its plugins (language host, provider) in process groups of their own: stop this
        // workspace's, which would otherwise outlive it.
        for (const pid of processesWith(/pulumi-language-nodejs|pulumi-resource-pulumi-nodejs|dynamic-provider|cmd\/run/, `BENCH_WORKSPACE=${stack.base}`)) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 500)); // requests already sent land
      const live = (await client.configs()).length;
      const file = path.join(stack.base, "backend", ".pulumi", "stacks", "bench", "bench.json");
      const latest = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")).checkpoint?.latest ?? {} : {};
      const isRelay = (r: { type?: string } | undefined) => String(r?.type).includes("RelayProxyConfiguration");
      const inState = ((latest.resources ?? []) as Array<{ type: string; id?: string }>).filter((r) => isRelay(r) && r.id).length;
      const pendingCreates = ((latest.pending_operations ?? []) as Array<{ type: string; resource: { type: string } }>)
        .filter((p) => p.type === "creating" && isRelay(p.resource)).length;
      process.stderr.write(`  crash N=${n} ${mode}: killed at ${liveAtKill} live; ${live} live, ${inState} in state, ${pendingCreates} pending creates\n`);
      return { n, mode, liveAtKill, live, inState, pendingCreates, untraced: Math.max(0, live - inState - pendingCreates) };
    }));
  }
  return out;
}

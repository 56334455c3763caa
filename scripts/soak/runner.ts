// Soak runner: repeated up / update / rotate / refresh / destroy cycles of RelayProxyConfiguration through the
// real engine against an in-process emulator (FileStore) with probabilistic faults on ~20% of API requests,
// checking invariants after every successful step with faults paused: no orphans, no lost updates, every key in
// the state accepted by the relay check, no unknown live key, and no secret in any collected text.
// Shared by scripts/soak.ts (the CLI behind `make soak`) and tests/e2e/soak.test.ts. This file runs the cycles;
// the parts are emulator.ts, faults.ts, stack.ts, actions.ts, invariants.ts, record.ts and secrets.ts.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findRepoRoot } from "../engine-workspace";
import { soakActions, waitOutGrace } from "./actions";
import { startSoakEmulator } from "./emulator";
import { soakFaults } from "./faults";
import { countStale, restartKeepsState, verify, type Checked } from "./invariants";
import { SoakRecord, type SoakSummary } from "./record";
import { scanCollected } from "./secrets";
import { createSoakStack, makeDesired } from "./stack";

export type { SoakSummary } from "./record";

export interface SoakOptions {
  /**
   * Stop starting new cycles after this many seconds (`make soak`). Absent: the soak is bounded by `maxCycles`
   * alone, so a slow machine runs the same cycles as a fast one (the test in `make test`).
   */
  seconds?: number;
  /** Hard bound on cycles. */
  maxCycles: number;
  /** Configs per cycle. */
  configs: number;
  /** Attempts per step (the first plus retries), faults left on. */
  attemptsPerStep?: number;
  /** Probability of each generic fault kind per API request (6 kinds). */
  faultProbability?: number;
  /** Probability of commit-then-fail on each write route. */
  commitThenFailProbability?: number;
  /** Restart the emulator (same port and dataDir) before this cycle's update step; -1 for never. */
  restartAtCycle?: number;
  /** Rotation grace period used by the configs (default 5s: the soak waits it out before each rotation). */
  gracePeriod?: string;
  /** The emulator's model of previous keys (`--previous-keys`): `one` (default) or `many`. */
  previousKeys?: "one" | "many";
  /** Per stack-operation timeout. */
  opTimeoutMs?: number;
  seed?: number;
  log?: (line: string) => void;
}

export async function runSoak(opts: SoakOptions): Promise<SoakSummary> {
  const record = new SoakRecord(opts.log ?? ((line: string) => console.log(line)));
  const summary = record.summary;
  const grace = opts.gracePeriod ?? "5s";
  const opTimeoutMs = opts.opTimeoutMs ?? 240_000;
  const seed = opts.seed ?? 1;
  const deadline = opts.seconds === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.seconds * 1000;
  const token = `soak-writer-${process.pid}-${Math.random().toString(36).slice(2)}-token`;
  const repoRoot = findRepoRoot();

  const base = fs.mkdtempSync(path.join(os.tmpdir(), "relay-soak-"));
  const dataDir = path.join(base, "emulator");
  fs.mkdirSync(dataDir, { recursive: true });
  const emulator = await startSoakEmulator({
    dataDir, token, faultSeed: seed, previousKeys: opts.previousKeys ?? "one", onApiRequest: () => summary.apiRequests++,
  });
  const faults = soakFaults(emulator.client, {
    seed, probability: opts.faultProbability ?? 0.035, commitThenFail: opts.commitThenFailProbability ?? 0.12,
  }, summary.faultsFired);
  const stack = await createSoakStack({ repoRoot, base, emulatorUrl: emulator.url(), token });
  const checked: Checked = { emulator, faults, stack, record };
  const actions = soakActions(stack, record, { attempts: opts.attemptsPerStep ?? 6, opTimeoutMs });

  try {
    await faults.resume();
    const all = Array.from({ length: opts.configs }, (_, i) => `r${i}`);
    for (let cycle = 1; cycle <= opts.maxCycles && Date.now() < deadline; cycle++) {
      const t0 = Date.now();
      const ok: string[] = [];
      const run = async (name: string, action: () => Promise<boolean>) => {
        if (await action()) { await verify(checked, `cycle ${cycle} ${name}`); ok.push(name); }
      };
      await waitOutGrace(stack);
      await stack.setDesired(makeDesired(cycle, 0, `c${cycle}-a`, all, grace));
      await run("up", () => actions.up("up"));

      if (cycle === opts.restartAtCycle) await restartKeepsState(checked, cycle);

      await stack.setDesired(makeDesired(cycle, 1, `c${cycle}-a`, all, grace));
      await run("update", () => actions.up("update"));
      await waitOutGrace(stack);
      await stack.setDesired(makeDesired(cycle, 1, `c${cycle}-b`, all, grace));
      await run("rotate", () => actions.up("rotate"));
      countStale(checked);
      await run("refresh", () => actions.refresh());
      if (cycle % 2 === 1) {
        // A subset goes: drop the last two configs through an up.
        await stack.setDesired(makeDesired(cycle, 1, `c${cycle}-b`, all.slice(0, Math.max(0, all.length - 2)), grace));
        await run("destroy-subset", () => actions.up("destroy-subset"));
      } else {
        stack.clearDesired();
        await run("destroy", () => actions.destroy());
      }
      summary.cycles = cycle;
      record.log(`cycle ${cycle}: ${ok.join(", ")} ok in ${Math.round((Date.now() - t0) / 1000)}s; ` +
        `orphans ${summary.orphans}, lost updates ${summary.lostUpdates}, keys rejected ${summary.relayKeyRejected}, ` +
        `unknown live keys ${summary.unknownLiveKeys}, keys cut early ${summary.keysCutEarly}, violations ${summary.violations.length}`);
    }
  } finally {
    // Leave nothing behind: destroy without faults, then check the emulator is empty.
    try {
      await faults.pause();
      await stack.stack.destroy({ color: "never", signal: AbortSignal.timeout(opTimeoutMs) }).then(
        (r) => record.collect("final destroy output", r.stdout + r.stderr),
        (err) => { record.collect("final destroy error", String(err)); summary.violations.push("final destroy failed"); },
      );
      const left = await emulator.client.configs();
      if (left.length > 0) { summary.orphans += left.length; summary.violations.push(`${left.length} configs left after the final destroy`); }
      record.collect("state file at the end", fs.readFileSync(stack.stateFile, "utf8"));
      record.collect("emulator data file", fs.readFileSync(emulator.dataFile, "utf8"));
      record.collect("emulator control log", JSON.stringify(await emulator.client.control("GET", "/log")));
    } finally {
      await emulator.close();
    }
    record.collect("emulator request log", emulator.requestLog.join("\n"));
    const scan = scanCollected(record.texts, token, record.issuedKeys, process.env.SOAK_LEAK_DUMP || undefined);
    summary.secretHits.push(...scan.hits);
    summary.scannedBytes += scan.scannedBytes;
    summary.upstreamTracingLines += scan.upstreamTracingLines;
    try {
      await stack.stack.workspace.removeStack(stack.stackName, { force: true } as any);
    } catch { /* the temp dir goes anyway */ }
    fs.rmSync(base, { recursive: true, force: true });
  }
  return record.finish();
}

// One measured operation: the emulator's request log cleared, the `pulumi` command timed with the provider's
// memory sampled and its timings recorded (LAUNCHDARKLY_TIMINGS_FILE into the workspace: provider/timings.ts;
// BENCH_PROGRAM_TIMINGS for the program's own: bench/program.ts),
// then its figures (bench/figures.ts) from the log and the state it worked on (before it for a destroy, after it
// otherwise) and its time terms (bench/breakdown.ts). `timeOperation` runs a command for its wall time and
// terms only (the twin stack without checkpoints).
import * as fs from "node:fs";
import * as path from "node:path";
import { emulatorClient, type LoggedRequest } from "../scripts/emulator-client";
import { readProgramTimings, readTimings, runTerms, type RunTerms } from "./breakdown";
import { figures, stateFigures, type OpContext, type OpResult } from "./figures";
import { RssSampler } from "./rss";
import { pulumi, type BenchStack } from "./workspace";

/** What one measured operation gives: its figures, its run, its `/api/` requests and its time terms. */
export interface Measured {
  result: OpResult;
  run: { code: number; out: string };
  log: LoggedRequest[];
  wallMs: number;
  terms: RunTerms | null;
}

/** A timed run: exit code, output, wall time and the terms from the provider's timings. */
export interface Timed {
  run: { code: number; out: string };
  wallMs: number;
  terms: RunTerms | null;
}

let runs = 0;

/** Runs `pulumi <args>` on the stack with the provider's timings on (and `extraEnv`); wall time and terms. */
export async function timeOperation(stack: BenchStack, args: string[], extraEnv: Record<string, string> = {}): Promise<Timed> {
  const prefix = path.join(stack.base, "timings", `${++runs}-${args[0]}`, "provider");
  fs.mkdirSync(path.dirname(prefix), { recursive: true });
  const programFile = path.join(path.dirname(prefix), "program.json");
  const env = { ...stack.env, ...extraEnv, LAUNCHDARKLY_TIMINGS_FILE: prefix, BENCH_PROGRAM_TIMINGS: programFile };
  const startMs = Date.now();
  const t0 = process.hrtime.bigint();
  const run = await pulumi(stack.workDir, env, args);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  return { run, wallMs, terms: runTerms(startMs, startMs + wallMs, readTimings(prefix), readProgramTimings(programFile)) };
}

/** Runs `pulumi <args>` on the stack and measures it; `destroy` takes the state figures from before it. */
export async function measureOperation(stack: BenchStack, context: OpContext, args: string[], destroy: boolean): Promise<Measured> {
  const client = emulatorClient(stack.emu.url);
  await client.clearLog();
  const before = stateFigures(stack.base);
  const sampler = new RssSampler(stack.base);
  sampler.start();
  const { run, wallMs, terms } = await timeOperation(stack, args);
  const rss = sampler.stop();
  const log = await client.log("/api/");
  const state = destroy ? before : stateFigures(stack.base);
  return { result: figures(context, run, wallMs, log, state, rss), run, log, wallMs, terms };
}

// One measured operation: the emulator's request log cleared, the `pulumi` command timed with the provider's
// memory sampled, then its figures (bench/figures.ts) from the log and the state it worked on (before it for a
// destroy, after it otherwise).
import { emulatorClient, type LoggedRequest } from "../scripts/emulator-client";
import { figures, stateFigures, type OpContext, type OpResult } from "./figures";
import { RssSampler } from "./rss";
import { pulumi, type BenchStack } from "./workspace";

/** What one measured operation gives: its figures, its run and its `/api/` requests. */
export interface Measured {
  result: OpResult;
  run: { code: number; out: string };
  log: LoggedRequest[];
  wallMs: number;
}

/** Runs `pulumi <args>` on the stack and measures it; `destroy` takes the state figures from before it. */
export async function measureOperation(stack: BenchStack, context: OpContext, args: string[], destroy: boolean): Promise<Measured> {
  const client = emulatorClient(stack.emu.url);
  await client.clearLog();
  const before = stateFigures(stack.base);
  const sampler = new RssSampler(stack.base);
  sampler.start();
  const t0 = process.hrtime.bigint();
  const run = await pulumi(stack.workDir, stack.env, args);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = sampler.stop();
  const log = await client.log("/api/");
  const state = destroy ? before : stateFigures(stack.base);
  return { result: figures(context, run, wallMs, log, state, rss), run, log, wallMs };
}

// The lifecycle benchmark: one stack of N configs in one shape (N resources, or one fleet of N entries:
// bench/program.ts) through six operations — up (create all), no-op preview, update all (one statement each),
// rotate all (new trigger), refresh, destroy — each measured (bench/operation.ts), with the engine's default or a
// given --parallel. With `checkpointAB`, a twin stack (its own emulator and backend) runs the same operations
// with PULUMI_SKIP_CHECKPOINTS=true right after each one (not the preview, which writes no state): the difference
// in wall time is the checkpoint term of the breakdown (bench/breakdown.ts), and the twin's own timings give the
// other terms. The operation names key the call targets of bench/report.ts (the same for both shapes).
import { breakdown } from "./breakdown";
import type { OpResult } from "./figures";
import { measureOperation, timeOperation } from "./operation";
import { programFor, type Shape } from "./program";
import { withBenchStack, type BenchStack } from "./workspace";

/** Runs the six operations on one stack of N configs in `shape` (and its twin), appending their figures to `results`. */
export async function lifecycle(n: number, shape: Shape, latencyMs: number, parallel: number | "default", results: OpResult[],
  checkpointAB: boolean): Promise<void> {
  const program = programFor(shape);
  await withBenchStack(`relay-bench-${shape}-${n}-`, latencyMs, null, program, async (stack) => {
    if (!checkpointAB) return operations(stack, null, n, shape, latencyMs, parallel, results);
    return withBenchStack(`relay-bench-${shape}-${n}-nockpt-`, latencyMs, null, program, (twin) => operations(stack, twin, n, shape, latencyMs, parallel, results));
  });
}

async function operations(stack: BenchStack, twin: BenchStack | null, n: number, shape: Shape, latencyMs: number,
  parallel: number | "default", results: OpResult[]): Promise<void> {
  const stacks = twin ? [stack, twin] : [stack];
  const each = async (args: string[]) => {
    for (const s of stacks) await s.must(args);
  };
  await each(["config", "set", "bench:n", String(n)]);
  const par = parallel === "default" ? [] : ["--parallel", String(parallel)];
  const up = ["up", "--yes", "--skip-preview", ...par];
  const ops: Array<{ op: string; before?: () => Promise<unknown>; args: string[] }> = [
    { op: "up (create)", args: up },
    { op: "preview (no-op)", args: ["preview", ...par] },
    { op: "update (1 statement)", before: () => each(["config", "set", "bench:variant", "1"]), args: up },
    { op: "rotate (new trigger)", before: () => each(["config", "set", "bench:trigger", "t1"]), args: up },
    { op: "refresh", args: ["refresh", "--yes", "--skip-preview", ...par] },
    { op: "destroy", args: ["destroy", "--yes", "--skip-preview", ...par] },
  ];
  for (const o of ops) {
    if (o.before) await o.before();
    const m = await measureOperation(stack, { op: o.op, shape, n, parallel, latencyMs, rateLimit: null }, o.args, o.op === "destroy");
    const noState = o.args[0] === "preview";
    const b = twin && !noState ? await timeOperation(twin, o.args, { PULUMI_SKIP_CHECKPOINTS: "true" }) : null;
    if (b && b.run.code !== 0) process.stderr.write(`  twin ${shape} ${o.op} failed:\n${b.run.out.slice(-2000)}\n`);
    m.result.breakdown = breakdown(m.terms, m.wallMs, b && b.run.code === 0 ? { terms: b.terms, wallMs: b.wallMs } : null, noState);
    m.result.skipCheckpointsWallMs = b && b.run.code === 0 ? Math.round(b.wallMs) : null;
    results.push(m.result);
    const ck = b ? `, without checkpoints ${(b.wallMs / 1000).toFixed(1)} s` : "";
    process.stderr.write(`  N=${n} ${shape} ${o.op}: ${(m.wallMs / 1000).toFixed(1)} s${ck}, exit ${m.run.code}, ${m.log.length} calls\n`);
    if (m.run.code !== 0) process.stderr.write(m.run.out.slice(-2000) + "\n");
  }
}

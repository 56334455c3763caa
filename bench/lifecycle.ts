// The lifecycle benchmark: one stack of N configs through six operations — up (create all), no-op preview, update
// all (one statement each), rotate all (new trigger), refresh, destroy — each measured (bench/operation.ts), with
// the engine's default or a given --parallel. The operation names key the call targets of bench/report.ts.
import type { OpResult } from "./figures";
import { measureOperation } from "./operation";
import { PROGRAM } from "./program";
import { withBenchStack } from "./workspace";

/** Runs the six operations on one stack of N resources, appending their figures to `results`. */
export async function lifecycle(n: number, latencyMs: number, parallel: number | "default", results: OpResult[]): Promise<void> {
  await withBenchStack(`relay-bench-${n}-`, latencyMs, null, PROGRAM, async (stack) => {
    await stack.must(["config", "set", "bench:n", String(n)]);
    const par = parallel === "default" ? [] : ["--parallel", String(parallel)];
    const up = ["up", "--yes", "--skip-preview", ...par];
    const ops: Array<{ op: string; before?: () => Promise<unknown>; args: string[] }> = [
      { op: "up (create)", args: up },
      { op: "preview (no-op)", args: ["preview", ...par] },
      { op: "update (1 statement)", before: () => stack.must(["config", "set", "bench:variant", "1"]), args: up },
      { op: "rotate (new trigger)", before: () => stack.must(["config", "set", "bench:trigger", "t1"]), args: up },
      { op: "refresh", args: ["refresh", "--yes", "--skip-preview", ...par] },
      { op: "destroy", args: ["destroy", "--yes", "--skip-preview", ...par] },
    ];
    for (const o of ops) {
      if (o.before) await o.before();
      const m = await measureOperation(stack, { op: o.op, n, parallel, latencyMs, rateLimit: null }, o.args, o.op === "destroy");
      results.push(m.result);
      process.stderr.write(`  N=${n} ${o.op}: ${(m.wallMs / 1000).toFixed(1)} s, exit ${m.run.code}, ${m.log.length} calls\n`);
      if (m.run.code !== 0) process.stderr.write(m.run.out.slice(-2000) + "\n");
    }
  });
}

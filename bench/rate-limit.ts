// The rate-limited benchmark: N configs created (then destroyed) on an emulator with a route limit of R requests
// per 10 s, each operation measured (bench/operation.ts) and compared by bench/report.ts with the floor N/R × 10 s.
import type { OpResult } from "./figures";
import { measureOperation } from "./operation";
import { programFor } from "./program";
import { withBenchStack } from "./workspace";

/** The rate-limited create and destroy, and the floor they are compared with. */
export interface RateLimited {
  create: OpResult;
  destroy: OpResult;
  floorMs: number;
}

/** Creates N resources under a route limit of `limit` per 10 s, then destroys them. */
export async function rateLimited(n: number, limit: number, latencyMs: number): Promise<RateLimited> {
  return withBenchStack(`relay-bench-rl-${n}-`, latencyMs, limit, programFor("resources"), async (stack) => {
    await stack.must(["config", "set", "bench:n", String(n)]);
    const run = async (op: string, args: string[]): Promise<OpResult> => {
      const m = await measureOperation(stack, { op, shape: "resources", n, parallel: "default", latencyMs, rateLimit: limit }, args, op.startsWith("destroy"));
      process.stderr.write(`  rate-limited N=${n} R=${limit} ${op}: ${(m.wallMs / 1000).toFixed(1)} s, exit ${m.run.code}, ${m.result.status429} x 429\n`);
      if (m.run.code !== 0) process.stderr.write(m.run.out.slice(-2000) + "\n");
      return m.result;
    };
    const create = await run("up (create), rate-limited", ["up", "--yes", "--skip-preview"]);
    const destroy = await run("destroy, rate-limited", ["destroy", "--yes", "--skip-preview"]);
    return { create, destroy, floorMs: (n / limit) * 10_000 };
  });
}

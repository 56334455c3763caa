// The soak's steps on the stack, faults left on: up, refresh and destroy through the Automation API, each with a
// time limit and retried up to `attempts` times (every output and error kept for the secret scan; a step that never
// succeeds is a violation); the first up runs with the engine's verbose RPC tracing, so the scan covers it. And the
// wait before a rotation until no previous key is in its grace period.
import type { SoakRecord } from "./record";
import type { SoakStack } from "./stack";

/** How steps run. */
export interface StepSettings {
  /** Attempts per step (the first plus retries). */
  attempts: number;
  /** Time limit of one attempt. */
  opTimeoutMs: number;
}

/** The steps; each resolves true once an attempt succeeded, false when all failed. */
export interface SoakActions {
  up(name: string): Promise<boolean>;
  refresh(): Promise<boolean>;
  destroy(): Promise<boolean>;
}

/** The steps of one soak on `stack`, recorded in `record`. */
export function soakActions(stack: SoakStack, record: SoakRecord, settings: StepSettings): SoakActions {
  const summary = record.summary;
  const step = async (name: string, run: (signal: AbortSignal) => Promise<{ stdout: string; stderr: string }>): Promise<boolean> => {
    const op = (summary.operations[name] ??= { attempts: 0, failed: 0, gaveUp: 0 });
    for (let i = 1; i <= settings.attempts; i++) {
      op.attempts++;
      try {
        const r = await run(AbortSignal.timeout(settings.opTimeoutMs));
        record.collect(`${name} output`, r.stdout + r.stderr);
        return true;
      } catch (err) {
        op.failed++;
        const text = err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err);
        record.collect(`${name} error`, text);
        const line = /error: (.*)/.exec(text)?.[1] ?? text.split("\n")[0];
        record.log(`  ${name} attempt ${i} failed: ${line.slice(0, 200)}`);
      }
    }
    op.gaveUp++;
    summary.violations.push(`${name} did not converge in ${settings.attempts} attempts`);
    return false;
  };
  let verboseDone = false;
  return {
    up: (name) =>
      step(name, async (signal) => {
        const verbose = !verboseDone;
        verboseDone = true;
        const r = await stack.stack.up({ color: "never", signal, ...(verbose ? { logVerbosity: 9, logToStdErr: true } : {}) });
        if (r.summary.result !== "succeeded") throw new Error(`up ended ${r.summary.result}`);
        return r;
      }),
    refresh: () => step("refresh", (signal) => stack.stack.refresh({ color: "never", signal })),
    destroy: () => step("destroy", (signal) => stack.stack.destroy({ color: "never", signal })),
  };
}

/**
 * Waits (bounded: 60 s) until no config's previous key is in its grace period: the provider refuses a rotation
 * before that (LaunchDarkly may keep one previous key), and an operator would wait too.
 */
export async function waitOutGrace(stack: SoakStack): Promise<void> {
  const outs = stack.relayResources().map((r: any) => r.outputs ?? {});
  const until = Math.max(0, ...outs.map((o: any) => (typeof o.previousKeyExpiresAt === "number" ? o.previousKeyExpiresAt : 0)));
  const wait = until - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait + 50, 60_000)));
}

// Waiting by polling with a deadline, shared by the emulator launcher, the ld-relay runner, the e2e tests and the
// benchmarks: a probe is called every `intervalMs` until it yields a value, and the wait fails after `timeoutMs`
// saying what it waited for. Nothing here sleeps without a bound.

/** How to poll. */
export interface PollOptions {
  /** Give up after this long (ms). */
  timeoutMs: number;
  /** Between two probes (ms); default 50. */
  intervalMs?: number;
  /** What is awaited, for the error message (a function is called only when the wait fails). */
  what: string | (() => string);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `probe` until it returns something other than undefined, and resolves with it; rejects with
 * `not within <timeoutMs> ms: <what>` once the deadline has passed. A probe that throws ends the wait.
 */
export async function poll<T>(probe: () => Promise<T | undefined> | T | undefined, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(`not within ${options.timeoutMs} ms: ${typeof options.what === "function" ? options.what() : options.what}`);
    }
    await sleep(options.intervalMs ?? 50);
  }
}

/** Polls a yes/no `probe` until it holds (see poll()). */
export async function pollUntil(probe: () => Promise<boolean> | boolean, options: PollOptions): Promise<void> {
  await poll(async () => ((await probe()) ? true : undefined), options);
}

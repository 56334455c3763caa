// The attempt loop: send through the limiter, and on a retryable outcome either pause the whole limiter
// (429: every queued request waits for the reset, and the retry goes first) or back off this request alone
// (network error, timeout, 5xx). Returns the final outcome as data; the client turns it into a result or error.
// Each attempt's time on the wire is recorded for the benchmarks when LAUNCHDARKLY_TIMINGS_FILE is set (../timings.ts).

import type { AxiosInstance } from "axios";

import { backoffDelay, exhaustedBudgetDelay, rateLimitDelay } from "./delay";
import type { Limiter } from "./limiter";
import type { RequestSpec } from "./request";
import { timedRequest } from "../timings";
import { isPermanentNetworkCode, isRetryable, type AttemptOutcome } from "./retry";
import { sendOnce, type AttemptResult } from "./send";

/** Request counters of one client. */
export interface RelayClientStats {
  /** HTTP requests sent (each attempt counts). */
  requests: number;
  /** Attempts that were retries. */
  retries: number;
  /** 429 responses received. */
  rateLimited: number;
}

/** What the loop needs; all waits go through the limiter's timer. */
export interface ExecuteDeps {
  http: AxiosInstance;
  limiter: Limiter;
  baseDelayMs: number;
  maxRetries: number;
  /** A 429 asking for a longer wait than this is returned, not retried. */
  maxRateLimitWaitMs: number;
  now: () => number;
  random: () => number;
  stats: RelayClientStats;
}

/** The last attempt's outcome, with how many attempts were made and whether another would be safe. */
export type FinalOutcome = AttemptResult & {
  attempts: number;
  retryable: boolean;
  /** For a 429 that was not retried: how long the server asked to wait. */
  rateLimitWaitMs?: number;
};

/** Send `spec`, retrying as retry.ts allows, at most `maxRetries` times. */
export async function execute(spec: RequestSpec, deps: ExecuteDeps): Promise<FinalOutcome> {
  const { limiter, baseDelayMs } = deps;
  let attempts = 0;
  for (;;) {
    const result = await limiter.schedule(() => timedRequest(() => sendOnce(deps.http, spec)), { retry: attempts > 0 });
    attempts++;
    deps.stats.requests++;

    const outcome: AttemptOutcome = result.type === "response" ? result.status : result.kind;
    const retryable =
      isRetryable(spec.method, outcome, { guarded: spec.guarded }) &&
      !(result.type === "failure" && isPermanentNetworkCode(result.code));
    const mayRetry = retryable && attempts <= deps.maxRetries;

    if (result.type === "response") {
      const hold = exhaustedBudgetDelay(result.headers, deps.now(), baseDelayMs);
      if (hold !== undefined) limiter.pauseFor(Math.min(hold, deps.maxRateLimitWaitMs));
      if (result.status >= 200 && result.status < 300) return { ...result, attempts, retryable: false };
      if (result.status === 429) {
        deps.stats.rateLimited++;
        const wait = rateLimitDelay(result.headers, deps.now(), baseDelayMs);
        limiter.pauseFor(Math.min(wait, deps.maxRateLimitWaitMs));
        if (mayRetry && wait <= deps.maxRateLimitWaitMs) {
          deps.stats.retries++;
          continue; // rescheduled at the front; the pause makes it wait
        }
        return { ...result, attempts, retryable, rateLimitWaitMs: wait };
      }
    }

    if (!mayRetry) return { ...result, attempts, retryable };
    deps.stats.retries++;
    await limiter.sleep(backoffDelay(attempts, baseDelayMs, deps.random()));
  }
}

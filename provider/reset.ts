// Key resets that survive ambiguous failures, safe whether LaunchDarkly keeps one previous key or several. A
// reset is a POST: LaunchDarkly may apply it and the answer still be lost, and then the key it issued reached
// nobody. One GET finds out. If the reset gave the previous key no grace period, the lost key is ended at once
// by another reset. If it did, nothing is reset again: under a one-previous-key model a second reset would stop
// the previous key, which relays may hold, before its grace period ends; the caller records the loss instead.
import { isLaunchDarklyError, RelayClient } from "./client";
import { RelayAutoConfig } from "./types";

/** How many resets an ambiguous failure (applied or not, unknown) may take before the error is reported. */
export const RESET_ATTEMPTS = 5;

/** What a reset came to: a new key the stack holds, or a key issued whose answer was lost (`live` has no key). */
export type ResetOutcome = { issued: RelayAutoConfig } | { lost: RelayAutoConfig };

/**
 * Resets a key, the previous one living on until `expiry` (epoch ms; undefined ends it at once). A reset is
 * never blindly re-sent: after an ambiguous failure, one GET tells whether it was applied (the display key
 * moved on from `knownDisplayKey`). Not applied: sent again as asked. Applied with no grace period (`expiry`
 * undefined or not after `now`): the next reset ends the lost key at once and returns one the stack will hold.
 * Applied with a grace period: `{ lost }`, and the previous key keeps its grace whatever LaunchDarkly's model.
 */
export async function resetKey(
  api: RelayClient,
  id: string,
  expiry: number | undefined,
  knownDisplayKey: string | undefined,
  name: string,
  now: number,
): Promise<ResetOutcome> {
  let lastKnown = knownDisplayKey;
  let nextExpiry: number | undefined = expiry;
  for (let attempt = 1; ; attempt++) {
    try {
      return { issued: await api.reset(id, nextExpiry, { name }) };
    } catch (err) {
      if (!isLaunchDarklyError(err) || !err.outcomeUnknown || attempt >= RESET_ATTEMPTS) throw err;
      const live = await api.get(id, { name });
      if (!live) throw err;
      if (lastKnown === undefined || live.displayKey !== lastKnown) {
        if (nextExpiry !== undefined && nextExpiry > now) return { lost: live };
        // Applied without grace: the key it issued reached nobody, and no other key waits on a grace period.
        nextExpiry = undefined;
        lastKnown = live.displayKey;
      }
    }
  }
}

// Key resets that survive ambiguous failures. A reset is a POST: LaunchDarkly may apply it and the answer still
// be lost, and then the key it issued reached nobody. This module finds out (one GET) and ends such a key at
// once, so no key that no stack holds stays alive.
import { isLaunchDarklyError, RelayClient } from "./client";
import { RelayAutoConfig } from "./types";

/** How many resets an ambiguous failure (applied or not, unknown) may take before the error is reported. */
export const RESET_ATTEMPTS = 5;

/**
 * Resets a key, the previous one living on until `expiry` (epoch ms; undefined ends it at once). A reset is
 * never blindly re-sent: after an ambiguous failure, one GET tells whether it was applied (the display key
 * moved on from `knownDisplayKey`). If it was, the key it issued reached nobody, so the next reset ends that
 * key at once and returns one the stack will hold; if not, the reset is sent again as asked.
 */
export async function resetKey(
  api: RelayClient,
  id: string,
  expiry: number | undefined,
  knownDisplayKey: string | undefined,
  name: string,
): Promise<RelayAutoConfig> {
  let lastKnown = knownDisplayKey;
  let nextExpiry: number | undefined = expiry;
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.reset(id, nextExpiry, { name });
    } catch (err) {
      if (!isLaunchDarklyError(err) || !err.outcomeUnknown || attempt >= RESET_ATTEMPTS) throw err;
      const live = await api.get(id, { name });
      if (!live) throw err;
      if (lastKnown === undefined || live.displayKey !== lastKnown) {
        // Applied: the key it issued reached nobody. End it at once (no expiry) with the next reset.
        nextExpiry = undefined;
        lastKnown = live.displayKey;
      }
    }
  }
}

// Relay keys: the config a key presented by a Relay Proxy opens. A key is accepted when it is the
// config's current key, or a previous key whose expiry (epoch ms) is still ahead of the injected clock:
// accepted while now < expiry, refused from the expiry millisecond on. Keys are compared by SHA-256, which is
// all the store keeps.

import { createHash, timingSafeEqual } from "node:crypto";
import type { Statement, StoredConfig } from "./types";

/** The config a relay key opens: what its auto-config stream serves follows from the policy. */
export interface RelayView {
  _id: string;
  name: string;
  policy: Statement[];
}

/** Hex SHA-256 of a relay key: the only form in which keys are stored. */
export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Whether `config` accepts the key whose hash is `hash` at time `now` (epoch ms). */
export function acceptsKey(config: StoredConfig, hash: string, now: number): boolean {
  if (sameHash(config.key.hash, hash)) return true;
  return config.previousKeys.some((previous) => sameHash(previous.hash, hash) && now < previous.expiry);
}

/** The config that accepts the key whose SHA-256 is `hash` at `now`, or null. */
export function findConfigByHash(configs: readonly StoredConfig[], hash: string, now: number): RelayView | null {
  const config = configs.find((candidate) => acceptsKey(candidate, hash, now));
  return config === undefined ? null : { _id: config._id, name: config.name, policy: structuredClone(config.policy) };
}

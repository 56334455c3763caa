// The fleet's shape, all pure: a RelayProxyConfigurations resource holds many relay configurations under stable
// keys. Its inputs are `{ configs: { <key>: <one RelayProxyConfiguration's inputs> } }`; its outputs keep each
// entry's outputs without the key (`configs`), the keys apart in one secret map (`fullKeys`), and the host.
// Here: validating the shape, splitting fleet outputs into one entry's outputs and back, and assembling.
import type { RelayOutputs } from "../outputs";
import { CheckFailure, RelayInputs } from "../types";
import { unknownFields } from "../fields";
import { UNKNOWN_INPUT } from "../wire";
import { adoptionNotInFleet, badFleetKey, fleetConfigsNotObject } from "../wording";
import { isPlainObject } from "../json";

/** Inputs of a RelayProxyConfigurations resource. */
export interface FleetInputs {
  configs: Record<string, RelayInputs>;
}

/** One entry's outputs as the fleet stores them: no key (in `fullKeys`) and no host (once, at the top). */
export type FleetEntryOutputs = Omit<RelayOutputs, "fullKey" | "apiHost">;

/** Outputs of a RelayProxyConfigurations resource. */
export interface FleetOutputs {
  configs: Record<string, FleetEntryOutputs>;
  /** Each entry's relay key, by entry key (a secret output). */
  fullKeys: Record<string, string>;
  /** The API origin the configurations were last read or written on. */
  apiHost: string;
}

/** What an entry key may look like: a stable name, as a resource name would be. */
export const FLEET_KEY_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

/** Top-level input keys of the fleet. */
const FLEET_INPUT_KEYS = ["configs"] as const;

/** The property path of an entry's field in messages and check failures: `configs["edge"].policy[0]`. */
export function entryPath(key: string, property = ""): string {
  return `configs[${JSON.stringify(key)}]${property === "" ? "" : `.${property}`}`;
}

/**
 * The fleet-level failures of `check` (the entries are checked one by one elsewhere): `configs` an object of
 * entries under valid keys, no other top-level field but Pulumi's `__provider`, and no `adoptConfigId` (a fleet
 * creates its configurations; adopt one with a RelayProxyConfiguration).
 */
export function validateFleetShape(news: unknown): CheckFailure[] {
  if (!isPlainObject(news)) return [{ property: "", reason: fleetConfigsNotObject(news) }];
  const failures: CheckFailure[] = unknownFields(news, FLEET_INPUT_KEYS, "", true);
  const configs = news.configs;
  if (configs === UNKNOWN_INPUT) return failures;
  if (!isPlainObject(configs)) return [...failures, { property: "configs", reason: fleetConfigsNotObject(configs) }];
  for (const [key, entry] of Object.entries(configs)) {
    if (!FLEET_KEY_PATTERN.test(key)) failures.push({ property: entryPath(key), reason: badFleetKey(key) });
    if (isPlainObject(entry) && entry.adoptConfigId !== undefined && entry.adoptConfigId !== null) {
      failures.push({ property: entryPath(key, "adoptConfigId"), reason: adoptionNotInFleet() });
    }
  }
  return failures;
}

/** One entry's outputs as RelayProxyConfiguration's handlers take them: with its key and the host. */
export function entryOutputs(fleet: FleetOutputs, key: string): RelayOutputs {
  const entry: RelayOutputs = { ...(fleet.configs[key] as FleetEntryOutputs), apiHost: fleet.apiHost };
  const fullKey = fleet.fullKeys?.[key];
  if (fullKey !== undefined) entry.fullKey = fullKey;
  return entry;
}

/** Fleet outputs from each entry's outputs (entries in key order, so state and diffs read the same each time). */
export function fleetOutputs(entries: Record<string, RelayOutputs>, apiHost: string): FleetOutputs {
  const out: FleetOutputs = { configs: {}, fullKeys: {}, apiHost };
  for (const key of Object.keys(entries).sort()) {
    const { fullKey, apiHost: _host, ...rest } = entries[key];
    out.configs[key] = rest;
    if (fullKey !== undefined) out.fullKeys[key] = fullKey;
  }
  return out;
}

/** The keys of old and new entries: to create, to remove, and present in both. */
export function planEntries(olds: readonly string[], news: readonly string[]): { create: string[]; remove: string[]; keep: string[] } {
  const oldSet = new Set(olds);
  const newSet = new Set(news);
  return {
    create: news.filter((k) => !oldSet.has(k)),
    remove: olds.filter((k) => !newSet.has(k)),
    keep: news.filter((k) => oldSet.has(k)),
  };
}

// Data types of the emulator: what LaunchDarkly's relay auto-config API carries (as the emulator reads the
// OpenAPI spec) and how the emulator stores it. Declared here, apart from provider/types.ts on purpose: the
// emulator is an independent stand-in for LaunchDarkly and shares no code with the provider.

import type { StoredAccount } from "./account";

/** One policy statement as stored and returned (`Statement` in the spec). */
export interface Statement {
  effect: "allow" | "deny";
  resources?: string[];
  notResources?: string[];
  actions?: string[];
  notActions?: string[];
}

/** The writable part of a config: the body of `POST /relay-auto-configs` (`RelayAutoConfigPost`). */
export interface ConfigInput {
  name: string;
  policy: Statement[];
}

/** `MemberSummary` of the spec: who created a config. */
export interface MemberSummary {
  _links: { self: { href: string; type: string } };
  _id: string;
  role: string;
  email: string;
  firstName?: string;
  lastName?: string;
}

/** `RelayAutoConfigRep` of the spec. `fullKey` is present only in create and reset answers. */
export interface ConfigRep {
  _id: string;
  _creator: MemberSummary;
  _access: { denied: unknown[]; allowed: unknown[] };
  name: string;
  policy: Statement[];
  fullKey?: string;
  displayKey: string;
  creationDate: number;
  lastModified: number;
}

/** A relay key as stored: never the key itself, only its SHA-256 and its last four characters. */
export interface StoredKey {
  /** Hex SHA-256 of the full key. */
  hash: string;
  /** Last four characters of the full key. */
  displayKey: string;
}

/** A key replaced by a reset, still accepted by the relay check while `clock.now() < expiry`. */
export interface PreviousKey extends StoredKey {
  /** Epoch ms at which the key stops working. */
  expiry: number;
}

/** A comment sent with a PATCH, kept so tests can inspect it. */
export interface CommentEntry {
  /** Epoch ms of the PATCH. */
  at: number;
  comment: string;
}

/** One config as the store keeps it. */
export interface StoredConfig {
  _id: string;
  name: string;
  policy: Statement[];
  creationDate: number;
  lastModified: number;
  creator: MemberSummary;
  key: StoredKey;
  previousKeys: PreviousKey[];
  comments: CommentEntry[];
}

/** Everything the store persists. `account` is absent in data files written before accounts existed. */
export interface StoreData {
  version: 1;
  configs: StoredConfig[];
  account?: StoredAccount;
}

/** Source of the current time in epoch ms; injected everywhere so tests are exact. */
export interface Clock {
  now(): number;
}

/** Roles a token may have. Readers may only read. */
export type Role = "writer" | "reader";

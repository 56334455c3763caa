// The rules of relay auto configs, free of HTTP: ids (24 hex), keys (`rel-<uuid>`, stored hashed), displayKey,
// timestamps from the injected clock, the creator, key resets with a grace period, and PATCH as JSON Patch or
// JSON Merge Patch. Every mutation is applied synchronously in memory (so concurrent requests never lose an
// update) and then persisted through the Store before the caller gets its answer.

import { randomBytes, randomUUID } from "node:crypto";
import { EmulatorError, invalidRequest, msg } from "./errors";
import { applyJsonPatch, applyMergePatch, jsonEqual, parsePointer, PatchError } from "./jsonpatch";
import type { PatchRequest } from "./patchbody";
import { accountErrors, buildAccount, DEFAULT_ACCOUNT, type AccountInput, type StoredAccount } from "./account";
import { findConfigByHash, hashKey, type RelayView } from "./relay";
import { configInputErrors, normalizeInput } from "./rules";
import { emptyData, type Store } from "./store";
import type { Clock, CommentEntry, ConfigInput, ConfigRep, MemberSummary, Statement, StoreData, StoredConfig } from "./types";

/** Top-level fields of a config that a PATCH may not change. */
export const READ_ONLY_FIELDS = ["_id", "fullKey", "displayKey", "creationDate", "lastModified", "_creator", "_access"];

const ID = /^[0-9a-f]{24}$/;

/** A config as the control API shows it: no key, but comments and the expiries of previous keys. */
export interface ConfigState extends ConfigRep {
  comments: CommentEntry[];
  previousKeys: { displayKey: string; expiry: number }[];
}

/** What the service needs. */
export interface ServiceOptions {
  store: Store;
  clock: Clock;
  /** Schema errors of a `{ name, policy }` body (the spec's RelayAutoConfigPost); checked before the rules. */
  shapeErrors?: (value: unknown) => string[];
  /** How many comments to keep per config (newest last). Default 20. */
  maxComments?: number;
  /**
   * The account to serve. When given it replaces the stored one (ids and keys kept for keys that stay);
   * otherwise the stored account is served, or DEFAULT_ACCOUNT when none is stored.
   */
  account?: AccountInput;
  /**
   * How many previous keys a config keeps after resets (LaunchDarkly does not document it): `one` (default, the
   * cautious reading) — a reset replaces the single expiring key, the one before it stops at once; `many` —
   * every previous key keeps its own expiry.
   */
  previousKeys?: PreviousKeysModel;
}

/** The two readings of how many previous relay keys LaunchDarkly keeps. */
export type PreviousKeysModel = "one" | "many";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Relay auto configs (CRUD, key resets, patches, which config a relay key opens) and the account. */
export class RelayConfigService {
  private data: StoreData = emptyData();
  private account: StoredAccount = { projects: [] };
  private loading: Promise<void> | null = null;
  private readonly maxComments: number;
  private readonly listeners: (() => void)[] = [];

  /** @param options store, clock and the optional schema check. */
  constructor(private readonly options: ServiceOptions) {
    this.maxComments = options.maxComments ?? 20;
  }

  /** Loads the store once (and settles the account to serve); every public method awaits it. */
  ready(): Promise<void> {
    this.loading ??= this.options.store.read().then(async (data) => {
      this.data = data ?? emptyData();
      const input = this.options.account;
      if (input === undefined && this.data.account !== undefined) {
        this.account = this.data.account;
        return;
      }
      if (input !== undefined) checkAccount(input);
      this.account = buildAccount(input ?? DEFAULT_ACCOUNT, this.data.account ?? null);
      this.data.account = this.account;
      await this.options.store.write(this.data);
    });
    return this.loading;
  }

  /** Calls `listener` after every change of a config, a key or the account (streams follow them). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The account as stored (ids and SDK keys included: for the streaming side and the projects API only). */
  async currentAccount(): Promise<StoredAccount> {
    await this.ready();
    return this.account;
  }

  /**
   * Replaces the account (same shape as an account file). Projects and environments that keep their keys keep
   * their ids and SDK keys. Throws invalid_request naming every bad field; nothing changes then.
   */
  async replaceAccount(input: unknown): Promise<StoredAccount> {
    await this.ready();
    checkAccount(input);
    this.account = buildAccount(input as AccountInput, this.account);
    this.data.account = this.account;
    await this.persist();
    return this.account;
  }

  /**
   * Forgets previous keys whose expiry the clock has reached, so a key that expired stays expired even when
   * the emulator's clock is later moved back (as time does for LaunchDarkly). Persists only when one was dropped.
   */
  async expireKeys(): Promise<void> {
    await this.ready();
    const now = this.options.clock.now();
    let dropped = false;
    for (const config of this.data.configs) {
      const kept = config.previousKeys.filter((key) => now < key.expiry);
      if (kept.length === config.previousKeys.length) continue;
      config.previousKeys = kept;
      dropped = true;
    }
    if (dropped) await this.persist();
  }

  /** The config accepting the key whose SHA-256 is `hash` at the clock's now, or null. */
  async configByKeyHash(hash: string): Promise<RelayView | null> {
    await this.ready();
    return findConfigByHash(this.data.configs, hash, this.options.clock.now());
  }

  /** All configs, oldest first, without keys. */
  async list(): Promise<ConfigRep[]> {
    await this.ready();
    return this.data.configs.map((config) => this.toRep(config));
  }

  /** One config without its key; not_found for an unknown or malformed id. */
  async get(id: string): Promise<ConfigRep> {
    await this.ready();
    return this.toRep(this.find(id));
  }

  /** Creates a config; the answer is the only time (with reset) that `fullKey` is shown. */
  async create(body: unknown, creator: MemberSummary): Promise<ConfigRep> {
    await this.ready();
    const input = this.checkInput(body);
    const now = this.options.clock.now();
    const fullKey = newKey();
    const config: StoredConfig = {
      _id: randomBytes(12).toString("hex"),
      name: input.name,
      policy: input.policy,
      creationDate: now,
      lastModified: now,
      creator: structuredClone(creator),
      key: { hash: hashKey(fullKey), displayKey: fullKey.slice(-4) },
      previousKeys: [],
      comments: [],
    };
    this.data.configs.push(config);
    await this.persist();
    return { ...this.toRep(config), fullKey };
  }

  /** Applies a JSON Patch or merge patch; read-only fields refused, the result must be a valid config. */
  async patch(id: string, request: PatchRequest): Promise<ConfigRep> {
    await this.ready();
    const config = this.find(id);
    const before = this.toRep(config);
    const patched = this.applyPatch(before, request);
    if (!isObject(patched)) throw invalidRequest(["body: the patched config must be an object"]);
    for (const field of READ_ONLY_FIELDS) {
      if (!jsonEqual(patched[field], (before as unknown as Record<string, unknown>)[field])) {
        throw new EmulatorError("invalid_request", msg.readOnly(field));
      }
    }
    const writable = Object.fromEntries(Object.entries(patched).filter(([key]) => !READ_ONLY_FIELDS.includes(key)));
    const input = this.checkInput(writable);
    const now = this.options.clock.now();
    if (!jsonEqual(input, { name: config.name, policy: config.policy })) {
      config.name = input.name;
      config.policy = input.policy;
      config.lastModified = now;
    }
    if (request.comment !== undefined) {
      config.comments.push({ at: now, comment: request.comment });
      config.comments.splice(0, Math.max(0, config.comments.length - this.maxComments));
    }
    await this.persist();
    return this.toRep(config);
  }

  /** Deletes a config; its keys stop working at once. */
  async delete(id: string): Promise<void> {
    await this.ready();
    const config = this.find(id);
    this.data.configs = this.data.configs.filter((candidate) => candidate !== config);
    await this.persist();
  }

  /**
   * Gives the config a new key. The old key keeps working while `clock.now() < expiry`; with no expiry, or one
   * not in the future, it stops at once. Earlier previous keys keep their own expiries under the `many` model,
   * and stop at once under `one` (the default).
   */
  async resetKey(id: string, expiry?: number): Promise<ConfigRep> {
    await this.ready();
    const config = this.find(id);
    const now = this.options.clock.now();
    const previous = (this.options.previousKeys ?? "one") === "many" ? config.previousKeys.filter((key) => now < key.expiry) : [];
    if (expiry !== undefined && now < expiry) previous.push({ ...config.key, expiry });
    const fullKey = newKey();
    config.previousKeys = previous;
    config.key = { hash: hashKey(fullKey), displayKey: fullKey.slice(-4) };
    config.lastModified = now;
    await this.persist();
    return { ...this.toRep(config), fullKey };
  }

  /** Every config with its comments and previous-key expiries (no secrets), for the control API. */
  async state(): Promise<ConfigState[]> {
    await this.ready();
    return this.data.configs.map((config) => ({
      ...this.toRep(config),
      comments: structuredClone(config.comments),
      previousKeys: config.previousKeys.map(({ displayKey, expiry }) => ({ displayKey, expiry })),
    }));
  }

  /** Deletes every config. */
  async clear(): Promise<void> {
    await this.ready();
    this.data = { ...emptyData(), account: this.account };
    await this.persist();
  }

  private find(id: string): StoredConfig {
    const config = ID.test(id) ? this.data.configs.find((candidate) => candidate._id === id) : undefined;
    if (config === undefined) throw new EmulatorError("not_found", msg.notFound());
    return config;
  }

  private checkInput(body: unknown): ConfigInput {
    const shape = this.options.shapeErrors?.(body) ?? [];
    const errors = shape.length > 0 ? shape : configInputErrors(body);
    if (errors.length > 0) throw invalidRequest(errors);
    return normalizeInput(body as ConfigInput);
  }

  private applyPatch(before: ConfigRep, request: PatchRequest): unknown {
    if (request.kind === "merge") {
      const readOnly = Object.keys(request.merge).filter((key) => READ_ONLY_FIELDS.includes(key));
      if (readOnly.length > 0) throw new EmulatorError("invalid_request", msg.readOnly(readOnly[0]));
      return applyMergePatch(before, request.merge);
    }
    request.operations.forEach((operation, index) => {
      const touched = operation.op === "test" ? [] : operation.op === "move" ? [operation.path, operation.from as string] : [operation.path];
      for (const pointer of touched) {
        const top = parsePointer(pointer)[0];
        if (top === undefined) throw new EmulatorError("invalid_request", msg.invalidPatch(index, "path: cannot replace the whole config"));
        if (READ_ONLY_FIELDS.includes(top)) throw new EmulatorError("invalid_request", msg.readOnly(`patch[${index}] ${pointer}`));
      }
    });
    try {
      return applyJsonPatch(before, request.operations);
    } catch (error) {
      if (!(error instanceof PatchError)) throw error;
      if (error.kind === "invalid") throw new EmulatorError("invalid_request", msg.invalidPatch(error.index, error.message));
      throw new EmulatorError("patch_failed", msg.patchFailed(error.index, error.message));
    }
  }

  /** The API view of a stored config: a fresh copy (hand-copied: structuredClone is slow on the list path). */
  private toRep(config: StoredConfig): ConfigRep {
    const { _links, ...member } = config.creator;
    return {
      _id: config._id,
      _creator: { ...member, _links: { self: { ..._links.self } } },
      _access: { denied: [], allowed: [] },
      name: config.name,
      policy: config.policy.map(copyStatement),
      displayKey: config.key.displayKey,
      creationDate: config.creationDate,
      lastModified: config.lastModified,
    };
  }

  private async persist(): Promise<void> {
    await this.options.store.write(this.data);
    for (const listener of this.listeners) listener();
  }
}

/** Throws invalid_request naming every field of `input` that is not an account. */
function checkAccount(input: unknown): void {
  const errors = accountErrors(input);
  if (errors.length > 0) throw invalidRequest(errors);
}

/** A copy of a statement: its lists are new arrays. */
function copyStatement(statement: Statement): Statement {
  const copy: Statement = { effect: statement.effect };
  if (statement.resources !== undefined) copy.resources = [...statement.resources];
  if (statement.notResources !== undefined) copy.notResources = [...statement.notResources];
  if (statement.actions !== undefined) copy.actions = [...statement.actions];
  if (statement.notActions !== undefined) copy.notActions = [...statement.notActions];
  return copy;
}

/** A new relay key, `rel-<uuid>`. */
function newKey(): string {
  return `rel-${randomUUID()}`;
}

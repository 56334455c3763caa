// The streaming side a Relay Proxy talks to: open server-sent-event streams, what each has been sent, and how
// they follow changes. An auto-config stream (`/relay_auto_config`) starts with a `put` of every environment its
// config's policy reaches. After every change of a config, a key or the account, and on a periodic sweep (which
// also forgets previous keys whose grace period ended on the emulator's clock), each stream gets `patch` and
// `delete` events with increasing versions, and a stream whose key stopped being valid is closed (its reconnect
// then gets 401). SDK streams (`/all`) get an empty `put` and are closed when their environment leaves the
// account. Every stream gets a comment line as heartbeat. Keys are held only as SHA-256 hashes, never logged.

import type { ServerResponse } from "node:http";
import type { StoredAccount, StoredEnvironment, StoredProject } from "./account";
import { reachedEnvironments } from "./reach";
import { hashKey } from "./relay";
import type { RelayConfigService } from "./service";

/** Timing of the hub; tests shorten both. */
export interface StreamOptions {
  /** Interval of the heartbeat comment on every open stream. Default 180000 (LaunchDarkly's 3 minutes). */
  heartbeatMs?: number;
  /** Interval of the sweep that closes streams whose key expired on the clock. Default 250. */
  sweepMs?: number;
}

/** Counters shown in `/__emulator/stats`. */
export interface StreamStats {
  /** Streams open now, by kind. */
  open: { autoConfig: number; sdk: number };
  /** Streams opened since start, by kind. */
  opened: { autoConfig: number; sdk: number };
  /** Streams the emulator closed because their key or environment stopped being valid, or on request. */
  closedByServer: number;
  /** patch and delete events sent on auto-config streams. */
  events: { patch: number; delete: number };
}

/** The relay's view of one environment (`Env` of the auto-config protocol), without its version. */
export interface RelayEnvironment {
  envID: string;
  envKey: string;
  envName: string;
  mobKey: string;
  projKey: string;
  projName: string;
  sdkKey: { value: string };
  defaultTtl: number;
  secureMode: boolean;
}

interface AutoConfigStream {
  kind: "autoConfig";
  res: ServerResponse;
  keyHash: string;
  configId: string;
  /** Per environment id: what was sent (JSON without version). */
  sent: Map<string, string>;
}

interface SdkStream {
  kind: "sdk";
  res: ServerResponse;
  environmentId: string;
}

type OpenStream = AutoConfigStream | SdkStream;

/** The relay's `Env` for one environment of the account. */
export function relayEnvironment(project: StoredProject, environment: StoredEnvironment): RelayEnvironment {
  return {
    envID: environment._id,
    envKey: environment.key,
    envName: environment.name,
    mobKey: environment.mobileKey,
    projKey: project.key,
    projName: project.name,
    sdkKey: { value: environment.sdkKey },
    defaultTtl: 0,
    secureMode: false,
  };
}

/** One server-sent event. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The minimal SDK `put` that makes a relay environment connected: no flags, no segments. */
export const EMPTY_SDK_PUT = sseEvent("put", { path: "/", data: { flags: {}, segments: {} } });

const SSE_HEADERS = { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache", Connection: "keep-alive" };

/** Open streams of one emulator and the rules by which they follow changes. */
export class StreamHub {
  private readonly streams = new Set<OpenStream>();
  private readonly counters: StreamStats = { open: { autoConfig: 0, sdk: 0 }, opened: { autoConfig: 0, sdk: 0 }, closedByServer: 0, events: { patch: 0, delete: 0 } };
  /** Versions of events: start at the wall clock in ms, so they keep increasing across emulator restarts. */
  private version = Date.now();
  private chain: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];

  /** @param service where configs, keys and the account live; its changes trigger a sync. */
  constructor(
    private readonly service: RelayConfigService,
    private readonly options: StreamOptions = {},
  ) {
    service.onChange(() => void this.sync());
  }

  /** Starts the heartbeat and the sweep (timers do not keep the process alive). */
  start(): void {
    if (this.timers.length > 0) return;
    const heartbeat = setInterval(() => this.heartbeat(), this.options.heartbeatMs ?? 180_000);
    const sweep = setInterval(() => void this.sync(), this.options.sweepMs ?? 250);
    heartbeat.unref();
    sweep.unref();
    this.timers = [heartbeat, sweep];
  }

  /**
   * Opens an auto-config stream for `key` on `res` (headers not yet sent) with a `put` of everything the
   * config reaches; false (nothing written) when no config accepts the key now.
   */
  async openAutoConfig(res: ServerResponse, key: string): Promise<boolean> {
    const keyHash = hashKey(key);
    const config = key === "" ? null : await this.service.configByKeyHash(keyHash);
    if (config === null) return false;
    const account = await this.service.currentAccount();
    const stream: AutoConfigStream = { kind: "autoConfig", res, keyHash, configId: config._id, sent: new Map() };
    const environments: Record<string, unknown> = {};
    for (const environment of this.reach(config.policy, account)) {
      const body = JSON.stringify(environment);
      stream.sent.set(environment.envID, body);
      environments[environment.envID] = { ...environment, version: this.nextVersion() };
    }
    this.register(stream);
    res.write(sseEvent("put", { path: "/", data: { environments, filters: {} } }));
    return true;
  }

  /** Opens an SDK stream (`/all`) for `sdkKey` with an empty `put`; false when no environment has that key. */
  async openSdk(res: ServerResponse, sdkKey: string): Promise<boolean> {
    const account = await this.service.currentAccount();
    const environment = sdkKey === "" ? undefined : account.projects.flatMap((project) => project.environments).find((candidate) => candidate.sdkKey === sdkKey);
    if (environment === undefined) return false;
    this.register({ kind: "sdk", res, environmentId: environment._id });
    res.write(EMPTY_SDK_PUT);
    return true;
  }

  /** Brings every open stream up to date; calls are serialized, so events keep their order. */
  sync(): Promise<void> {
    this.chain = this.chain.then(() => this.syncNow()).catch(() => undefined);
    return this.chain;
  }

  /** Closes the open auto-config streams (of one config, or all); returns how many. The relay reconnects. */
  drop(configId?: string): number {
    let count = 0;
    for (const stream of this.streams) {
      if (stream.kind === "autoConfig" && (configId === undefined || stream.configId === configId)) {
        this.close(stream);
        count += 1;
      }
    }
    return count;
  }

  /** Counters for the stats. */
  stats(): StreamStats {
    return structuredClone(this.counters);
  }

  /** Stops the timers and ends every stream (the emulator is closing). */
  closeAll(): void {
    this.timers.forEach(clearInterval);
    this.timers = [];
    for (const stream of this.streams) {
      this.streams.delete(stream);
      stream.res.end();
      stream.res.socket?.destroy();
    }
  }

  private register(stream: OpenStream): void {
    stream.res.writeHead(200, SSE_HEADERS);
    stream.res.flushHeaders();
    this.streams.add(stream);
    this.counters.opened[stream.kind] += 1;
    this.counters.open[stream.kind] += 1;
    stream.res.on("close", () => {
      if (this.streams.delete(stream)) this.counters.open[stream.kind] -= 1;
    });
  }

  private close(stream: OpenStream): void {
    if (!this.streams.delete(stream)) return;
    this.counters.open[stream.kind] -= 1;
    this.counters.closedByServer += 1;
    stream.res.end();
  }

  private heartbeat(): void {
    for (const stream of this.streams) stream.res.write(":\n\n");
  }

  private nextVersion(): number {
    this.version += 1;
    return this.version;
  }

  private reach(policy: Parameters<typeof reachedEnvironments>[0], account: StoredAccount): RelayEnvironment[] {
    return reachedEnvironments(policy, account).map(({ project, environment }) => relayEnvironment(project, environment));
  }

  private async syncNow(): Promise<void> {
    await this.service.expireKeys();
    if (this.streams.size === 0) return;
    const account = await this.service.currentAccount();
    const environmentIds = new Set(account.projects.flatMap((project) => project.environments.map((environment) => environment._id)));
    for (const stream of [...this.streams]) {
      if (stream.kind === "sdk") {
        if (!environmentIds.has(stream.environmentId)) this.close(stream);
        continue;
      }
      const config = await this.service.configByKeyHash(stream.keyHash);
      if (config === null || config._id !== stream.configId) {
        this.close(stream);
        continue;
      }
      this.update(stream, this.reach(config.policy, account));
    }
  }

  /** Sends a patch for each environment new or changed, a delete for each one no longer reached. */
  private update(stream: AutoConfigStream, reached: RelayEnvironment[]): void {
    const now = new Set<string>();
    for (const environment of reached) {
      now.add(environment.envID);
      const body = JSON.stringify(environment);
      if (stream.sent.get(environment.envID) === body) continue;
      stream.sent.set(environment.envID, body);
      this.counters.events.patch += 1;
      stream.res.write(sseEvent("patch", { path: `/environments/${environment.envID}`, data: { ...environment, version: this.nextVersion() } }));
    }
    for (const envId of [...stream.sent.keys()]) {
      if (now.has(envId)) continue;
      stream.sent.delete(envId);
      this.counters.events.delete += 1;
      stream.res.write(sseEvent("delete", { path: `/environments/${envId}`, version: this.nextVersion() }));
    }
  }
}

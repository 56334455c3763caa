// What the routes of one emulator instance share: the service, the spec validator, auth, limits, faults, the
// clock, the request log, and a per-request record used for logging. Built once by createApp().

import type { FastifyRequest } from "fastify";
import type { TokenAuth } from "./auth";
import type { ControllableClock } from "./clock";
import type { FaultSet } from "./faults";
import type { RateLimiter } from "./limits";
import type { LogEntry, RequestLog } from "./requestlog";
import type { RelayConfigService } from "./service";
import type { SpecValidator } from "./spec";
import type { Store } from "./store";
import type { StreamHub } from "./streamhub";

/** Waits `ms` milliseconds; injectable so tests can observe delays without sleeping. */
export type Sleep = (ms: number) => Promise<void>;

/** Shared state of one emulator instance. */
export interface EmulatorContext {
  service: RelayConfigService;
  /** Open relay and SDK streams. */
  streams: StreamHub;
  spec: SpecValidator;
  auth: TokenAuth;
  limiter: RateLimiter;
  faults: FaultSet;
  clock: ControllableClock;
  log: RequestLog;
  store: Store;
  /** Test mode: a response that does not match the spec becomes a 500 saying why. */
  validateResponses: boolean;
  /** Added to every API and relay request. */
  latencyMs: number;
  sleep: Sleep;
  /** Called with each log entry (the CLI prints them with --verbose). */
  onLog?: (entry: LogEntry) => void;
}

/** Per-request bookkeeping for the log. */
export interface RequestInfo {
  time: number;
  started: number;
  faults: string[];
  logged: boolean;
}

const infos = new WeakMap<FastifyRequest, RequestInfo>();

/** The bookkeeping record of a request, created on first use. */
export function requestInfo(request: FastifyRequest, now: number): RequestInfo {
  let info = infos.get(request);
  if (info === undefined) {
    info = { time: now, started: performance.now(), faults: [], logged: false };
    infos.set(request, info);
  }
  return info;
}

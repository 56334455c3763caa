// createApp(): builds one emulator as a Fastify instance without listening (tests inject or listen on port 0;
// only cli.ts parses flags and listens). Wires the service (configs and the account), the streaming side a
// relay talks to, spec validation, auth, limits, faults, request log and, when asked, the control API; maps
// every error to LaunchDarkly's `{ code, message }` body.

import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { TokenAuth, type TokenSpec } from "./auth";
import { ControllableClock, systemClock } from "./clock";
import type { EmulatorContext, Sleep } from "./context";
import { requestInfo } from "./context";
import { CONTROL_PREFIX, registerControlRoutes } from "./control";
import { EmulatorError, msg } from "./errors";
import { FaultSet, type FaultDefinition } from "./faults";
import { RateLimiter, type LimitOptions } from "./limits";
import { respond, respondError } from "./pipeline";
import { RequestLog, type LogEntry } from "./requestlog";
import { registerApiRoutes } from "./routes";
import type { AccountInput } from "./account";
import { RelayConfigService, type PreviousKeysModel } from "./service";
import { SpecValidator } from "./spec";
import { MemoryStore, type Store } from "./store";
import { StreamHub } from "./streamhub";
import { registerStreamRoutes } from "./streamroutes";
import type { Clock } from "./types";

/** Everything an emulator instance can be given; all optional. */
export interface AppOptions {
  /** Where configs live; default a fresh MemoryStore. */
  store?: Store;
  /** Time source. A ControllableClock is used as is (and the control API can move it); any other is wrapped. */
  clock?: Clock;
  /** Active faults: a FaultSet to keep a handle on, or definitions to start with. */
  faults?: FaultSet | FaultDefinition[];
  /** Seed of the fault RNG when `faults` is not a FaultSet. Default 1. */
  faultSeed?: number;
  /** Rate limits; default none. */
  limits?: LimitOptions;
  /** Accepted tokens; default only DEFAULT_DEV_TOKEN as a writer. */
  tokens?: TokenSpec[];
  /** Test mode: check every API response against the spec and answer 500 with the reason on a mismatch. */
  validateResponses?: boolean;
  /** Register the /__emulator control API. */
  control?: boolean;
  /** Added latency for every API and relay request, in ms. */
  latencyMs?: number;
  /** How delays are waited for; default setTimeout (cut short when the app closes). */
  sleep?: Sleep;
  /** Request log size. Default 1000. */
  logSize?: number;
  /** Serve HTTPS with this key pair (see tls.ts) instead of plain HTTP. */
  tls?: { key: string; cert: string };
  /** Called with each request log entry. */
  onLog?: (entry: LogEntry) => void;
  /** The account (projects, environments) to serve; default the stored one, else DEFAULT_ACCOUNT. */
  account?: AccountInput;
  /** Interval of the heartbeat comment on open streams, ms. Default 180000. */
  heartbeatMs?: number;
  /** Interval at which open streams are checked against key expiries on the clock, ms. Default 250. */
  streamSweepMs?: number;
  /** How many previous keys a reset keeps alive: `one` (default) or `many` (see RelayConfigService). */
  previousKeys?: PreviousKeysModel;
}

/** The timer-based sleep, cut short when `signal` aborts (so closing never waits on an injected delay). */
function timerSleep(signal: AbortSignal): Sleep {
  return (ms) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done);
    });
}

/** Builds an emulator app (not listening). */
export function createApp(options: AppOptions = {}): FastifyInstance {
  const clock = options.clock instanceof ControllableClock ? options.clock : new ControllableClock(options.clock ?? systemClock);
  const store = options.store ?? new MemoryStore();
  const spec = new SpecValidator();
  const faults = options.faults instanceof FaultSet ? options.faults : new FaultSet(options.faultSeed);
  if (Array.isArray(options.faults)) options.faults.forEach((definition) => faults.add(definition));
  const closing = new AbortController();
  const service = new RelayConfigService({
    store,
    clock,
    account: options.account,
    previousKeys: options.previousKeys,
    shapeErrors: (value) => spec.componentErrors("RelayAutoConfigPost", value),
  });
  const streams = new StreamHub(service, { heartbeatMs: options.heartbeatMs, sweepMs: options.streamSweepMs });
  const ctx: EmulatorContext = {
    service,
    streams,
    spec,
    auth: new TokenAuth(options.tokens),
    limiter: new RateLimiter(options.limits ?? {}, clock),
    faults,
    clock,
    log: new RequestLog(options.logSize),
    store,
    validateResponses: options.validateResponses ?? false,
    latencyMs: options.latencyMs ?? 0,
    sleep: options.sleep ?? timerSleep(closing.signal),
    onLog: options.onLog,
  };

  const base = { logger: false, exposeHeadRoutes: false, bodyLimit: 1024 * 1024 };
  const app = (options.tls ? Fastify({ ...base, https: options.tls }) : Fastify(base)) as unknown as FastifyInstance;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

  app.addHook("onRequest", async (request) => {
    requestInfo(request, clock.now());
  });
  app.addHook("onResponse", async (request, reply) => {
    if (request.url.startsWith(`${CONTROL_PREFIX}/`)) return;
    const info = requestInfo(request, clock.now());
    if (info.logged) return;
    info.logged = true;
    const entry: LogEntry = { time: info.time, method: request.method, path: request.url, status: reply.statusCode, durationMs: performance.now() - info.started, faults: info.faults };
    ctx.log.add(entry, `${request.method} ${request.routeOptions.url ?? "(no route)"}`);
    ctx.onLog?.(entry);
  });
  app.addHook("onReady", async () => {
    await ctx.service.ready();
    streams.start();
  });
  app.addHook("preClose", async () => {
    closing.abort();
    streams.closeAll();
  });
  app.addHook("onClose", async () => store.flush());

  app.setErrorHandler((error: FastifyError | EmulatorError, request, reply) => {
    if (error instanceof EmulatorError) return respondError(ctx, request, reply, error);
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return respond(ctx, request, reply, 400, { code: "invalid_request", message: error.message });
    }
    return respond(ctx, request, reply, 500, { code: "internal_error", message: msg.internal() });
  });
  app.setNotFoundHandler((request, reply) =>
    respond(ctx, request, reply, 404, { code: "not_found", message: msg.routeNotFound(request.method, request.url.split("?")[0]) }),
  );

  registerApiRoutes(app, ctx);
  registerStreamRoutes(app, ctx, streams);
  if (options.control === true) registerControlRoutes(app, ctx);
  return app;
}

// The LaunchDarkly Relay Proxy auto-config client: six operations over the retry loop, each turning the final
// outcome into a typed result or a LaunchDarklyError. The token lives only in the axios instance's headers.

import type { AxiosAdapter } from "axios";

import { hasMore, parseEnvironmentsPage, parseProjectsPage, type Account, type AccountProject } from "../account";
import type { PatchOperation, RelayAutoConfig, RelayAutoConfigPost } from "../types";
import { LaunchDarklyError } from "./errors";
import { execute, type ExecuteDeps, type FinalOutcome, type RelayClientStats } from "./execute";
import { limiterFor, type Limiter } from "./limiter";
import {
  apiEndpoint,
  createHttp,
  ACCOUNT_PAGE_LIMIT,
  createRequest,
  deleteRequest,
  environmentsRequest,
  getRequest,
  listRequest,
  patchRequest,
  projectsRequest,
  resetRequest,
  type RequestSpec,
} from "./request";
import { isNotSentCode } from "./retry";
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_BASE_MS, type TokenKind } from "../settings";
import { missingAccessToken, rateLimitTooLong, unexpectedBody } from "../wording";

/** Settings of `createRelayClient`. Only `apiHost` and `token` are required. */
export interface RelayClientSettings {
  /** API base, e.g. `https://app.launchdarkly.com`, or `http://127.0.0.1:PORT` for the emulator. */
  apiHost: string;
  /** LaunchDarkly access token (sent as-is in `Authorization`) or OAuth token (sent as `Bearer …`). */
  token: string;
  /** Which credential `token` is (default `access`). */
  tokenKind?: TokenKind;
  /** Per-request timeout (default 30000). */
  timeoutMs?: number;
  /** Unit of every backoff and fallback wait (default 1000; 1–50 in tests). */
  baseDelayMs?: number;
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** A 429 asking for a longer wait is reported instead of retried (default 120000). */
  maxRateLimitWaitMs?: number;
  /** Concurrency cap of this host+token's shared limiter (default `DEFAULT_MAX_CONCURRENCY`). */
  maxConcurrent?: number;
  /** Replaces the network adapter (tests). */
  transport?: AxiosAdapter;
  /** Replaces the process-wide limiter (tests). */
  limiter?: Limiter;
  /** Clock, epoch ms, for reading rate-limit headers (default: the limiter's clock, which waits are timed on). */
  now?: () => number;
  /** Randomness in [0, 1) for jitter (default `Math.random`). */
  random?: () => number;
}

/** Names a config in error messages. */
export interface ConfigContext {
  /** The config's name, when the caller knows it. */
  name?: string;
}

/** Client for `/api/v2/account/relay-auto-configs`. Every method rejects with a LaunchDarklyError. */
export interface RelayClient {
  /** All relay auto-configs of the account. */
  list(): Promise<RelayAutoConfig[]>;
  /** One config, or `undefined` when it does not exist (404). */
  get(id: string, ctx?: ConfigContext): Promise<RelayAutoConfig | undefined>;
  /** Create a config; the response carries `fullKey`. Never retried after an ambiguous failure. */
  create(body: RelayAutoConfigPost): Promise<RelayAutoConfig>;
  /** Apply a JSON Patch (`{ patch, comment? }`); retried on transient failures only when `ops` has a `test` op. */
  patch(id: string, ops: PatchOperation[], comment?: string, ctx?: ConfigContext): Promise<RelayAutoConfig>;
  /** Delete a config: `"deleted"`, or `"absent"` when it was already gone (404, also after a retry). */
  remove(id: string, ctx?: ConfigContext): Promise<"deleted" | "absent">;
  /** Reset the key; the old key keeps working until `expiryMs` (epoch ms; default: expires now). */
  reset(id: string, expiryMs?: number, ctx?: ConfigContext): Promise<RelayAutoConfig>;
  /**
   * The account's projects with all their environments (`GET /api/v2/projects?expand=environments`, every page;
   * a project's further environments from `GET /api/v2/projects/{key}/environments`). SDK keys are not kept.
   */
  account(): Promise<Account>;
  /** Request counters since the client was created. */
  stats(): RelayClientStats;
}

/** Build a client. Throws a plain Error for an unusable `apiHost` or an empty `token`. */
export function createRelayClient(settings: RelayClientSettings): RelayClient {
  const { base, origin } = apiEndpoint(settings.apiHost);
  const token = settings.token;
  if (typeof token !== "string" || token.trim() === "") throw new Error(missingAccessToken());
  const secrets = [token];
  const timeoutMs = settings.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const stats: RelayClientStats = { requests: 0, retries: 0, rateLimited: 0 };
  const limiter =
    settings.limiter ??
    limiterFor(origin, token, settings.maxConcurrent === undefined ? {} : { maxConcurrent: settings.maxConcurrent });
  const deps: ExecuteDeps = {
    http: createHttp(token, timeoutMs, settings.transport, settings.tokenKind),
    limiter,
    baseDelayMs: settings.baseDelayMs ?? DEFAULT_RETRY_BASE_MS,
    maxRetries: settings.maxRetries ?? 4,
    maxRateLimitWaitMs: settings.maxRateLimitWaitMs ?? 120_000,
    now: settings.now ?? (() => limiter.now()),
    random: settings.random ?? (() => Math.random()),
    stats,
  };

  /** Run a request; resolve with the 2xx outcome or the given tolerated status, else throw. */
  async function run(
    spec: RequestSpec,
    target: Target,
    tolerate?: number,
  ): Promise<FinalOutcome & { type: "response" }> {
    const final = await execute(spec, deps);
    if (final.type === "response" && ((final.status >= 200 && final.status < 300) || final.status === tolerate)) {
      return final;
    }
    throw failure(spec, target, final);
  }

  function failure(spec: RequestSpec, target: Target, final: FinalOutcome, detail?: string): LaunchDarklyError {
    const common = {
      operation: spec.operation,
      configId: target.configId,
      configName: target.configName,
      host: origin,
      attempts: final.attempts,
      retryable: final.retryable,
    };
    if (final.type === "failure") {
      return new LaunchDarklyError(
        {
          ...common,
          kind: final.kind,
          networkCode: final.code,
          timeoutMs: final.kind === "timeout" ? timeoutMs : undefined,
          outcomeUnknown: spec.method !== "GET" && !isNotSentCode(final.code),
        },
        secrets,
      );
    }
    const body = errorBody(final.data);
    return new LaunchDarklyError(
      {
        ...common,
        kind: "http",
        status: final.status,
        code: body.code,
        ldMessage: body.message,
        outcomeUnknown: spec.method !== "GET" && final.status >= 500,
        detail: detail ?? (final.rateLimitWaitMs !== undefined ? rateLimitTooLong(final.rateLimitWaitMs) : undefined),
      },
      secrets,
    );
  }

  /** A 2xx whose body breaks the contract: the write happened, but the result is unusable. */
  function badBody(spec: RequestSpec, target: Target, final: FinalOutcome & { type: "response" }): LaunchDarklyError {
    return new LaunchDarklyError(
      {
        operation: spec.operation,
        configId: target.configId,
        configName: target.configName,
        host: origin,
        attempts: final.attempts,
        retryable: false,
        kind: "http",
        status: final.status,
        code: "invalid_response",
        ldMessage: unexpectedBody(final.status),
        outcomeUnknown: spec.method !== "GET",
      },
      secrets,
    );
  }

  function config(spec: RequestSpec, target: Target, final: FinalOutcome & { type: "response" }): RelayAutoConfig {
    const data = parseJson(final.data);
    if (!isRelayAutoConfig(data)) throw badBody(spec, target, final);
    return data;
  }

  return {
    async list() {
      const spec = listRequest(base);
      const final = await run(spec, {});
      const data = parseJson(final.data);
      const items = typeof data === "object" && data !== null ? (data as { items?: unknown }).items : undefined;
      if (!Array.isArray(items) || !items.every(isRelayAutoConfig)) throw badBody(spec, {}, final);
      return items;
    },
    async get(id, ctx) {
      const spec = getRequest(base, id);
      const target = { configId: id, configName: ctx?.name };
      const final = await run(spec, target, 404);
      return final.status === 404 ? undefined : config(spec, target, final);
    },
    async create(body) {
      const spec = createRequest(base, body);
      const target = { configName: body.name };
      return config(spec, target, await run(spec, target));
    },
    async patch(id, ops, comment, ctx) {
      const spec = patchRequest(base, id, ops, comment);
      const target = { configId: id, configName: ctx?.name };
      return config(spec, target, await run(spec, target));
    },
    async remove(id, ctx) {
      const final = await run(deleteRequest(base, id), { configId: id, configName: ctx?.name }, 404);
      return final.status === 404 ? "absent" : "deleted";
    },
    async reset(id, expiryMs, ctx) {
      const spec = resetRequest(base, id, expiryMs);
      const target = { configId: id, configName: ctx?.name };
      return config(spec, target, await run(spec, target));
    },
    async account() {
      const projects: AccountProject[] = [];
      for (let offset = 0; ; ) {
        const spec = projectsRequest(base, offset);
        const final = await run(spec, {});
        const page = parseProjectsPage(parseJson(final.data));
        if (page === undefined) throw badBody(spec, {}, final);
        for (const { environmentsTotal, ...project } of page.items) {
          while (project.environments.length < environmentsTotal) {
            const more = environmentsRequest(base, project.key, project.environments.length);
            const reply = await run(more, {});
            const environments = parseEnvironmentsPage(parseJson(reply.data));
            if (environments === undefined) throw badBody(more, {}, reply);
            project.environments.push(...environments.items);
            if (!hasMore(environments, project.environments.length, ACCOUNT_PAGE_LIMIT)) break;
          }
          projects.push(project);
        }
        offset += page.items.length;
        if (!hasMore(page, offset, ACCOUNT_PAGE_LIMIT)) return { projects };
      }
    },
    stats() {
      return { ...stats };
    },
  };
}

interface Target {
  configId?: string;
  configName?: string;
}

/** LaunchDarkly's `{ code, message }`, when the body has them. */
function errorBody(data: unknown): { code?: string; message?: string } {
  const parsed = parseJson(data);
  if (typeof parsed !== "object" || parsed === null) return {};
  const { code, message } = parsed as { code?: unknown; message?: unknown };
  return {
    code: typeof code === "string" && code !== "" ? code.slice(0, 100) : undefined,
    message: typeof message === "string" && message !== "" ? message.slice(0, 500) : undefined,
  };
}

function parseJson(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

/** The fields the provider relies on: `_id`, `name`, `policy`. */
function isRelayAutoConfig(value: unknown): value is RelayAutoConfig {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<Record<keyof RelayAutoConfig, unknown>>;
  return typeof v._id === "string" && typeof v.name === "string" && Array.isArray(v.policy);
}

// Provider settings, read at run time inside the provider process (the dynamic provider's `configure`) or the
// program (data sources), never at module scope: credentials, API host, timeouts, concurrency and reach from
// stack config (`launchdarkly:*`), with the environment as a fallback. The one place each setting's rule
// lives: the client trusts what this module resolved. Pure: the config getter and the environment come in as
// arguments.
import { parseDuration } from "./duration";
import { CheckFailure } from "./types";
import {
  badApiHost,
  badBooleanSetting,
  badHttpTimeout,
  badIntegerSetting,
  badRequestTimeout,
  bothTimeouts,
  bothTokens,
  missingAccessToken,
  plainHttpApiHost,
} from "./wording";

/** Named LaunchDarkly instances accepted for `apiHost`. */
export const API_HOST_PRESETS: Readonly<Record<string, string>> = {
  commercial: "https://app.launchdarkly.com",
  eu: "https://app.eu.launchdarkly.com",
  federal: "https://app.launchdarkly.us",
};

/** Default request timeout, in milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Longest request timeout accepted, in milliseconds. */
export const MAX_REQUEST_TIMEOUT_MS = 10 * 60_000;

/**
 * Default number of requests in flight per host and token (`launchdarkly:maxConcurrency`), from `make bench`'s
 * sweep (bench/concurrency.ts): the smallest value whose create of 500 configurations is within 20% of the fastest,
 * both latency-bound and under a route rate limit. LaunchDarkly publishes its rate-limit headers, not its limits;
 * the client paces itself by those headers (against the emulator's limit, 32 in flight drew at most 5 429s per
 * command, each retried).
 */
export const DEFAULT_MAX_CONCURRENCY = 32;

/** Bounds of `launchdarkly:maxConcurrency`. */
export const MAX_CONCURRENCY_BOUNDS = { min: 1, max: 64 } as const;

/** Default unit of every retry wait, in milliseconds (`LAUNCHDARKLY_RETRY_BASE_MS`; 1 to 50 in tests). */
export const DEFAULT_RETRY_BASE_MS = 1000;

/** The setting keys whose values are secrets: read with the secret-aware config API, never echoed. */
export const SECRET_SETTING_KEYS = ["accessToken", "oauthToken"] as const;

/** Every setting key under `launchdarkly:`, each with its environment variable. */
export const SETTING_ENV: Readonly<Record<string, string>> = {
  accessToken: "LAUNCHDARKLY_ACCESS_TOKEN",
  oauthToken: "LAUNCHDARKLY_OAUTH_TOKEN",
  apiHost: "LAUNCHDARKLY_API_HOST",
  requestTimeout: "LAUNCHDARKLY_REQUEST_TIMEOUT",
  httpTimeout: "LAUNCHDARKLY_HTTP_TIMEOUT",
  maxConcurrency: "LAUNCHDARKLY_MAX_CONCURRENCY",
  resolveReach: "LAUNCHDARKLY_RESOLVE_REACH",
  retryBaseMs: "LAUNCHDARKLY_RETRY_BASE_MS",
};

/** How the credential goes into `Authorization`: an access token as-is, an OAuth token as `Bearer …`. */
export type TokenKind = "access" | "oauth";

/** Resolved settings of one provider process. */
export interface ProviderSettings {
  /** API base URL without a trailing slash, e.g. `https://app.launchdarkly.com`. */
  apiHost: string;
  /** The credential (a secret: never logged, never stored in state). */
  token?: string;
  /** Which credential `token` is. */
  tokenKind: TokenKind;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Requests in flight at once per host and token. */
  maxConcurrency: number;
  /** Unit of every retry and backoff wait, in milliseconds. */
  retryBaseMs: number;
  /** Whether `check` resolves each config's reach from the live account (one listing per provider process). */
  resolveReach: boolean;
}

/** Settings plus every problem found, so `check` can report them at preview time. */
export interface SettingsResult {
  settings: ProviderSettings;
  failures: CheckFailure[];
}

/** Reads one config key, e.g. the dynamic provider's `req.config.get`. */
export type ConfigGetter = (key: string) => string | undefined;

/** The result of reading an API host: its base URL and origin, or why it is refused. */
export type ApiHostResult = { ok: true; base: string; origin: string } | { ok: false; reason: string };

/** A bare host as LaunchDarkly's Terraform provider accepts it: a name with a dot or a port (`app.launchdarkly.com`). */
const BARE_HOST = /^[A-Za-z0-9.-]+\.[A-Za-z0-9-]+(:\d+)?$|^[A-Za-z0-9.-]+:\d+$|^\[[0-9a-fA-F:]+\](:\d+)?$/;

/**
 * Normalizes an api host to its base URL: a preset name, an http(s) URL, or a bare host
 * (`app.launchdarkly.com`, `127.0.0.1:8443`), which means https as in LaunchDarkly's Terraform provider. A path
 * prefix is kept (a proxy serving the API under `/launchdarkly`), without trailing slashes; no query, fragment
 * or credentials.
 */
export function resolveApiHost(value: string): string | undefined {
  const text = value.trim();
  const preset = API_HOST_PRESETS[text.toLowerCase()];
  if (preset) return preset;
  const withScheme = BARE_HOST.test(text) ? `https://${text}` : text;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    if (url.username || url.password || url.search || url.hash) return undefined;
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}

/** https anywhere; plain http only to this machine, so the token never crosses a network in clear text. */
function isSafeOrigin(origin: string): boolean {
  const url = new URL(origin);
  if (url.protocol === "https:") return true;
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/** The api host rule, used by settings and by the client alike: a usable, safe base URL, or the reason. */
export function checkApiHost(value: string): ApiHostResult {
  const base = resolveApiHost(value);
  if (!base) return { ok: false, reason: badApiHost(value, Object.keys(API_HOST_PRESETS)) };
  const origin = new URL(base).origin;
  if (!isSafeOrigin(origin)) return { ok: false, reason: plainHttpApiHost(value) };
  return { ok: true, base, origin };
}

/** A whole number within bounds, or undefined. */
function parseInteger(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= min && n <= max ? n : undefined;
}

/**
 * Resolves the settings from stack config (`launchdarkly:<key>`), falling back to the environment variable of
 * each key (`SETTING_ENV`): `accessToken` or `oauthToken` (one of them, never both), `apiHost` (default
 * `commercial`), `requestTimeout` (a duration) or `httpTimeout` (seconds, as Terraform's `http_timeout`),
 * `maxConcurrency`, `resolveReach` (default true) and `retryBaseMs`. Every problem is reported, none thrown.
 */
export function resolveSettings(config: ConfigGetter, env: Record<string, string | undefined>): SettingsResult {
  const failures: CheckFailure[] = [];
  const fail = (key: string, reason: string): void => void failures.push({ property: `launchdarkly:${key}`, reason });
  const pick = (key: string): string | undefined => {
    // A blank value counts as unset, so a blank stack config does not hide the environment.
    const fromConfig = config(`launchdarkly:${key}`);
    if (fromConfig !== undefined && fromConfig.trim() !== "") return fromConfig;
    const fromEnv = env[SETTING_ENV[key]];
    return fromEnv === undefined || fromEnv.trim() === "" ? undefined : fromEnv;
  };

  const accessToken = pick("accessToken")?.trim();
  const oauthToken = pick("oauthToken")?.trim();
  if (accessToken && oauthToken) fail("oauthToken", bothTokens());
  else if (!accessToken && !oauthToken) fail("accessToken", missingAccessToken());
  const tokenKind: TokenKind = !accessToken && oauthToken ? "oauth" : "access";

  const hostText = pick("apiHost") ?? "commercial";
  const host = checkApiHost(hostText);
  if (!host.ok) fail("apiHost", host.reason);

  let timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
  const timeoutText = pick("requestTimeout");
  const httpTimeoutText = pick("httpTimeout");
  if (timeoutText !== undefined && httpTimeoutText !== undefined) fail("httpTimeout", bothTimeouts());
  else if (timeoutText !== undefined) {
    const parsed = parseDuration(timeoutText, { min: 1, max: MAX_REQUEST_TIMEOUT_MS });
    if (parsed.ok) timeoutMs = parsed.ms;
    else fail("requestTimeout", badRequestTimeout(timeoutText));
  } else if (httpTimeoutText !== undefined) {
    const seconds = parseInteger(httpTimeoutText, 1, MAX_REQUEST_TIMEOUT_MS / 1000);
    if (seconds !== undefined) timeoutMs = seconds * 1000;
    else fail("httpTimeout", badHttpTimeout(httpTimeoutText, MAX_REQUEST_TIMEOUT_MS / 1000));
  }

  const integer = (key: string, fallback: number, min: number, max: number): number => {
    const text = pick(key);
    if (text === undefined) return fallback;
    const n = parseInteger(text, min, max);
    if (n === undefined) fail(key, badIntegerSetting(key, text, min, max));
    return n ?? fallback;
  };
  const maxConcurrency = integer("maxConcurrency", DEFAULT_MAX_CONCURRENCY, MAX_CONCURRENCY_BOUNDS.min, MAX_CONCURRENCY_BOUNDS.max);
  const retryBaseMs = integer("retryBaseMs", DEFAULT_RETRY_BASE_MS, 1, 60_000);

  let resolveReach = true;
  const reachText = pick("resolveReach");
  if (reachText !== undefined) {
    const value = reachText.trim().toLowerCase();
    if (value === "true" || value === "false") resolveReach = value === "true";
    else fail("resolveReach", badBooleanSetting("resolveReach", reachText));
  }

  const token = accessToken || oauthToken || undefined;
  const apiHost = host.ok ? host.base : hostText;
  return { settings: { apiHost, token, tokenKind, timeoutMs, maxConcurrency, retryBaseMs, resolveReach }, failures };
}

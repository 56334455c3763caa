// Provider settings, read at run time inside the provider process (the dynamic provider's `configure`),
// never at module scope: the access token and API host from stack config (`launchdarkly:*`), with the
// environment as a fallback. Pure: the config getter and the environment come in as arguments.
import { badApiHost, badBooleanSetting, badRequestTimeout, missingAccessToken, plainHttpApiHost } from "./messages";
import { parseDuration } from "./rotation";
import { CheckFailure } from "./types";

/** Named LaunchDarkly instances accepted for `apiHost`. */
export const API_HOST_PRESETS: Readonly<Record<string, string>> = {
  commercial: "https://app.launchdarkly.com",
  eu: "https://app.eu.launchdarkly.com",
  federal: "https://app.launchdarkly.us",
};

/** Default request timeout, in milliseconds. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Resolved settings of one provider process. */
export interface ProviderSettings {
  /** API origin without a trailing slash, e.g. `https://app.launchdarkly.com`. */
  apiHost: string;
  /** The access token (a secret: never logged, never stored in state). */
  token?: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
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

/** Normalizes an api host: a preset name or an http(s) URL, returned as its origin. */
export function resolveApiHost(value: string): string | undefined {
  const preset = API_HOST_PRESETS[value.trim().toLowerCase()];
  if (preset) return preset;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    if (url.username || url.password || (url.pathname !== "/" && url.pathname !== "") || url.search) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** https anywhere; plain http only to this machine (the client refuses anything else when it first sends). */
function isSafeOrigin(origin: string): boolean {
  const url = new URL(origin);
  if (url.protocol === "https:") return true;
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/**
 * Resolves the settings from stack config (`launchdarkly:accessToken`, `launchdarkly:apiHost`,
 * `launchdarkly:requestTimeout`, `launchdarkly:resolveReach`), falling back to `LAUNCHDARKLY_ACCESS_TOKEN`,
 * `LAUNCHDARKLY_API_HOST`, `LAUNCHDARKLY_REQUEST_TIMEOUT`, `LAUNCHDARKLY_RESOLVE_REACH`. The host defaults to
 * `commercial`; reach is resolved unless set to `false`.
 */
export function resolveSettings(config: ConfigGetter, env: Record<string, string | undefined>): SettingsResult {
  const failures: CheckFailure[] = [];
  const pick = (key: string, envKey: string): string | undefined => {
    // A blank value counts as unset, so a blank stack config does not hide the environment.
    const fromConfig = config(`launchdarkly:${key}`);
    if (fromConfig !== undefined && fromConfig.trim() !== "") return fromConfig;
    const fromEnv = env[envKey];
    return fromEnv === undefined || fromEnv.trim() === "" ? undefined : fromEnv;
  };

  const token = pick("accessToken", "LAUNCHDARKLY_ACCESS_TOKEN")?.trim();
  if (!token) failures.push({ property: "launchdarkly:accessToken", reason: missingAccessToken() });

  const hostText = pick("apiHost", "LAUNCHDARKLY_API_HOST") ?? "commercial";
  const apiHost = resolveApiHost(hostText);
  if (!apiHost) failures.push({ property: "launchdarkly:apiHost", reason: badApiHost(hostText, Object.keys(API_HOST_PRESETS)) });
  else if (!isSafeOrigin(apiHost)) failures.push({ property: "launchdarkly:apiHost", reason: plainHttpApiHost(hostText) });

  let timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
  const timeoutText = pick("requestTimeout", "LAUNCHDARKLY_REQUEST_TIMEOUT");
  if (timeoutText !== undefined) {
    const parsed = parseDuration(timeoutText, { min: 1, max: 10 * 60_000 });
    if (parsed.ok) timeoutMs = parsed.ms;
    else failures.push({ property: "launchdarkly:requestTimeout", reason: badRequestTimeout(timeoutText) });
  }

  let resolveReach = true;
  const reachText = pick("resolveReach", "LAUNCHDARKLY_RESOLVE_REACH");
  if (reachText !== undefined) {
    const value = reachText.trim().toLowerCase();
    if (value === "true" || value === "false") resolveReach = value === "true";
    else failures.push({ property: "launchdarkly:resolveReach", reason: badBooleanSetting("resolveReach", reachText) });
  }

  return { settings: { apiHost: apiHost ?? hostText, token: token || undefined, timeoutMs, resolveReach }, failures };
}

// What one provider process holds: the settings `configure` resolved, the LaunchDarkly client built from them,
// the account (read at most once), the ids of configs this process knows, and the runtime hooks (clock,
// sleep, retry unit) that tests replace. Every lifecycle module reaches LaunchDarkly through here.
import type { Account } from "./account";
import { createRelayClient, RelayClient, RelayClientSettings } from "./client";
import { ProviderSettings, resolveSettings, type ConfigGetter } from "./settings";
import { CheckFailure } from "./types";
import { reachUnavailable } from "./wording";

/** Process-wide state of the provider: settings from `configure`, and the clients built from them. */
interface ProviderState {
  settings: ProviderSettings;
  failures: CheckFailure[];
  client?: RelayClient;
  /** The account, read at most once per process; null when the read failed (reach stays unknown). */
  account?: Promise<Account | null>;
}

let state: ProviderState | undefined;

/**
 * Ids of configs that resources of this process created, adopted or manage (seen by diff, read, update): an
 * ambiguous create never adopts one of them, so two identical resources never end up sharing one config.
 */
export const knownIds = new Set<string>();

/** Test and embedding hooks: the clock, the sleep every provider-level wait uses, and the retry unit. */
export const runtime: { now: () => number; sleep: (ms: number) => Promise<void>; baseDelayMs?: number } = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The client settings for resolved provider settings: the one mapping, shared by provider, data sources and scripts. */
export function clientSettings(settings: ProviderSettings): RelayClientSettings {
  return {
    apiHost: settings.apiHost,
    token: settings.token as string,
    tokenKind: settings.tokenKind,
    timeoutMs: settings.timeoutMs,
    maxConcurrent: settings.maxConcurrency,
    baseDelayMs: settings.retryBaseMs,
  };
}

/** Throws every settings problem at once, when there is any. */
function assertUsable(failures: readonly CheckFailure[]): void {
  if (failures.length > 0) throw new Error(failures.map((f) => f.reason).join("; "));
}

/** Resolves settings and builds a client; throws every settings problem at once (data sources, scripts). */
export function clientFor(config: ConfigGetter, env: Record<string, string | undefined>): { api: RelayClient; settings: ProviderSettings } {
  const { settings, failures } = resolveSettings(config, env);
  assertUsable(failures);
  return { api: createRelayClient(clientSettings(settings)), settings };
}

/** Reads the settings (stack config through `get`, then the environment) for this process. */
export function configureFrom(get: ConfigGetter): void {
  const { settings, failures } = resolveSettings(get, process.env);
  state = { settings, failures };
}

function current(): ProviderState {
  if (!state) configureFrom(() => undefined);
  return state as ProviderState;
}

/** The settings of this process, and every problem found in them (reported by `check`). */
export function settings(): { settings: ProviderSettings; failures: CheckFailure[] } {
  const s = current();
  return { settings: s.settings, failures: s.failures };
}

/** The unit of every provider-level retry wait: the test hook, else the setting. */
export function retryBaseMs(): number {
  return runtime.baseDelayMs ?? current().settings.retryBaseMs;
}

/**
 * The client for the configured host and credential. A host is where, not what: every call goes to the host
 * the settings name, with their token, whatever host a config's state recorded (a refresh, an update or a
 * delete never sends this token to another host, and a host change alone never replaces anything).
 */
export function client(): RelayClient {
  const s = current();
  assertUsable(s.failures);
  s.client ??= createRelayClient({ ...clientSettings(s.settings), baseDelayMs: retryBaseMs() });
  return s.client;
}

/**
 * The account of the configured host, listed at most once per provider process whatever the number of
 * resources; null (after one warning) when it cannot be read, so reach degrades to unknown and nothing fails.
 */
export function account(): Promise<Account | null> {
  const s = current();
  s.account ??= client()
    .account()
    .catch((err: unknown) => {
      console.error(`warning: ${reachUnavailable(err)}`);
      return null;
    });
  return s.account;
}

/** @internal Forget configured settings and known ids (tests). */
export function resetProcessState(): void {
  state = undefined;
  knownIds.clear();
}

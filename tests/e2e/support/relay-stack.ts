// Shared set-up of the provider's engine tests: an in-process emulator (control API on) and an isolated stack
// whose program declares RelayProxyConfigurations from the stack config `relays` (JSON), so each test step
// changes config, not code.
import { start, RunningEmulator, type StartOptions } from "../../../emulator/start";
import { emulatorClient, RELAY_PROGRAM, type LoggedRequest } from "../../../scripts/emulator-client";
import { createEngineStack, EngineStack } from "../harness";

/** Writer token of the emulator in these tests. */
export const TOKEN = "e2e-writer-token-0123456789";
/** Reader token of the emulator in these tests. */
export const READER_TOKEN = "e2e-reader-token-0123456789";


/** One API request as the emulator logged it. */
export type { LoggedRequest };

/** The emulator and stack of one suite, with helpers over the control API. */
export interface RelayStack {
  emulator: RunningEmulator;
  env: EngineStack;
  setRelays(relays: Record<string, unknown>): Promise<void>;
  log(): Promise<LoggedRequest[]>;
  clearLog(): Promise<void>;
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  control(method: string, path: string, body?: unknown): Promise<any>;
  /** Status of the auto-config stream a relay opens with `key` (200 or 401). */
  relayStatus(key: string): Promise<number>;
  /** The environments the emulator streams to a relay holding `key`, sorted `proj/…:env/…`. */
  relayEnvironments(key: string): Promise<string[]>;
  dispose(): Promise<void>;
}

/** Starts an emulator (with `emulatorOptions` added) and a stack running `program` (RELAY_PROGRAM) against it. */
export async function createRelayStack(
  project: string,
  extraEnv: Record<string, string> = {},
  emulatorOptions: StartOptions = {},
  program: string = RELAY_PROGRAM,
): Promise<RelayStack> {
  const emulator = await start({
    ...emulatorOptions,
    control: true,
    validateResponses: true,
    tokens: [
      { token: TOKEN, role: "writer", email: "platform@example.com" },
      { token: READER_TOKEN, role: "reader" },
    ],
  });
  const env = await createEngineStack({
    project,
    files: { "index.js": program },
    env: { LAUNCHDARKLY_API_HOST: emulator.url, LAUNCHDARKLY_ACCESS_TOKEN: TOKEN, LAUNCHDARKLY_RETRY_BASE_MS: "20", ...extraEnv },
  });
  const client = emulatorClient(emulator.url, TOKEN);

  return {
    emulator,
    env,
    setRelays: (relays) => env.stack.setConfig("relays", { value: JSON.stringify(relays) }),
    log: () => client.log("/api/"),
    clearLog: client.clearLog,
    api: client.api,
    control: client.control,
    relayStatus: client.relayStatus,
    relayEnvironments: client.relayEnvironments,
    dispose: async () => {
      try {
        await env.dispose();
      } finally {
        await emulator.close();
      }
    },
  };
}

/**
 * Counts logged requests by `METHOD kind` where kind is list, item or reset (relay configs), or account (the
 * projects listing behind reach: one per command).
 */
export function countCalls(log: LoggedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of log) {
    const kind = e.path.startsWith("/api/v2/projects") ? "account" : /\/reset/.test(e.path) ? "reset" : /relay-auto-configs\/[^/?]+/.test(e.path) ? "item" : "list";
    const key = `${e.method} ${kind}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

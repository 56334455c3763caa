// Set-up shared by the provider suites that drive handlers.ts directly: an in-process emulator with the control
// API, and the provider configured against it afresh before each test (state reset, short retry waits).
import { start, type RunningEmulator, type StartOptions } from "../../../emulator/start";
import * as handlers from "../../../provider/handlers";
import { emulatorClient, type EmulatorClient } from "../../../scripts/emulator-client";

/** The emulator of the current suite and a client for it; valid inside tests. */
export interface EmulatedProvider {
  emulator(): RunningEmulator;
  client(): EmulatorClient;
}

/**
 * Registers beforeAll/afterAll/beforeEach hooks for a suite using `token` as the writer token; `options` are
 * added to the emulator's (e.g. its clock or its previous-keys model).
 */
export function useEmulatedProvider(token: string, options: StartOptions = {}): EmulatedProvider {
  let emu: RunningEmulator | undefined;
  const current = (): RunningEmulator => {
    if (!emu) throw new Error("the emulator is not running (use inside a test)");
    return emu;
  };
  const client = () => emulatorClient(current().url, token);
  beforeAll(async () => {
    emu = await start({ ...options, control: true, tokens: [{ token, role: "writer" }] });
  });
  afterAll(async () => {
    handlers.runtime.baseDelayMs = undefined;
    handlers.runtime.now = () => Date.now();
    await emu?.close();
  });
  beforeEach(async () => {
    await client().control("POST", "/reset");
    handlers.resetForTests();
    handlers.runtime.baseDelayMs = 5;
    const settings: Record<string, string> = { "launchdarkly:apiHost": current().url, "launchdarkly:accessToken": token };
    await handlers.configure({ config: { get: (k: string) => settings[k], require: (k: string) => settings[k] } });
  });
  return { emulator: current, client };
}

// The soak's emulator: in-process (emulator/start.ts) with a FileStore in the soak's directory, the control API,
// response validation, a fault seed and the chosen previous-keys model; every request it logs is kept (for the
// secret scan) and API requests are counted. It restarts on the same port with the same data, and is reached
// through the shared client (scripts/emulator-client.ts).
import * as path from "path";
import { start, type RunningEmulator } from "../../emulator/start";
import { emulatorClient, type EmulatorClient } from "../emulator-client";

/** How to start the soak's emulator. */
export interface SoakEmulatorOptions {
  dataDir: string;
  /** The writer token (a secret). */
  token: string;
  faultSeed: number;
  previousKeys: "one" | "many";
  /** Called for each request under /api/. */
  onApiRequest: () => void;
}

/** The running emulator. */
export interface SoakEmulator {
  url(): string;
  port(): number;
  client: EmulatorClient;
  /** Its data file. */
  dataFile: string;
  /** Every request it logged, one JSON line each (no header: no token or key by design; scanned anyway). */
  requestLog: string[];
  /** Stops it with its data flushed and starts it again on the same port and data directory. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the soak's emulator on a free port. */
export async function startSoakEmulator(options: SoakEmulatorOptions): Promise<SoakEmulator> {
  const requestLog: string[] = [];
  const launch = (port: number): Promise<RunningEmulator> =>
    start({
      port, dataDir: options.dataDir, control: true, validateResponses: true, faultSeed: options.faultSeed, previousKeys: options.previousKeys,
      tokens: [{ token: options.token, role: "writer", email: "soak@example.com" }],
      onLog: (e) => {
        requestLog.push(JSON.stringify(e));
        if (e.path.startsWith("/api/")) options.onApiRequest();
      },
    });
  let emu = await launch(0);
  return {
    url: () => emu.url,
    port: () => emu.port,
    client: emulatorClient(() => emu.url, options.token),
    dataFile: path.join(options.dataDir, "relay-auto-configs.json"),
    requestLog,
    restart: async () => {
      const port = emu.port;
      await emu.close();
      emu = await launch(port);
    },
    close: () => emu.close(),
  };
}

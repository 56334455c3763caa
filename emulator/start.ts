// start(): runs an emulator in-process on 127.0.0.1 (port 0 by default) for tests and scripts, and returns its
// URL and a close() that stops it with its data flushed.

import type { FastifyInstance } from "fastify";
import { createApp, type AppOptions } from "./app";
import { FileStore, MemoryStore } from "./store";

/** createApp() options plus where to listen and where to keep data. */
export interface StartOptions extends AppOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Keep data in `<dataDir>/relay-auto-configs.json` (ignored when `store` is given); default in memory. */
  dataDir?: string;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`, or `https://…` with `tls` */
  url: string;
  port: number;
  app: FastifyInstance;
  /** Stops listening, waits for in-flight requests, flushes the store. */
  close(): Promise<void>;
}

/** Starts an emulator listening on 127.0.0.1. */
export async function start(options: StartOptions = {}): Promise<RunningEmulator> {
  const store = options.store ?? (options.dataDir !== undefined ? new FileStore(options.dataDir) : new MemoryStore());
  const app = createApp({ ...options, store });
  await app.listen({ host: "127.0.0.1", port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("emulator is not listening on a TCP port");
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${address.port}`,
    port: address.port,
    app,
    close: async () => {
      await app.close();
    },
  };
}

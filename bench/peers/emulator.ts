// The one emulator of `make bench-peers`: dist/emulator/cli.js as a child process (bench/workspace.ts's
// startEmulator) with `--tls` (LaunchDarkly's Terraform provider only speaks https), a per-request latency and the
// control API; its CA file for tofu and ld-relay (SSL_CERT_FILE) and the Pulumi provider (NODE_EXTRA_CA_CERTS),
// and added to this process's default trust (tls.setDefaultCACertificates) for the benchmark's own control calls
// until close; and the request counters of /__emulator/stats, read before and after each phase.
import * as fs from "node:fs";
import * as tls from "node:tls";
import { control, startEmulator, TOKEN } from "../workspace";

/** The running emulator. */
export interface PeerEmulator {
  /** `https://127.0.0.1:<port>`: what the tools under test, ld-relay and the control calls use. */
  url: string;
  /** `127.0.0.1:<port>`: LAUNCHDARKLY_API_HOST as the Terraform provider takes it (it adds https://). */
  hostPort: string;
  /** The trust anchor (PEM file) of the emulator's certificate. */
  caFile: string;
  /** The writer token (a secret: never printed). */
  token: string;
  /** The API request counters now. */
  counters(): Promise<Counters>;
  close(): Promise<void>;
}

/** API request counters (routes under /api/ only). */
export interface Counters {
  requests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
}

/** Starts the emulator (bench/workspace.ts, with `--tls`) with `latencyMs`, data in `dataDir`; this process trusts its CA until close. */
export async function startPeerEmulator(dataDir: string, latencyMs: number): Promise<PeerEmulator> {
  const emulator = await startEmulator(dataDir, latencyMs, null, { tls: true });
  const caFile = emulator.caFile;
  if (caFile === undefined) {
    await emulator.close();
    throw new Error("the emulator started with --tls printed no trust anchor");
  }
  const trusted = tls.getCACertificates("default");
  tls.setDefaultCACertificates([...trusted, fs.readFileSync(caFile, "utf8")]);
  const apiOnly = (counts: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(counts).filter(([route]) => / \/api\//.test(route)));
  return {
    url: emulator.url,
    hostPort: new URL(emulator.url).host,
    caFile,
    token: TOKEN,
    counters: async () => {
      const stats = (await control(emulator.url, "GET", "/stats")) as Counters;
      const byRoute = apiOnly(stats.byRoute);
      return { requests: Object.values(byRoute).reduce((a, b) => a + b, 0), byRoute, byStatus: stats.byStatus };
    },
    close: async () => {
      await emulator.close();
      tls.setDefaultCACertificates(trusted);
    },
  };
}

/** What happened between two readings of the counters. */
export function difference(before: Counters, after: Counters): Counters {
  const minus = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [key, value] of Object.entries(a)) if (value - (b[key] ?? 0) > 0) out[key] = value - (b[key] ?? 0);
    return out;
  };
  return { requests: after.requests - before.requests, byRoute: minus(after.byRoute, before.byRoute), byStatus: minus(after.byStatus, before.byStatus) };
}

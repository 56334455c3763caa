// Relay figures for `make bench`, with LaunchDarkly's real Relay Proxy (ld-relay, .tools/ld-relay) on a key from a
// Pulumi stack against the emulator (a separate process, the same latency as the other benchmarks):
// - start-to-healthy: from spawning ld-relay to its /status saying healthy with every environment connected;
// - propagation: for each policy change made by `pulumi up`, the time until the running relay's /status shows
//   the new environment, measured from the end of the `pulumi up` and from the PATCH's arrival at the emulator
//   (its request log time, the same machine's clock).
// /status is polled every 5 ms, so figures are ±5 ms.
import { emulatorClient, RELAY_PROGRAM } from "../scripts/emulator-client";
import { allConnected, pinnedRelayVersion, relayBinary, startRelay, statusEnvironments } from "../scripts/ld-relay";
import { repoRoot, withBenchStack } from "./workspace";

/** Samples with their median and maximum, in ms. */
export interface Distribution {
  samples: number[];
  medianMs: number;
  maxMs: number;
}

/** What bench/relay.ts measures. */
export interface RelayFigures {
  version: string;
  latencyMs: number;
  startToHealthy: Distribution;
  propagationFromUpEnd: Distribution;
  propagationFromPatch: Distribution;
}

function distribution(samples: number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { samples: samples.map(Math.round), medianMs: Math.round(median), maxMs: Math.round(sorted[sorted.length - 1]) };
}

const POLL_MS = 5;

/** Runs the relay measurements: `starts` relay starts and `changes` policy changes. */
export async function relayFigures(latencyMs: number, starts: number, changes: number): Promise<RelayFigures> {
  const binary = relayBinary(repoRoot);
  return withBenchStack("relay-bench-ldrelay-", latencyMs, null, RELAY_PROGRAM, async ({ emu, must }) => {
    const client = emulatorClient(emu.url);
    const environments = ["staging", "test"];
    const relays = (i: number) => ({ bench: { name: "bench-relay", policy: [{ effect: "allow", resources: [`proj/web:env/${environments[i % 2]}`], actions: ["*"] }] } });
    await must(["config", "set", "relays", JSON.stringify(relays(0))]);
    await must(["up", "--yes", "--skip-preview"]);
    const key = (JSON.parse(await must(["stack", "output", "keys", "--show-secrets", "--json"])) as Record<string, string>).bench;

    const startSamples: number[] = [];
    for (let i = 0; i < starts; i += 1) {
      const t0 = performance.now();
      const relay = await startRelay({ binary, key, emulatorUrl: emu.url, timeLimitMs: 120_000 });
      try {
        await relay.waitForStatus(allConnected, 30_000, "healthy", POLL_MS);
        startSamples.push(performance.now() - t0);
      } finally {
        await relay.stop();
      }
      process.stderr.write(`  relay start ${i + 1}/${starts}: ${Math.round(startSamples[i])} ms to healthy\n`);
    }

    const relay = await startRelay({ binary, key, emulatorUrl: emu.url, timeLimitMs: 30 * 60_000 });
    const fromUp: number[] = [];
    const fromPatch: number[] = [];
    try {
      await relay.waitForStatus(allConnected, 30_000, "healthy", POLL_MS);
      for (let i = 1; i <= changes; i += 1) {
        const want = [`proj/web:env/${environments[i % 2]}`];
        await must(["config", "set", "relays", JSON.stringify(relays(i))]);
        await client.clearLog();
        await must(["up", "--yes", "--skip-preview"]);
        const upEnd = Date.now();
        await relay.waitForStatus((s) => allConnected(s) && statusEnvironments(s).join() === want.join(), 30_000, `change ${i}`, POLL_MS);
        const seen = Date.now();
        const patch = (await client.log()).find((e) => e.method === "PATCH");
        if (patch === undefined) throw new Error(`change ${i}: no PATCH in the emulator's log`);
        fromUp.push(seen - upEnd);
        fromPatch.push(seen - patch.time);
        process.stderr.write(`  policy change ${i}/${changes}: seen by the relay ${seen - upEnd} ms after pulumi up ended, ${seen - patch.time} ms after the PATCH\n`);
      }
    } finally {
      await relay.stop();
    }
    await must(["destroy", "--yes", "--skip-preview"]);
    return {
      version: pinnedRelayVersion(repoRoot),
      latencyMs,
      startToHealthy: distribution(startSamples),
      propagationFromUpEnd: distribution(fromUp),
      propagationFromPatch: distribution(fromPatch),
    };
  });
}

/** The relay figures as a markdown section. */
export function relayMarkdown(figures: RelayFigures): string {
  const row = (what: string, d: Distribution) => `| ${what} | ${d.samples.length} | ${d.medianMs} | ${d.maxMs} |`;
  return [
    `## LaunchDarkly's Relay Proxy (ld-relay ${figures.version})`,
    "",
    `On a key from the stack, against the emulator (latency ${figures.latencyMs} ms); /status polled every ${POLL_MS} ms.`,
    "",
    "| measure | samples | median ms | max ms |",
    "|---|---|---|---|",
    row("start to healthy (spawn → /status healthy, every environment connected)", figures.startToHealthy),
    row("policy change: end of `pulumi up` → running relay's /status shows it", figures.propagationFromUpEnd),
    row("policy change: PATCH arrives at the emulator → running relay's /status shows it", figures.propagationFromPatch),
  ].join("\n");
}

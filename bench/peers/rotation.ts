// The relay's view of a key rotation on each side of `make bench-peers`, with LaunchDarkly's real Relay Proxy
// (ld-relay via scripts/ld-relay.ts, on the TLS emulator directly, trusting its CA) holding the key from before:
// - ours: `rotation.trigger` changes, `pulumi up` resets the key with a grace period; the running relay should
//   stay healthy and lose its configuration stream only when the grace period ends;
// - Terraform's: `tofu apply -replace` deletes the configuration and creates a new one (new id, new key); the
//   relay is cut off at the DELETE.
// Watched every 50 ms while the command runs and after: the emulator closing the relay's stream (its stats,
// `streams.closedByServer`) and ld-relay logging "Invalid auto-configuration key" when it reconnects; its
// /status is sampled until the close. A second relay is started with the old key right after the command.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { emulatorClient, RELAY_PROGRAM } from "../../scripts/emulator-client";
import { allConnected, INVALID_KEY_LINE, relayBinary, startRelay, type RunningRelay } from "../../scripts/ld-relay";
import { control, makeWorkspace, pulumi, repoRoot } from "../workspace";
import type { PeerEmulator } from "./emulator";
import type { CommandResult } from "./measure";
import { RESOURCE, tofuWorkspace } from "./tofu";

/** What one side's rotation did to a relay on the old key. */
export interface RotationView {
  tool: "pulumi" | "tofu";
  command: string;
  /** Grace period asked for (0: none possible). */
  graceMs: number;
  commandWallMs: number;
  /** From the rotation's API request (reset POST / DELETE) reaching the emulator to the emulator closing the relay's stream. */
  streamClosedAfterRequestMs: number | null;
  /** From the end of the command to that close (negative: while the command was still running). */
  streamClosedAfterCommandMs: number | null;
  /** From the same request to ld-relay logging that its key is invalid (it reconnects and gets 401). */
  invalidKeyLoggedAfterRequestMs: number | null;
  /** /status samples (every ~250 ms) from the command's start to the stream's close, and how many were healthy with every environment connected. */
  statusSamples: number;
  healthySamples: number;
  /** A second relay started with the old key right after the command: `healthy` or `exit <code>`. */
  restartWithOldKey: string;
  /** The emulator's answer to the new key on the relay stream, right after the command. */
  newKeyStream: number;
  /** Whether the configuration id stayed the same. */
  sameId: boolean;
}

const WATCH_MS = 50;

/** When the emulator closed a relay stream and when the relay logged its key invalid, and its /status meanwhile. */
interface Seen {
  streamClosedAt: number | null;
  invalidKeyAt: number | null;
  samples: number;
  healthy: number;
}

/** Streams the emulator has closed so far. */
async function closedStreams(emulator: PeerEmulator): Promise<number> {
  return ((await control(emulator.url, "GET", "/stats")) as { streams: { closedByServer: number } }).streams.closedByServer;
}

/** Watches a relay from now until it logs its key invalid (or `limitMs`), every 50 ms; `baseline`: closedStreams() before. */
async function watch(relay: RunningRelay, emulator: PeerEmulator, baseline: number, limitMs: number): Promise<Seen> {
  const started = Date.now();
  const seen: Seen = { streamClosedAt: null, invalidKeyAt: null, samples: 0, healthy: 0 };
  let lastSample = 0;
  while (Date.now() - started < limitMs && seen.invalidKeyAt === null) {
    if (seen.streamClosedAt === null && (await closedStreams(emulator)) > baseline) seen.streamClosedAt = Date.now();
    if (INVALID_KEY_LINE.test(relay.output())) seen.invalidKeyAt = Date.now();
    else if (seen.streamClosedAt === null && Date.now() - lastSample >= 250) {
      lastSample = Date.now();
      const status = await relay.status();
      seen.samples += 1;
      if (status !== null && allConnected(status)) seen.healthy += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
  }
  return seen;
}

/** Starts a relay on `key` and waits until it is healthy. */
async function healthyRelay(key: string, emulator: PeerEmulator, limitMs: number): Promise<RunningRelay> {
  const relay = await startRelay({ binary: relayBinary(repoRoot), key, emulatorUrl: emulator.url, caFile: emulator.caFile, timeLimitMs: limitMs });
  await relay.waitForStatus(allConnected, 30_000, "healthy before the rotation");
  return relay;
}

/** Starts a second relay with `key`: `healthy`, or how it ended. */
async function restartWith(key: string, emulator: PeerEmulator): Promise<string> {
  const relay = await startRelay({ binary: relayBinary(repoRoot), key, emulatorUrl: emulator.url, caFile: emulator.caFile, timeLimitMs: 60_000 });
  try {
    await relay.waitForStatus(allConnected, 15_000, "healthy");
    return "healthy";
  } catch {
    return relay.running() ? "not healthy in 15 s" : `exit ${relay.exitCode() ?? "signal"}`;
  } finally {
    await relay.stop();
  }
}

/** Runs `rotate` with a relay on `oldKey`, and puts together the view. */
async function observe(tool: RotationView["tool"], command: string, graceMs: number, emulator: PeerEmulator, oldKey: string,
  rotate: () => Promise<CommandResult>, after: () => Promise<{ newKey: string; sameId: boolean }>, requestIs: (m: string, p: string) => boolean): Promise<RotationView> {
  const relay = await healthyRelay(oldKey, emulator, graceMs + 10 * 60_000);
  try {
    await control(emulator.url, "DELETE", "/log");
    const watcher = watch(relay, emulator, await closedStreams(emulator), graceMs + 60_000);
    const t0 = Date.now();
    const result = await rotate();
    const end = Date.now();
    if (result.code !== 0) throw new Error(`${command} failed (exit ${result.code})`);
    const { newKey, sameId } = await after();
    const newKeyStream = await emulatorClient(emulator.url, emulator.token).relayStatus(newKey);
    const restartWithOldKey = await restartWith(oldKey, emulator);
    const seen = await watcher;
    const entries = (await control(emulator.url, "GET", "/log")).entries as { method: string; path: string; time: number }[];
    const request = entries.find((e) => requestIs(e.method, e.path));
    return {
      tool, command, graceMs, commandWallMs: end - t0,
      streamClosedAfterRequestMs: seen.streamClosedAt !== null && request ? seen.streamClosedAt - request.time : null,
      streamClosedAfterCommandMs: seen.streamClosedAt !== null ? seen.streamClosedAt - end : null,
      invalidKeyLoggedAfterRequestMs: seen.invalidKeyAt !== null && request ? seen.invalidKeyAt - request.time : null,
      statusSamples: seen.samples, healthySamples: seen.healthy, restartWithOldKey, newKeyStream, sameId,
    };
  } finally {
    await relay.stop();
  }
}

/** Ours: one configuration with a grace period of `graceMs`, rotated by a new trigger. */
export async function pulumiRotation(emulator: PeerEmulator, graceMs: number): Promise<RotationView> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "relay-peers-rotation-"));
  try {
    const { workDir, env } = makeWorkspace(base, RELAY_PROGRAM);
    Object.assign(env, { LAUNCHDARKLY_API_HOST: emulator.url, LAUNCHDARKLY_ACCESS_TOKEN: emulator.token, NODE_EXTRA_CA_CERTS: emulator.caFile });
    const must = async (args: string[]): Promise<string> => {
      const r = await pulumi(workDir, env, args);
      if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (exit ${r.code})`);
      return r.out;
    };
    const relays = (trigger: string) => JSON.stringify({ edge: { name: "peer-rotation", policy: [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }], rotation: { trigger, gracePeriod: `${graceMs}ms` } } });
    const outputs = async () => JSON.parse(await must(["stack", "output", "--show-secrets", "--json"])) as { ids: Record<string, string>; keys: Record<string, string> };
    await must(["stack", "init", "bench"]);
    await must(["config", "set", "relays", relays("t0")]);
    await must(["up", "--yes"]);
    const before = await outputs();
    await must(["config", "set", "relays", relays("t1")]);
    const view = await observe("pulumi", "pulumi up --yes (new rotation.trigger)", graceMs, emulator, before.keys.edge,
      () => pulumi(workDir, env, ["up", "--yes"]),
      async () => {
        const now = await outputs();
        return { newKey: now.keys.edge, sameId: now.ids.edge === before.ids.edge };
      },
      (method, p) => method === "POST" && p.includes("/reset"));
    await must(["destroy", "--yes"]);
    return view;
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

/** Terraform's: one configuration, replaced with `tofu apply -replace`. */
export async function tofuRotation(emulator: PeerEmulator, mirror: string): Promise<RotationView> {
  const ws = await tofuWorkspace(emulator, mirror, 1, undefined);
  try {
    const flags = ["-auto-approve", "-input=false", "-no-color"];
    const applied = await ws.run(["apply", ...flags]);
    if (applied.code !== 0) throw new Error(`tofu apply failed (exit ${applied.code})`);
    const old = ws.stateInstance(0);
    const view = await observe("tofu", `tofu apply -auto-approve -replace=${RESOURCE}[0]`, 0, emulator, old.key,
      () => ws.run(["apply", ...flags, `-replace=${RESOURCE}[0]`]),
      async () => {
        const now = ws.stateInstance(0);
        return { newKey: now.key, sameId: now.id === old.id };
      },
      (method) => method === "DELETE");
    await ws.run(["destroy", ...flags]);
    return view;
  } finally {
    ws.remove();
  }
}

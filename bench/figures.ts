// The figures of one benchmarked operation: API calls (per configuration, by method, 429s and the account
// listings behind reach apart) from the emulator's request log, failed resources from the engine's output, and
// state size, serialized-provider size and its copies from the stack's checkpoint file, with the state split by
// owner (bench/state.ts); the time breakdown (bench/breakdown.ts) is added by the lifecycle. `n` is the number of
// configurations in either shape (N resources, or one fleet of N entries), and every "per resource" figure is
// per configuration: a fleet counts as its entries.
import * as fs from "node:fs";
import * as path from "node:path";
import type { LoggedRequest } from "../scripts/emulator-client";
import type { Breakdown } from "./breakdown";
import type { Shape } from "./program";
import { configurationsOf, stateSplit, type StateSplit } from "./state";

/** One operation's figures; "per resource" is per configuration (a fleet counts as its entries). */
export interface OpResult {
  op: string;
  /** N resources, or one fleet of N entries. */
  shape: Shape;
  /** Configurations. */
  n: number;
  parallel: number | "default";
  latencyMs: number;
  rateLimit: number | null;
  exitCode: number;
  wallMs: number;
  calls: Record<string, number>;
  callsPerResource: number;
  callsPerResourceByMethod: Record<string, number>;
  status429: number;
  failedResources: number;
  stateBytes: number;
  stateBytesPerResource: number;
  providerBytesPerResource: number;
  providerPeakRssMiB: number | null;
  /** Relay resources in state (a fleet is one). */
  resourcesInState: number;
  /** Configurations they hold. */
  configurationsInState: number;
  /** Copies of `__provider` per resource in state (inputs and/or outputs). */
  providerCopiesPerResource: number;
  /** Requests listing the account (projects and environments) for reach: per command, not per resource. */
  accountListings: number;
  /** State bytes per configuration by owner (engine, our inputs and outputs, `__provider`). */
  stateSplit: StateSplit | null;
  /** Where the wall time went (lifecycle operations); null when the provider wrote no timings. */
  breakdown?: Breakdown | null;
  /** Wall time of the twin run with PULUMI_SKIP_CHECKPOINTS=true (lifecycle operations; null without one, and for the preview). */
  skipCheckpointsWallMs?: number | null;
}

/** What the checkpoint file holds: its size, serialized-provider bytes, relay resources, their configurations and `__provider` copies. */
export interface StateFigures {
  bytes: number;
  providerBytes: number;
  resources: number;
  configurations: number;
  copies: number;
  split: StateSplit | null;
}

/** Where an operation ran and how: the figures' context. */
export interface OpContext {
  op: string;
  shape: Shape;
  n: number;
  parallel: number | "default";
  latencyMs: number;
  rateLimit: number | null;
}

/** The state figures of the `bench` stack in the workspace `base` (zeros before the first operation). */
export function stateFigures(base: string): StateFigures {
  const file = path.join(base, "backend", ".pulumi", "stacks", "bench", "bench.json");
  if (!fs.existsSync(file)) return { bytes: 0, providerBytes: 0, resources: 0, configurations: 0, copies: 0, split: null };
  const text = fs.readFileSync(file, "utf8");
  const resources = (JSON.parse(text).checkpoint?.latest?.resources ?? []) as any[];
  let providerBytes = 0;
  let relays = 0;
  let configurations = 0;
  let copies = 0;
  for (const r of resources) {
    const held = configurationsOf(r);
    if (held === null) continue;
    relays += 1;
    configurations += held;
    // One copy of the serialized provider: the outputs' (copies in inputs are counted in `copies`).
    const p = r.outputs?.__provider ?? r.inputs?.__provider;
    if (typeof p === "string") providerBytes += Buffer.byteLength(p);
    copies = Math.max(copies, [r.inputs?.__provider, r.outputs?.__provider].filter((x) => typeof x === "string").length);
  }
  return { bytes: Buffer.byteLength(text), providerBytes, resources: relays, configurations, copies, split: configurations ? stateSplit(text) : null };
}

/** The figures of one operation from its run, its `/api/` request log, the state it worked on and the provider RSS. */
export function figures(c: OpContext, r: { code: number; out: string }, wallMs: number, everything: LoggedRequest[],
  s: StateFigures, rss: number | null): OpResult {
  const { n } = c;
  const per = (bytes: number) => (s.configurations ? Math.round(bytes / s.configurations) : 0);
  // The account listing behind reach is one per command (per provider process), counted apart from the calls
  // each resource makes.
  const isListing = (e: LoggedRequest) => e.path.startsWith("/api/v2/projects");
  const accountListings = everything.filter(isListing).length;
  const log = everything.filter((e) => !isListing(e));
  const calls: Record<string, number> = {};
  for (const e of log) calls[`${e.method} ${e.status}`] = (calls[`${e.method} ${e.status}`] ?? 0) + 1;
  const byMethod: Record<string, number> = {};
  for (const e of log) if (e.status !== 429) byMethod[e.method] = (byMethod[e.method] ?? 0) + 1;
  const perMethod: Record<string, number> = {};
  for (const [m, count] of Object.entries(byMethod)) perMethod[m] = round(count / n);
  const failed = /(\d+) errored/.exec(r.out) ? Number(/(\d+) errored/.exec(r.out)![1]) : (r.out.match(/\*\*failed\*\*/g) ?? []).length;
  return {
    op: c.op, shape: c.shape, n, parallel: c.parallel, latencyMs: c.latencyMs, rateLimit: c.rateLimit, exitCode: r.code, wallMs: Math.round(wallMs),
    calls, callsPerResource: round(log.filter((e) => e.status !== 429).length / n), callsPerResourceByMethod: perMethod,
    status429: log.filter((e) => e.status === 429).length, failedResources: failed,
    stateBytes: s.bytes, stateBytesPerResource: per(s.bytes), providerBytesPerResource: per(s.providerBytes),
    providerPeakRssMiB: rss, resourcesInState: s.resources, configurationsInState: s.configurations, providerCopiesPerResource: s.copies, accountListings,
    stateSplit: s.split,
  };
}

/** Rounded to two decimals. */
export function round(x: number): number {
  return Math.round(x * 100) / 100;
}

// How `make bench-peers` measures one tool's lifecycle of N relay configs: each side (ours through the Pulumi
// engine, LaunchDarkly's Terraform provider through OpenTofu) hands over its phases as commands; this module runs
// them in order and, per phase, takes the wall time of the command and the API requests the emulator counted
// (/__emulator/stats before and after), prints a progress line, and stops the lifecycle at the first phase that
// does not end as expected (its output, redacted, on stderr).
import { difference, type PeerEmulator } from "./emulator";

/** The phases, in the order they run; both tools have each one. */
export const PHASES = ["create", "no-op plan (refresh)", "update every policy", "rotate / replace", "destroy"] as const;
export type PhaseName = (typeof PHASES)[number];

/** A command's exit code and output (stdout + stderr). */
export interface CommandResult {
  code: number;
  out: string;
}

/** One phase as a side runs it. */
export interface Phase {
  name: PhaseName;
  /** The command line as a user would type it (no secrets). */
  command: string;
  /** Untimed preparation (a config value, a variables file). */
  before?: () => Promise<void>;
  run: () => Promise<CommandResult>;
}

/** One tool in one setting, for one N. */
export interface Side {
  /** Column id: `pulumi`, `tofu-c1`, `tofu-c8`. */
  column: string;
  tool: "pulumi" | "tofu";
  /** The concurrency setting, in words. */
  setting: string;
  /** Prepares a fresh workspace (untimed) and returns the phases. */
  prepare(): Promise<Phase[]>;
  /** Removes the workspace (after destroying what is left, when a phase failed). */
  dispose(): Promise<void>;
}

/** The figures of one phase. */
export interface PhaseResult {
  column: string;
  tool: "pulumi" | "tofu";
  setting: string;
  n: number;
  phase: PhaseName;
  command: string;
  exitCode: number;
  wallMs: number;
  /** API requests the emulator answered during the phase (429s included). */
  requests: number;
  requestsPerResource: number;
  /** `METHOD route` → count. */
  byRoute: Record<string, number>;
  status429: number;
}

/** Replaces the token and anything shaped like a relay, SDK or mobile key with a placeholder. */
export function redact(text: string, secrets: string[]): string {
  let out = text.replace(/\b(rel|sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "$1-<redacted>");
  for (const secret of secrets) if (secret) out = out.split(secret).join("<redacted>");
  return out;
}

/** Runs every phase of `side` for N resources; the figures of the phases that ran. */
export async function runLifecycle(side: Side, n: number, emulator: PeerEmulator): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  const phases = await side.prepare();
  try {
    for (const phase of phases) {
      if (phase.before) await phase.before();
      const before = await emulator.counters();
      const t0 = performance.now();
      const result = await phase.run();
      const wallMs = Math.round(performance.now() - t0);
      const delta = difference(before, await emulator.counters());
      results.push({
        column: side.column, tool: side.tool, setting: side.setting, n, phase: phase.name, command: phase.command,
        exitCode: result.code, wallMs, requests: delta.requests, requestsPerResource: Math.round((delta.requests / n) * 100) / 100,
        byRoute: delta.byRoute, status429: delta.byStatus["429"] ?? 0,
      });
      process.stderr.write(`  N=${n} ${side.column} ${phase.name}: ${(wallMs / 1000).toFixed(1)} s, ${delta.requests} API requests` +
        `${result.code === 0 ? "" : `, exit ${result.code}`}\n`);
      if (result.code !== 0) {
        process.stderr.write(`  ${side.column} ${phase.name} failed (${phase.command}); last output:\n${redact(result.out.slice(-3000), [emulator.token])}\n`);
        break;
      }
    }
  } finally {
    await side.dispose();
  }
  return results;
}

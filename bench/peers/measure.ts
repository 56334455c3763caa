// How `make bench-peers` measures one tool's lifecycle of N relay configs: each side (ours through the Pulumi
// engine, LaunchDarkly's Terraform provider through OpenTofu) hands over its phases as commands; this module runs
// them in order and, per phase, takes the wall time of the command and the API requests the emulator counted
// (/__emulator/stats before and after) and the CPU time of the command's whole process tree (the children this
// process reaped: /proc/self/stat cutime + cstime, so plugins and language hosts count; the emulator does not)
// and the size of the state file after it, prints a progress line, and stops the lifecycle at the first phase that does not end as expected (its output,
// redacted, on stderr).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
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
  /** Column id: `pulumi`, `pulumi-fleet`, `tofu-c1`, `tofu-c8`. */
  column: string;
  tool: "pulumi" | "tofu";
  /** The concurrency setting, in words. */
  setting: string;
  /** Prepares a fresh workspace (untimed) and returns the phases. */
  prepare(): Promise<Phase[]>;
  /** The size of the state file now (the Pulumi checkpoint, terraform.tfstate), or null when there is none. */
  stateBytes(): number | null;
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
  /** CPU time (user + system) of the command and every process under it; null where /proc is missing. */
  cpuMs: number | null;
  /** API requests the emulator answered during the phase (429s included). */
  requests: number;
  requestsPerResource: number;
  /** `METHOD route` → count. */
  byRoute: Record<string, number>;
  status429: number;
  /** Bytes of the state file after the phase (null: none). */
  stateBytes: number | null;
}

/** Replaces the token and anything shaped like a relay, SDK or mobile key with a placeholder. */
export function redact(text: string, secrets: string[]): string {
  let out = text.replace(/\b(rel|sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "$1-<redacted>");
  for (const secret of secrets) if (secret) out = out.split(secret).join("<redacted>");
  return out;
}

let ticksPerSecond: number | undefined;

/** CPU ms used so far by this process's reaped children (and theirs), or null without /proc. */
export function childrenCpuMs(): number | null {
  try {
    ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    // Fields after "(comm) ": state is field 3, cutime 16 and cstime 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/** Runs every phase of `side` for N resources; the figures of the phases that ran. */
export async function runLifecycle(side: Side, n: number, emulator: PeerEmulator): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  const phases = await side.prepare();
  try {
    for (const phase of phases) {
      if (phase.before) await phase.before();
      const before = await emulator.counters();
      const cpu0 = childrenCpuMs();
      const t0 = performance.now();
      const result = await phase.run();
      const wallMs = Math.round(performance.now() - t0);
      const cpu1 = childrenCpuMs();
      const cpuMs = cpu0 === null || cpu1 === null ? null : Math.round(cpu1 - cpu0);
      const delta = difference(before, await emulator.counters());
      results.push({
        column: side.column, tool: side.tool, setting: side.setting, n, phase: phase.name, command: phase.command,
        exitCode: result.code, wallMs, cpuMs, requests: delta.requests, requestsPerResource: Math.round((delta.requests / n) * 100) / 100,
        byRoute: delta.byRoute, status429: delta.byStatus["429"] ?? 0, stateBytes: side.stateBytes(),
      });
      process.stderr.write(`  N=${n} ${side.column} ${phase.name}: ${(wallMs / 1000).toFixed(1)} s, CPU ${cpuMs === null ? "n/a" : (cpuMs / 1000).toFixed(1)} s, ${delta.requests} API requests` +
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

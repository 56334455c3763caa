// The markdown of where the time and the state go (bench/breakdown.ts, bench/state.ts): the breakdown table per
// N, shape and command, the start-up terms split, the fast paths side by side (PULUMI_SKIP_CHECKPOINTS,
// --parallel), live state per configuration by owner, program-side options (type-checking of TypeScript programs
// and others), and what a crash leaves with and without checkpoints. Every lifecycle table has a shape column.
import { share, type RunTerms } from "./breakdown";
import type { CrashFigures } from "./crash";
import type { OpResult } from "./figures";
import type { ProgramOptionsFigures } from "./program-options";

const s = (ms: number | null | undefined): string => (ms === null || ms === undefined ? "n/a" : (ms / 1000).toFixed(2));
const ms = (x: number | null | undefined): string => (x === null || x === undefined ? "n/a" : String(Math.round(x)));

/**
 * The breakdown table: one row per operation at the engine's default --parallel; an operation whose provider
 * wrote no timings keeps its row, with its wall time only.
 */
export function breakdownMarkdown(ops: OpResult[]): string {
  const rows = ops.filter((o) => o.parallel === "default");
  if (!rows.some((o) => o.breakdown)) return "";
  const out = [
    `| N | shape | operation | wall s | engine + program start-up | provider start-up (our module load ms) | inside provider calls | of which API wait | our CPU ms / call (calls) | checkpoint writes | rest | terms from |`,
    `|---|---|---|---|---|---|---|---|---|---|---|---|`,
  ];
  for (const o of rows) {
    const b = o.breakdown;
    if (!b) {
      out.push(`| ${o.n} | ${o.shape} | ${o.op} | ${s(o.wallMs)} | n/a | n/a | n/a | n/a | n/a | n/a | n/a | no provider timings |`);
      continue;
    }
    const w = b.wallMs;
    out.push(`| ${o.n} | ${o.shape} | ${o.op} | ${s(w)} | ${share(b.engineStartupMs, w)} | ${share(b.providerStartupMs, w)} (${ms(b.moduleLoadMs)}) | ${share(b.callWallMs, w)} | ${s(b.apiWallMs)} | ${b.cpuPerCallMs} (${b.calls}) | ${b.checkpointMs === null ? "n/a" : share(b.checkpointMs, w)} | ${share(b.restMs, w)} | ${b.termsFrom === "this run" ? "this run" : "twin"} |`);
  }
  return out.join("\n");
}

/** The start-up terms split: the engine's and program's, then the provider's, from the runs with checkpoints. */
export function startupSplitMarkdown(ops: OpResult[]): string {
  const rows = ops.filter((o) => o.parallel === "default" && o.breakdown?.withCheckpoints);
  if (rows.length === 0) return "";
  const out = [
    `| N | shape | operation | CLI → program process | program: node + SDK \`run\` | program: require @pulumi/pulumi | program: require our package | program: declare N | → provider launched | SDK launcher script | node + SDK host → our module | our module load | provider CPU before calls ms | provider processes |`,
    `|---|---|---|---|---|---|---|---|---|---|---|---|---|---|`,
  ];
  for (const o of rows) {
    const t = o.breakdown!.withCheckpoints as RunTerms;
    const p = t.program;
    const programEnd = p ? p.toProcessMs + p.runtimeMs + p.sdkRequireMs + p.ourRequireMs + p.declareMs : null;
    const cells = p
      ? [ms(p.toProcessMs), ms(p.runtimeMs), ms(p.sdkRequireMs), ms(p.ourRequireMs), ms(p.declareMs), ms(t.engineStartupMs - (programEnd as number))]
      : ["no program", "", "", "", "", ms(t.engineStartupMs)];
    out.push(`| ${o.n} | ${o.shape} | ${o.op} | ${cells.join(" | ")} | ${ms(t.launcherMs)} | ${ms(t.hostMs)} | ${ms(t.moduleLoadMs)} | ${ms(t.cpuStartupMs)} | ${t.providerProcesses} |`);
  }
  return out.join("\n");
}

/** Wall times side by side: default, PULUMI_SKIP_CHECKPOINTS, and each other --parallel (with and without checkpoints). */
export function fastPathsMarkdown(ops: OpResult[]): string {
  const withTwin = ops.filter((o) => o.skipCheckpointsWallMs != null);
  if (withTwin.length === 0) return "";
  const pars = [...new Set(ops.map((o) => o.parallel).filter((p) => p !== "default"))] as number[];
  const head = [`| N | shape | operation | default | PULUMI_SKIP_CHECKPOINTS=true |`, ...pars.map((p) => ` --parallel ${p} | --parallel ${p} + skip checkpoints |`)].join("");
  const out = [head, `|---|---|---|---|---|${pars.map(() => "---|---|").join("")}`];
  for (const o of ops.filter((x) => x.parallel === "default")) {
    const ratio = (w: number | null | undefined) => (w == null ? "n/a" : `${s(w)} (${(w / o.wallMs).toFixed(2)}×)`);
    const cells = [s(o.wallMs), ratio(o.skipCheckpointsWallMs)];
    for (const p of pars) {
      const q = ops.find((x) => x.parallel === p && x.shape === o.shape && x.n === o.n && x.op === o.op);
      cells.push(q ? ratio(q.wallMs) : "—", q ? ratio(q.skipCheckpointsWallMs) : "—");
    }
    out.push(`| ${o.n} | ${o.shape} | ${o.op} | ${cells.join(" | ")} |`);
  }
  return out.join("\n");
}

/** Live state per configuration by owner, after the create and after the update, per N and shape. */
export function stateMarkdown(ops: OpResult[]): string {
  const rows = ops.filter((o) => o.parallel === "default" && o.stateSplit && (o.op === "up (create)" || o.op === "update (1 statement)"));
  if (rows.length === 0) return "";
  const out = [
    `| N | shape | after | file B / config | resource B / config | engine's fields | our inputs | our outputs | \`__provider\` (both copies) | largest engine fields | largest outputs |`,
    `|---|---|---|---|---|---|---|---|---|---|---|`,
  ];
  for (const o of rows) {
    const x = o.stateSplit!;
    const top = (r: Record<string, number>, k: number) => Object.entries(r).slice(0, k).map(([f, b]) => `${f} ${b}`).join(", ");
    out.push(`| ${o.n} | ${o.shape} | ${o.op} | ${x.fileBytesPerResource} | ${x.resourceBytes} | ${x.engineBytes} | ${x.inputsBytes} | ${x.outputsBytes} | ${x.providerBytes} | ${top(x.engineFields, 5)} | ${top(x.outputFields, 4)} |`);
  }
  return out.join("\n");
}

/** No-op previews under each program-side option. */
export function programOptionsMarkdown(f: ProgramOptionsFigures): string {
  const base = (ts: boolean) => f.variants.find((v) => v.variant.startsWith(ts ? "TypeScript" : "JavaScript"))?.medianMs ?? 0;
  return [
    `| \`pulumi preview\` (no change), N=${f.n} | median s | vs the first of its kind | runs s |`,
    `|---|---|---|---|`,
    ...f.variants.map((v) => {
      const d = v.medianMs - base(v.variant.startsWith("TypeScript"));
      return `| ${v.variant} | ${s(v.medianMs)} | ${d === 0 ? "" : `${d > 0 ? "+" : "−"}${s(Math.abs(d))}`} | ${v.runsMs.map((x) => s(x)).join(", ")} |`;
    }),
  ].join("\n");
}

/** What an engine killed mid-create leaves, with and without checkpoints. */
export function crashMarkdown(c: CrashFigures[]): string {
  return [
    `| N | mode | configs live | in state (with id) | pending creates flagged | live with no trace in state |`,
    `|---|---|---|---|---|---|`,
    ...c.map((x) => `| ${x.n} | ${x.mode} | ${x.live} | ${x.inState} | ${x.pendingCreates} | ${x.untraced} |`),
  ].join("\n");
}

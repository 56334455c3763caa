// The results of `make bench-peers` as markdown (bench/results/peers-latest.md): per N and phase, the wall time
// and API requests of ours and of LaunchDarkly's Terraform provider at each max_concurrency, the ratios
// ours ÷ theirs, the requests per resource by route, and the relay's view of a rotation on each side.
import { PHASES, type PhaseResult } from "./measure";
import type { RotationView } from "./rotation";

/** Everything one run produced (bench/results/peers-latest.json). */
export interface PeersReport {
  date: string;
  host: string;
  command: string;
  versions: Record<string, string>;
  latencyMs: number;
  ns: number[];
  /** Why the Terraform columns are missing, when they are. */
  peersSkipped: string | null;
  columns: { column: string; tool: string; setting: string }[];
  phases: PhaseResult[];
  rotation: RotationView[];
  /** Why the relay rotation view is missing, when it is. */
  rotationSkipped: string | null;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

function find(report: PeersReport, column: string, n: number, phase: string): PhaseResult | undefined {
  return report.phases.find((p) => p.column === column && p.n === n && p.phase === phase);
}

function ratio(ours: PhaseResult | undefined, theirs: PhaseResult | undefined): string {
  if (!ours || !theirs || ours.exitCode !== 0 || theirs.exitCode !== 0 || theirs.wallMs === 0) return "–";
  return (ours.wallMs / theirs.wallMs).toFixed(2);
}

function cell(p: PhaseResult | undefined): string {
  if (!p) return "–";
  return p.exitCode === 0 ? seconds(p.wallMs) : `${seconds(p.wallMs)} (exit ${p.exitCode})`;
}

/** The main table: one row per N and phase. */
function timeTable(report: PeersReport): string[] {
  const peers = report.columns.filter((c) => c.tool === "tofu");
  const names = peers.map((c) => label(c.column));
  const head = ["N", "phase", "ours s", ...names.map((l) => `Terraform ${l} s`), ...names.map((l) => `ours ÷ ${l}`),
    "CPU s: ours", ...names, "requests: ours", ...names];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  const cpu = (p: PhaseResult | undefined) => (p?.cpuMs == null ? "–" : (p.cpuMs / 1000).toFixed(1));
  for (const n of report.ns) {
    for (const phase of PHASES) {
      const ours = find(report, "pulumi", n, phase);
      const theirs = peers.map((c) => find(report, c.column, n, phase));
      const cells = [String(n), phase, cell(ours), ...theirs.map(cell), ...theirs.map((t) => ratio(ours, t)),
        cpu(ours), ...theirs.map(cpu), String(ours?.requests ?? "–"), ...theirs.map((t) => String(t?.requests ?? "–"))];
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  return lines;
}

/** `tofu-c1` → `c=1`. */
export function label(column: string): string {
  return column.replace(/^tofu-c/, "c=");
}

/** Requests per resource by route at the largest N (the counts do not depend on N but for per-command reads). */
function routeTable(report: PeersReport): string[] {
  const n = Math.max(...report.ns);
  const lines = [`Requests per resource by route at N=${n} (from \`/__emulator/stats\`; 429s included; \`…\` = \`/api/v2/account/relay-auto-configs\`):`, "",
    `| phase | ${report.columns.map((c) => (c.tool === "pulumi" ? "ours" : `Terraform ${label(c.column)}`)).join(" | ")} |`,
    `|---|${report.columns.map(() => "---").join("|")}|`];
  const short = (route: string) => route.replace("/api/v2/account/relay-auto-configs", "…");
  for (const phase of PHASES) {
    const cells = report.columns.map((c) => {
      const p = find(report, c.column, n, phase);
      if (!p) return "–";
      // The account listing behind our reach is per command, not per resource: shown as a count.
      const parts = Object.entries(p.byRoute).sort(([a], [b]) => a.localeCompare(b))
        .map(([route, count]) => (route.includes("/api/v2/projects") ? `account listing ×${count}` : `${short(route)} ${Math.round((count / n) * 100) / 100}`));
      return parts.join(", ") || "0";
    });
    lines.push(`| ${phase} | ${cells.join(" | ")} |`);
  }
  return lines;
}

function rotationTable(views: RotationView[]): string[] {
  const ms = (v: number | null) => (v === null ? "not within the watch" : `${(v / 1000).toFixed(2)} s`);
  const lines = [
    "| measure | ours (`rotation.trigger`) | Terraform (`-replace`) |",
    "|---|---|---|",
  ];
  const by = (tool: string) => views.find((v) => v.tool === tool);
  const row = (what: string, f: (v: RotationView) => string) => {
    const [a, b] = [by("pulumi"), by("tofu")];
    lines.push(`| ${what} | ${a ? f(a) : "–"} | ${b ? f(b) : "–"} |`);
  };
  row("command", (v) => `\`${v.command}\``);
  row("grace period asked for", (v) => (v.graceMs ? `${v.graceMs / 1000} s` : "none (no such setting)"));
  row("command wall time", (v) => `${(v.commandWallMs / 1000).toFixed(1)} s`);
  row("configuration id", (v) => (v.sameId ? "same" : "new"));
  row("old key's stream closed by the emulator, after the reset / DELETE arrived", (v) => ms(v.streamClosedAfterRequestMs));
  row("… after the command ended (negative: before it ended)", (v) => ms(v.streamClosedAfterCommandMs));
  row("ld-relay logs its key invalid, after the reset / DELETE arrived", (v) => ms(v.invalidKeyLoggedAfterRequestMs));
  row("relay /status healthy, every environment connected, until the close (samples every 250 ms)", (v) => `${v.healthySamples} of ${v.statusSamples}`);
  row("a relay started on the old key right after the command", (v) => v.restartWithOldKey);
  row("the new key on the relay stream right after the command", (v) => `HTTP ${v.newKeyStream}`);
  return lines;
}

/** The whole markdown file. */
export function peersMarkdown(report: PeersReport): string {
  const out: string[] = [`# Side by side: this provider and LaunchDarkly's Terraform provider`, "",
    `Date: ${report.date} · host: ${report.host} · command: \`${report.command}\``, "",
    `Versions: ${Object.entries(report.versions).map(([k, v]) => `${k} ${v}`).join(", ")}. One emulator (\`--tls\`, ` +
    `${report.latencyMs} ms added to every request) for every run. Ours: ${report.columns.find((c) => c.tool === "pulumi")?.setting ?? "–"}. ` +
    `Terraform: ${report.columns.filter((c) => c.tool === "tofu").map((c) => `${label(c.column)} = ${c.setting}`).join("; ") || "–"}. ` +
    `Ratios are ours ÷ theirs in wall time (below 1: ours is faster). CPU s: user + system time of the command's ` +
    `whole process tree (engine, language host, program and provider; tofu and its provider plugin).`, ""];
  if (report.peersSkipped) out.push(`**Terraform columns skipped:** ${report.peersSkipped}`, "");
  out.push("| phase | ours | Terraform |", "|---|---|---|");
  const commands = (column: string) => Object.fromEntries(report.phases.filter((p) => p.column === column).map((p) => [p.phase, p.command]));
  const ours = commands("pulumi");
  const theirs = commands(report.columns.find((c) => c.tool === "tofu")?.column ?? "");
  for (const phase of PHASES) out.push(`| ${phase} | \`${ours[phase] ?? "–"}\` | ${theirs[phase] ? `\`${theirs[phase].replace(/\(× \d+\)/, "(× N)")}\`` : "–"} |`);
  out.push("", ...timeTable(report), "", ...routeTable(report), "");
  out.push("## The relay's view of a rotation", "");
  if (report.rotationSkipped) out.push(`Skipped: ${report.rotationSkipped}`);
  else out.push(...rotationTable(report.rotation));
  return out.join("\n") + "\n";
}

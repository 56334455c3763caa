// The results of `make bench-peers` as markdown (bench/results/peers-latest.md): per N and phase, the wall time,
// CPU and API requests of ours (N resources, and one fleet) and of LaunchDarkly's Terraform provider at each
// max_concurrency, the ratios ours ÷ theirs, the fleet against its goal (at most Terraform c=8, at least 5× Terraform c=1), state bytes per
// configuration, the requests per resource by route, and the relay's view of a rotation on each side.
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

/** Our column ids: `pulumi`, `pulumi-fleet`, and either with `-c<m>` (at `launchdarkly:maxConcurrency` m). */
const OURS = /^pulumi(-fleet)?(?:-c(\d+))?$/;

/** `pulumi` → `ours`, `pulumi-fleet` → `ours (fleet)`, `pulumi-fleet-c8` → `ours (fleet, maxConcurrency 8)`, `tofu-c1` → `Terraform c=1`. */
export function columnName(column: string): string {
  const m = OURS.exec(column);
  if (!m) return `Terraform ${label(column)}`;
  const parts = [m[1] ? "fleet" : "", m[2] ? `maxConcurrency ${m[2]}` : ""].filter(Boolean);
  return parts.length === 0 ? "ours" : `ours (${parts.join(", ")})`;
}

/** The short form in ratio and sub-column headers: `ours`, `fleet`, `c=1`. */
function short(column: string): string {
  const m = OURS.exec(column);
  if (!m) return label(column);
  return `${m[1] ? "fleet" : "ours"}${m[2] ? ` c=${m[2]}` : ""}`;
}

/** Ours first (N resources, then the fleet), then Terraform's. */
function sides(report: PeersReport): { ours: string[]; peers: string[] } {
  const of = (tool: string) => report.columns.filter((c) => c.tool === tool).map((c) => c.column);
  return { ours: of("pulumi"), peers: of("tofu") };
}

/** The main table: one row per N and phase. */
function timeTable(report: PeersReport): string[] {
  const { ours, peers } = sides(report);
  const all = [...ours, ...peers];
  const pairs = ours.flatMap((o) => peers.map((p) => [o, p] as const));
  const head = ["N", "phase", ...all.map((c) => `${columnName(c)} s`), ...pairs.map(([o, p]) => `${short(o)} ÷ ${short(p)}`),
    ...all.map((c, i) => (i === 0 ? `CPU s: ${short(c)}` : short(c))), ...all.map((c, i) => (i === 0 ? `requests: ${short(c)}` : short(c)))];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  const cpu = (p: PhaseResult | undefined) => (p?.cpuMs == null ? "–" : (p.cpuMs / 1000).toFixed(1));
  for (const n of report.ns) {
    for (const phase of PHASES) {
      const at = (c: string) => find(report, c, n, phase);
      const cells = [String(n), phase, ...all.map((c) => cell(at(c))), ...pairs.map(([o, p]) => ratio(at(o), at(p))),
        ...all.map((c) => cpu(at(c))), ...all.map((c) => String(at(c)?.requests ?? "–"))];
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  return lines;
}

/** `tofu-c1` → `c=1`. */
export function label(column: string): string {
  return column.replace(/^tofu-c/, "c=");
}

/** The phases the fleet goal is about. */
export const GOAL_PHASES = ["create", "update every policy", "destroy"] as const;

/** The fleet (each fleet column) against the goal: at most Terraform c=8's time and at least 5× faster than its default (c=1). */
function goalTable(report: PeersReport): string[] {
  if (!["pulumi-fleet", "tofu-c1", "tofu-c8"].every((c) => report.columns.some((k) => k.column === c))) return [];
  const fleets = report.columns.map((c) => c.column).filter((c) => c.startsWith("pulumi-fleet"));
  const lines = ["The fleet against the goal: create, change every policy and destroy in at most the time of " +
    "Terraform with `max_concurrency = 8`, and at least 5× faster than Terraform's default (`max_concurrency` 1):", "",
    "| N | phase | ours | s | Terraform c=8 s | ÷ c=8 (goal ≤ 1) | Terraform c=1 s | c=1 ÷ ours (goal ≥ 5) | met |",
    "|---|---|---|---|---|---|---|---|---|"];
  for (const n of report.ns) {
    for (const phase of GOAL_PHASES) for (const column of fleets) {
      const [fleet, c8, c1] = [column, "tofu-c8", "tofu-c1"].map((c) => find(report, c, n, phase));
      const times = [fleet, c8, c1].map((p) => (p === undefined || p.exitCode !== 0 ? NaN : p.wallMs));
      const [vsC8, speedup] = [times[0] / times[1], times[2] / times[0]];
      const misses = [vsC8 > 1 ? "slower than c=8" : "", speedup < 5 ? "under 5× c=1" : ""].filter(Boolean);
      const met = times.some(Number.isNaN) ? "–" : misses.length === 0 ? "yes" : `no (${misses.join(", ")})`;
      const fixed = (x: number, digits: number) => (Number.isNaN(x) ? "–" : x.toFixed(digits));
      lines.push(`| ${n} | ${phase} | ${columnName(column)} | ${cell(fleet)} | ${cell(c8)} | ${fixed(vsC8, 2)} | ${cell(c1)} | ${fixed(speedup, 1)} | ${met} |`);
    }
  }
  return lines;
}

/** State bytes per configuration after create: the state file's size ÷ N. */
function stateTable(report: PeersReport): string[] {
  const all = report.columns.map((c) => c.column);
  const lines = ["State bytes per configuration after create (the state file's size ÷ N: Pulumi's checkpoint, which also " +
    "holds the stack and the default provider; Terraform's `terraform.tfstate`):", "",
    `| N | ${all.map(columnName).join(" | ")} |`, `|---|${all.map(() => "---").join("|")}|`];
  for (const n of report.ns) {
    const bytes = all.map((c) => find(report, c, n, "create")?.stateBytes);
    lines.push(`| ${n} | ${bytes.map((b) => (b == null ? "–" : String(Math.round(b / n)))).join(" | ")} |`);
  }
  return lines;
}

/** Requests per resource by route at the largest N (the counts do not depend on N but for per-command reads). */
function routeTable(report: PeersReport): string[] {
  const n = Math.max(...report.ns);
  const lines = [`Requests per resource by route at N=${n} (from \`/__emulator/stats\`; 429s included; \`…\` = \`/api/v2/account/relay-auto-configs\`):`, "",
    `| phase | ${report.columns.map((c) => columnName(c.column)).join(" | ")} |`,
    `|---|${report.columns.map(() => "---").join("|")}|`];
  const shortRoute = (route: string) => route.replace("/api/v2/account/relay-auto-configs", "…");
  for (const phase of PHASES) {
    const cells = report.columns.map((c) => {
      const p = find(report, c.column, n, phase);
      if (!p) return "–";
      // The account listing behind our reach is per command, not per resource: shown as a count.
      const parts = Object.entries(p.byRoute).sort(([a], [b]) => a.localeCompare(b))
        .map(([route, count]) => (route.includes("/api/v2/projects") ? `account listing ×${count}` : `${shortRoute(route)} ${Math.round((count / n) * 100) / 100}`));
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
    `${report.latencyMs} ms added to every request) for every run. ` +
    `${report.columns.map((c) => `${columnName(c.column)}: ${c.setting}`).join("; ")}. ` +
    `Ratios are ours ÷ theirs in wall time (below 1: ours is faster). CPU s: user + system time of the command's ` +
    `whole process tree (engine, language host, program and provider; tofu and its provider plugin).`, ""];
  if (report.peersSkipped) out.push(`**Terraform columns skipped:** ${report.peersSkipped}`, "");
  out.push("| phase | ours and ours (fleet) | Terraform |", "|---|---|---|");
  const commands = (column: string) => Object.fromEntries(report.phases.filter((p) => p.column === column).map((p) => [p.phase, p.command]));
  const ours = commands("pulumi");
  const theirs = commands(report.columns.find((c) => c.tool === "tofu")?.column ?? "");
  for (const phase of PHASES) out.push(`| ${phase} | \`${ours[phase] ?? "–"}\` | ${theirs[phase] ? `\`${theirs[phase].replace(/\(× \d+\)/, "(× N)")}\`` : "–"} |`);
  const goal = goalTable(report);
  out.push("", ...timeTable(report), "", ...(goal.length > 0 ? [...goal, ""] : []), ...stateTable(report), "", ...routeTable(report), "");
  out.push("## The relay's view of a rotation", "");
  if (report.rotationSkipped) out.push(`Skipped: ${report.rotationSkipped}`);
  else out.push(...rotationTable(report.rotation));
  return out.join("\n") + "\n";
}

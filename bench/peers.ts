// `make bench-peers`: this provider (through the Pulumi engine) and LaunchDarkly's Terraform provider (through
// OpenTofu) side by side, in one run, on one emulator (`--tls`, the same latency for both). For each N: create,
// no-op plan with refresh, change every policy, rotate (ours) / replace (Terraform's only way to a new key),
// destroy — wall seconds, CPU, API requests (emulator stats) and state bytes per phase; ours as N resources and as
// one RelayProxyConfigurations fleet of N entries (also at maxConcurrency 8 when our default differs), Terraform
// with its default max_concurrency (1) and with 8.
// Then the relay's view of a rotation on each side (bench/peers/rotation.ts). Results:
// bench/results/peers-latest.{json,md}. Method and figures: bench/README.md.
//
//   make bench-peers                                     # = node dist/bench/peers.js after make engine build
//   BENCH_PEER_N="10" make bench-peers                   # a quick run
//   BENCH_PEER_N="10 100 500" make bench-peers           # the default
//
// Environment: BENCH_PEER_N ("10 100 500"), BENCH_LATENCY_MS (50), TF_PLUGIN_MIRROR (a filesystem mirror holding
// registry.terraform.io/launchdarkly/launchdarkly; default ../shared/peers/mirror), BENCH_PEER_GRACE_S (20: the
// grace period of our rotation in the relay view), BENCH_PEER_RELAY (1; 0 skips the relay view), BENCH_OUT
// (bench/results). Without a mirror the Terraform columns are skipped (exit 0) and the message says how to get
// the provider. OpenTofu is built by scripts/install-tofu (skipped when present) only when a mirror is found.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_MAX_CONCURRENCY } from "../provider/settings";
import { pinnedRelayVersion } from "../scripts/ld-relay";
import { envInt, pulumi, repoRoot } from "./workspace";
import { startPeerEmulator, type PeerEmulator } from "./peers/emulator";
import { runLifecycle, type PhaseResult, type Side } from "./peers/measure";
import { pulumiSide } from "./peers/pulumi-side";
import { peersMarkdown, type PeersReport } from "./peers/report";
import { pulumiRotation, tofuRotation, type RotationView } from "./peers/rotation";
import { findMirror, tofuVersion, tofuWorkspace } from "./peers/tofu";
import { tofuSide } from "./peers/tofu-side";

/** The raised in-flight setting both tools are also run at: Terraform's max_concurrency, our maxConcurrency. */
const RAISED: number = 8;

/** Terraform's max_concurrency settings: the provider's default (unset: 1), then RAISED. */
const TOFU_CONCURRENCY: (number | undefined)[] = [undefined, RAISED];

const say = (line: string): void => void process.stderr.write(`[bench-peers] ${line}\n`);

/** What to tell a user without a mirror. */
function howToGetTheProvider(reason: string): string {
  return `${reason}. To get LaunchDarkly's Terraform provider, on a machine with internet access run \`tofu init\` ` +
    `(or \`terraform init\`) in a directory whose required_providers has launchdarkly = { source = "registry.terraform.io/launchdarkly/launchdarkly" }, ` +
    `then \`tofu providers mirror <dir>\` and point TF_PLUGIN_MIRROR at <dir> (or place it at ../shared/peers/mirror).`;
}

/** HEAD's short hash, and whether tracked files had uncommitted changes (the build measured is the working tree). */
function gitRevision(): string {
  const git = (args: string[]) => spawnSync("git", args, { cwd: repoRoot, encoding: "utf8" }).stdout?.trim() ?? "";
  const head = git(["rev-parse", "--short", "HEAD"]) || "unknown";
  return git(["status", "--porcelain", "--untracked-files=no"]) ? `${head} + uncommitted changes` : head;
}

/** Builds OpenTofu with scripts/install-tofu (it skips when the pinned version is there). */
function installTofu(): void {
  say("OpenTofu: bash scripts/install-tofu");
  const r = spawnSync("bash", [path.join(repoRoot, "scripts", "install-tofu")], { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`scripts/install-tofu failed (exit ${r.status})`);
}

async function lifecycles(ns: number[], emulator: PeerEmulator, mirror: string | undefined): Promise<PhaseResult[]> {
  const results: PhaseResult[] = [];
  for (const n of ns) {
    const sides: Side[] = [
      pulumiSide(n, emulator, "resources"),
      pulumiSide(n, emulator, "fleet"),
      // The fleet also at Terraform's raised setting, when our default differs from it.
      ...(DEFAULT_MAX_CONCURRENCY === RAISED ? [] : [pulumiSide(n, emulator, "fleet", RAISED)]),
      ...(mirror ? TOFU_CONCURRENCY.map((c) => tofuSide(n, emulator, mirror, c)) : []),
    ];
    for (const side of sides) {
      say(`N=${n}: ${side.tool} (${side.setting})`);
      results.push(...(await runLifecycle(side, n, emulator)));
    }
  }
  return results;
}

async function rotations(emulator: PeerEmulator, mirror: string | undefined, graceMs: number): Promise<RotationView[]> {
  say(`relay view of a rotation: ours (grace ${graceMs / 1000} s)`);
  const views = [await pulumiRotation(emulator, graceMs)];
  if (mirror) {
    say("relay view of a rotation: Terraform (-replace)");
    views.push(await tofuRotation(emulator, mirror));
  }
  return views;
}

async function main(): Promise<void> {
  const ns = (process.env.BENCH_PEER_N ?? "10 100 500").split(/[\s,]+/).filter(Boolean).map(Number);
  for (const n of ns) if (!(Number.isInteger(n) && n > 0 && n <= 1000)) throw new Error(`BENCH_PEER_N values must be 1..1000, got ${n}`);
  const latencyMs = envInt("BENCH_LATENCY_MS", 50);
  const graceMs = envInt("BENCH_PEER_GRACE_S", 20) * 1000;
  const relayView = process.env.BENCH_PEER_RELAY !== "0";
  const outDir = path.resolve(repoRoot, process.env.BENCH_OUT ?? "bench/results");
  const found = findMirror();
  const skipped = "missing" in found ? howToGetTheProvider(`no provider mirror: ${found.missing}`) : null;
  if (skipped) say(`Terraform columns skipped: ${skipped}`);
  else installTofu();
  const mirror = "missing" in found ? undefined : found.dir;

  const versions: Record<string, string> = {
    pulumi: (await pulumi(repoRoot, process.env as Record<string, string>, ["version"])).out.trim(),
    "ld-relay": pinnedRelayVersion(repoRoot),
    "this repository": gitRevision(),
  };
  const loadAtStart = os.loadavg().map((x) => x.toFixed(1)).join(" ");
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "relay-peers-"));
  say(`emulator: --tls, latency ${latencyMs} ms`);
  const emulator = await startPeerEmulator(path.join(base, "emulator"), latencyMs);
  let report: PeersReport;
  try {
    if (mirror) {
      versions.opentofu = await tofuVersion();
      const probe = await tofuWorkspace(emulator, mirror, 1, undefined);
      versions["terraform-provider-launchdarkly"] = probe.providerVersion();
      probe.remove();
    }
    say(`versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(", ")}; N = ${ns.join(", ")}`);
    const phases = await lifecycles(ns, emulator, mirror);
    const rotation = relayView ? await rotations(emulator, mirror, graceMs) : [];
    const columns = [...new Map(phases.map((p) => [p.column, { column: p.column, tool: p.tool, setting: p.setting }])).values()];
    report = {
      date: new Date().toISOString(),
      host: `${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "unknown"}), load average ${loadAtStart} at the start, ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} at the end`,
      command: `BENCH_PEER_N="${ns.join(" ")}" BENCH_LATENCY_MS=${latencyMs} make bench-peers`,
      versions, latencyMs, ns, peersSkipped: skipped, columns, phases, rotation,
      rotationSkipped: relayView ? null : "BENCH_PEER_RELAY=0",
    };
  } finally {
    await emulator.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, "peers-latest.json"), JSON.stringify(report, null, 2) + "\n");
  fs.writeFileSync(path.join(outDir, "peers-latest.md"), peersMarkdown(report));
  process.stdout.write(peersMarkdown(report));
  say(`wrote ${path.relative(repoRoot, path.join(outDir, "peers-latest.json"))} and peers-latest.md`);
  const failed = report.phases.filter((p) => p.exitCode !== 0);
  if (failed.length > 0) throw new Error(`failed phases: ${failed.map((p) => `N=${p.n} ${p.column} ${p.phase}`).join(", ")}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench-peers] failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

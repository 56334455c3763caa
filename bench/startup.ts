// Provider start-up, piece by piece, outside the engine: fresh `node` processes (Node from node_modules/.bin, as
// the engine runs it) that load what the engine's dynamic-provider process loads, in its order, timing each part
// — node's own boot, the SDK's dynamic-provider host (the modules @pulumi/pulumi/cmd/dynamic-provider requires:
// gRPC, protobuf, the SDK runtime), then our provider module (dist/provider/provider.js), and our module again
// with axios loaded first (what is ours alone). Also the SDK launcher's extra `node -e require.resolve(…)`, and
// the same loads with NODE_COMPILE_CACHE (warm). Medians of BENCH_STARTUP_RUNS (default 5) runs each.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "./workspace";

/** Medians in ms. */
export interface StartupFigures {
  runs: number;
  /** `node -e 0`-like boot: process start → first line of the script (performance.now()). */
  nodeBootMs: number;
  /** The launcher script's `node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))"`, spawn to exit. */
  launcherResolveMs: number;
  /** The modules the SDK's dynamic-provider host requires. */
  sdkHostMs: number;
  /** dist/provider/provider.js after the host (what the first call pays). */
  providerModuleMs: number;
  /** axios alone, after the host. */
  axiosMs: number;
  /** dist/provider/provider.js after the host and axios: our own modules (and fast-json-patch, ms). */
  providerWithoutAxiosMs: number;
  /** With NODE_COMPILE_CACHE (a warm cache directory): the host, and our module after it. */
  compileCache: { sdkHostMs: number; providerModuleMs: number };
}

/** What cmd/dynamic-provider/index.js requires (@pulumi/pulumi v3), relative to it. */
const HOST_MODULES = [
  "source-map-support/register", "@grpc/grpc-js", "../../metadata", "../../runtime/rpc", "../../version", "./config",
  "google-protobuf/google/protobuf/any_pb", "google-protobuf/google/protobuf/empty_pb", "google-protobuf/google/protobuf/struct_pb",
  "../../proto/plugin_pb", "../../proto/provider_grpc_pb", "../../proto/provider_pb", "../../proto/status_pb", "../../runtime",
  "require-from-string",
];

/** The probe run in each fresh node: prints `{ boot, host, axios, provider }` in ms. */
function probe(axiosFirst: boolean): string {
  return `
const now = () => performance.now();
const boot = now();
const dir = require("path").dirname(require.resolve("@pulumi/pulumi/cmd/dynamic-provider"));
const a = now();
for (const m of ${JSON.stringify(HOST_MODULES)}) require(m.startsWith(".") ? require("path").join(dir, m) : require.resolve(m, { paths: [dir] }));
const b = now();
${axiosFirst ? `require("axios");` : ""}
const c = now();
require(${JSON.stringify(path.join(repoRoot, "dist", "provider", "provider.js"))});
const d = now();
console.log(JSON.stringify({ boot, host: b - a, axios: c - b, provider: d - c }));`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 10) / 10;
}

/** Runs the probes; `runs` of each. */
export function startupFigures(runs: number): StartupFigures {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: [path.join(repoRoot, "node_modules", ".bin"), process.env.PATH ?? ""].join(path.delimiter) };
  delete env.NODE_COMPILE_CACHE;
  const node = (script: string, extra: Record<string, string> = {}) =>
    JSON.parse(execFileSync("node", ["-e", script], { cwd: repoRoot, env: { ...env, ...extra }, encoding: "utf8" })) as Record<string, number>;
  const plain = Array.from({ length: runs }, () => node(probe(false)));
  const axiosFirst = Array.from({ length: runs }, () => node(probe(true)));
  const launcher = Array.from({ length: runs }, () => {
    const t0 = process.hrtime.bigint();
    execFileSync("node", ["-e", "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))"], { cwd: repoRoot, env, encoding: "utf8" });
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-compile-cache-"));
  try {
    node(probe(false), { NODE_COMPILE_CACHE: cacheDir }); // fills the cache
    const cached = Array.from({ length: runs }, () => node(probe(false), { NODE_COMPILE_CACHE: cacheDir }));
    return {
      runs,
      nodeBootMs: median(plain.map((r) => r.boot)),
      launcherResolveMs: median(launcher),
      sdkHostMs: median(plain.map((r) => r.host)),
      providerModuleMs: median(plain.map((r) => r.provider)),
      axiosMs: median(axiosFirst.map((r) => r.axios)),
      providerWithoutAxiosMs: median(axiosFirst.map((r) => r.provider)),
      compileCache: { sdkHostMs: median(cached.map((r) => r.host)), providerModuleMs: median(cached.map((r) => r.provider)) },
    };
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** The start-up figures as a markdown table. */
export function startupMarkdown(s: StartupFigures): string {
  const rows: Array<[string, number]> = [
    ["node boot (process start → first line of a script)", s.nodeBootMs],
    ["SDK launcher's extra `node -e require.resolve(…)` (spawn to exit)", s.launcherResolveMs],
    ["SDK dynamic-provider host modules (gRPC, protobuf, SDK runtime)", s.sdkHostMs],
    ["our provider module, `dist/provider/provider.js` (after the host)", s.providerModuleMs],
    ["  of which axios (loaded alone after the host)", s.axiosMs],
    ["  our module with axios already loaded (ours, fast-json-patch, ms)", s.providerWithoutAxiosMs],
    ["SDK host modules with NODE_COMPILE_CACHE (warm)", s.compileCache.sdkHostMs],
    ["our provider module with NODE_COMPILE_CACHE (warm)", s.compileCache.providerModuleMs],
  ];
  return [`| part (fresh \`node\` processes, median of ${s.runs}) | ms |`, `|---|---|`, ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join("\n");
}

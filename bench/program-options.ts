// Program-side options, side by side on no-op previews of N configs (`pulumi preview`, nothing to change, so the
// time is start-up, the program and one check and diff per resource): the JavaScript program as is, with
// NODE_OPTIONS=--stack-trace-limit=0 (the SDK records `new Error().stack` for every promise it makes, so
// declaring a resource with many outputs is mostly stack captures), and with NODE_COMPILE_CACHE (a warm V8 code
// cache for every node process of the command: program, provider, the SDK's launcher); then the same program in
// TypeScript (with the tsconfig of Pulumi's TypeScript template) type-checked by ts-node on a cold cache (a
// changed program, a fresh CI machine), type-checked on a warm ts-node cache (unchanged program), and transpiled
// only (PULUMI_NODEJS_TRANSPILE_ONLY=true, as `"noCheck": true` also gives) on a cold cache. Variants interleave,
// `runs` times each; medians.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { programFor } from "./program";
import { withBenchStack, type BenchStack } from "./workspace";

/** The program in TypeScript, as a user would write it. */
export const TS_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { RelayProxyConfiguration } from "pulumi-launchdarkly-relay";

const config = new pulumi.Config("bench");
const n = Number(config.require("n"));
export const displayKeys: pulumi.Output<string>[] = [];
for (let i = 0; i < n; i++) {
  const relay = new RelayProxyConfiguration(\`relay-\${i}\`, {
    name: \`bench-relay-\${i}\`,
    policy: [{ effect: "allow", resources: [\`proj/p\${i}:env/production\`], actions: ["*"] }],
    rotation: { trigger: "t0", gracePeriod: "1h" },
  });
  displayKeys.push(relay.displayKey);
}
`;

/** The compiler options of `pulumi new typescript`. */
const TSCONFIG = {
  compilerOptions: {
    strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true,
    experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/** One variant's no-op preview wall times, ms. */
export interface ProgramVariant {
  variant: string;
  runsMs: number[];
  medianMs: number;
}

/** The variants measured on a program of `n` configs. */
export interface ProgramOptionsFigures {
  n: number;
  variants: ProgramVariant[];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall time of `pulumi preview` on the stack with `extra` in its environment; throws if it fails. */
async function preview(stack: BenchStack, extra: Record<string, string>): Promise<number> {
  const saved = { ...stack.env };
  Object.assign(stack.env, extra);
  const t0 = process.hrtime.bigint();
  try {
    await stack.must(["preview"]);
  } finally {
    for (const k of Object.keys(extra)) delete stack.env[k];
    Object.assign(stack.env, saved);
  }
  return Math.round(Number(process.hrtime.bigint() - t0) / 1e6);
}

/** Turns the stack's program into TypeScript. */
function toTypeScript(workDir: string): void {
  fs.rmSync(path.join(workDir, "index.js"));
  fs.writeFileSync(path.join(workDir, "index.ts"), TS_PROGRAM);
  fs.writeFileSync(path.join(workDir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  const pkg = JSON.parse(fs.readFileSync(path.join(workDir, "package.json"), "utf8"));
  fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ ...pkg, main: "index.ts" }));
}

/** Measures `runs` no-op previews of each variant on programs of `n` configs (JavaScript, then TypeScript). */
export async function programOptionsFigures(n: number, latencyMs: number, runs: number): Promise<ProgramOptionsFigures> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-program-options-"));
  const fresh = () => fs.mkdtempSync(path.join(scratch, "c-"));
  const compileCache = fresh();
  const tsWarm = fresh();
  const cold = (transpileOnly: boolean) => () => ({ PULUMI_NODEJS_TRANSPILE_ONLY: String(transpileOnly), TS_NODE_CACHE_DIRECTORY: fresh() });
  const kinds: Array<{ ts: boolean; variants: Array<{ variant: string; env: () => Record<string, string>; warm?: boolean }> }> = [
    { ts: false, variants: [
      { variant: "JavaScript program", env: () => ({}) },
      { variant: "JavaScript, NODE_OPTIONS=--stack-trace-limit=0", env: () => ({ NODE_OPTIONS: "--stack-trace-limit=0" }) },
      { variant: "JavaScript, NODE_COMPILE_CACHE (warm)", env: () => ({ NODE_COMPILE_CACHE: compileCache }), warm: true },
    ] },
    { ts: true, variants: [
      { variant: "TypeScript, type-checked, cold ts-node cache (SDK default; a changed program)", env: cold(false) },
      { variant: "TypeScript, type-checked, warm ts-node cache (unchanged program)", env: () => ({ PULUMI_NODEJS_TRANSPILE_ONLY: "false", TS_NODE_CACHE_DIRECTORY: tsWarm }), warm: true },
      { variant: "TypeScript, transpile only (PULUMI_NODEJS_TRANSPILE_ONLY=true), cold ts-node cache", env: cold(true) },
    ] },
  ];
  const out: ProgramVariant[] = [];
  try {
    for (const kind of kinds) {
      await withBenchStack(`relay-bench-options-${n}-`, latencyMs, null, programFor("resources"), async (stack) => {
        if (kind.ts) toTypeScript(stack.workDir);
        await stack.must(["config", "set", "bench:n", String(n)]);
        await stack.must(["up", "--yes", "--skip-preview"]);
        for (const v of kind.variants) if (v.warm) await preview(stack, v.env()); // fills the cache
        const times = kind.variants.map(() => [] as number[]);
        for (let i = 0; i < runs; i++) for (const [j, v] of kind.variants.entries()) times[j].push(await preview(stack, v.env()));
        for (const [j, v] of kind.variants.entries()) out.push({ variant: v.variant, runsMs: times[j], medianMs: median(times[j]) });
        await stack.must(["destroy", "--yes", "--skip-preview"]);
      });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { n, variants: out };
}

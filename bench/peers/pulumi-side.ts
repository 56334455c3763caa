// Our side of `make bench-peers`, in two shapes: N RelayProxyConfiguration resources in one stack (column
// `pulumi`), or one RelayProxyConfigurations fleet holding the same N configurations (column `pulumi-fleet`: one
// engine step instead of N), through the real `pulumi` CLI (bench/workspace.ts: isolated file backend, the
// package installed as users get it), against the TLS emulator (the provider trusts its CA through
// NODE_EXTRA_CA_CERTS). Engine --parallel and the client's limiter are both at their default, 8. Each command is
// what a user types: `pulumi up --yes` (preview included, as `tofu apply` plans first), `pulumi preview --refresh`
// (Terraform refreshes on plan), `pulumi destroy --yes`. After each phase: the checkpoint file's size.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { makeWorkspace, pulumi } from "../workspace";
import type { PeerEmulator } from "./emulator";
import type { CommandResult, Phase, Side } from "./measure";

/**
 * N configs from stack config `bench:n`: config i allows `proj/p<i>:env/production`; `bench:variant` ≥ 1 adds a
 * deny statement to every one (and a comment); a new `bench:trigger` resets every key (grace 1 h). The same
 * content in both shapes, so requests per config compare.
 */
const CONFIGS = `
const pulumi = require("@pulumi/pulumi");
const relay = require("pulumi-launchdarkly-relay");
const cfg = new pulumi.Config("bench");
const variant = Number(cfg.get("variant") ?? "0");
const rotation = { trigger: cfg.get("trigger") ?? "t0", gracePeriod: "1h" };
const configs = Array.from({ length: Number(cfg.require("n")) }, (_, i) => {
  const statements = [{ effect: "allow", resources: [\`proj/p\${i}:env/production\`], actions: ["*"] }];
  if (variant >= 1) statements.push({ effect: "deny", resources: [\`proj/p\${i}:env/production:flag/*\`], actions: ["updateFlag"] });
  const comment = variant >= 1 ? \`peer bench variant \${variant}\` : undefined;
  return { name: \`bench-relay-\${i}\`, policy: statements, ...(comment === undefined ? {} : { comment }), rotation };
});
`;

/** The program of each shape: N resources `relay-<i>`, or one fleet `fleet` with entries `relay-<i>`. */
const PROGRAMS = {
  resources: `${CONFIGS}
exports.created = configs.map((args, i) => new relay.RelayProxyConfiguration(\`relay-\${i}\`, args).configId).length;
`,
  fleet: `${CONFIGS}
new relay.RelayProxyConfigurations("fleet", { configs: Object.fromEntries(configs.map((args, i) => [\`relay-\${i}\`, args])) });
exports.created = configs.length;
`,
} as const;

/** Our side's shapes. */
export type PulumiShape = keyof typeof PROGRAMS;

/** Our provider through the Pulumi engine, for N configurations in `shape` on `emulator`. */
export function pulumiSide(n: number, emulator: PeerEmulator, shape: PulumiShape): Side {
  let base = "";
  let destroyLeftovers = async (): Promise<void> => undefined;
  return {
    column: shape === "fleet" ? "pulumi-fleet" : "pulumi",
    tool: "pulumi",
    setting: `${shape === "fleet" ? "one RelayProxyConfigurations of N entries" : "N RelayProxyConfiguration resources"}, engine --parallel 8 (default), client limiter 8`,
    async prepare(): Promise<Phase[]> {
      base = fs.mkdtempSync(path.join(os.tmpdir(), `relay-peers-pulumi-${shape}-${n}-`));
      const { workDir, env } = makeWorkspace(base, PROGRAMS[shape]);
      Object.assign(env, { LAUNCHDARKLY_API_HOST: emulator.url, LAUNCHDARKLY_ACCESS_TOKEN: emulator.token, NODE_EXTRA_CA_CERTS: emulator.caFile });
      const run = (args: string[]): Promise<CommandResult> => pulumi(workDir, env, args);
      const must = async (args: string[]): Promise<void> => {
        const r = await run(args);
        if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (exit ${r.code})`);
      };
      destroyLeftovers = async () => void (await run(["destroy", "--yes", "--skip-preview"]));
      await must(["stack", "init", "bench"]);
      await must(["config", "set", "bench:n", String(n)]);
      const phase = (name: Phase["name"], args: string[], before?: () => Promise<void>): Phase =>
        ({ name, command: `pulumi ${args.join(" ")}`, before, run: () => run(args) });
      return [
        phase("create", ["up", "--yes"]),
        phase("no-op plan (refresh)", ["preview", "--refresh", "--expect-no-changes"]),
        phase("update every policy", ["up", "--yes"], () => must(["config", "set", "bench:variant", "1"])),
        phase("rotate / replace", ["up", "--yes"], () => must(["config", "set", "bench:trigger", "t1"])),
        phase("destroy", ["destroy", "--yes"]),
      ];
    },
    stateBytes(): number | null {
      const checkpoint = path.join(base, "backend", ".pulumi", "stacks", "bench", "bench.json");
      return base !== "" && fs.existsSync(checkpoint) ? fs.statSync(checkpoint).size : null;
    },
    async dispose(): Promise<void> {
      if (!base) return;
      // Whatever a failed phase left behind goes before the workspace does (a quick no-op when destroy ran).
      await destroyLeftovers();
      fs.rmSync(base, { recursive: true, force: true });
      base = "";
    },
  };
}

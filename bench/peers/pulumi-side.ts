// Our side of `make bench-peers`, in two shapes: N RelayProxyConfiguration resources in one stack (column
// `pulumi`), or one RelayProxyConfigurations fleet holding the same N configurations (column `pulumi-fleet`: one
// engine step instead of N), the programs of bench/program.ts, through the real `pulumi` CLI (bench/workspace.ts:
// isolated file backend, the package installed as users get it), against the TLS emulator (the provider trusts
// its CA through NODE_EXTRA_CA_CERTS). Engine --parallel at its default (8); the client's limiter at its default,
// or at a given `launchdarkly:maxConcurrency` (column suffix `-c<m>`, e.g. `pulumi-fleet-c8`).
// Each command is what a user types: `pulumi up --yes` (preview included, as `tofu apply` plans first), `pulumi
// preview --refresh` (Terraform refreshes on plan), `pulumi destroy --yes`. After each phase: the checkpoint
// file's size.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEFAULT_MAX_CONCURRENCY } from "../../provider/settings";
import { programFor, type Shape } from "../program";
import { makeWorkspace, pulumi } from "../workspace";
import type { PeerEmulator } from "./emulator";
import type { CommandResult, Phase, Side } from "./measure";

/** Our provider through the Pulumi engine, for N configurations in `shape` on `emulator`, at `maxConcurrency` when given. */
export function pulumiSide(n: number, emulator: PeerEmulator, shape: Shape, maxConcurrency?: number): Side {
  let base = "";
  let destroyLeftovers = async (): Promise<void> => undefined;
  const limiter = maxConcurrency === undefined ? `client limiter ${DEFAULT_MAX_CONCURRENCY} (default)` : `client limiter ${maxConcurrency} (launchdarkly:maxConcurrency)`;
  return {
    column: `${shape === "fleet" ? "pulumi-fleet" : "pulumi"}${maxConcurrency === undefined ? "" : `-c${maxConcurrency}`}`,
    tool: "pulumi",
    setting: `${shape === "fleet" ? "one RelayProxyConfigurations of N entries" : "N RelayProxyConfiguration resources"}, engine --parallel 8 (default), ${limiter}`,
    async prepare(): Promise<Phase[]> {
      base = fs.mkdtempSync(path.join(os.tmpdir(), `relay-peers-pulumi-${shape}-${n}-`));
      const { workDir, env } = makeWorkspace(base, programFor(shape));
      Object.assign(env, { LAUNCHDARKLY_API_HOST: emulator.url, LAUNCHDARKLY_ACCESS_TOKEN: emulator.token, NODE_EXTRA_CA_CERTS: emulator.caFile });
      const run = (args: string[]): Promise<CommandResult> => pulumi(workDir, env, args);
      const must = async (args: string[]): Promise<void> => {
        const r = await run(args);
        if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (exit ${r.code})`);
      };
      destroyLeftovers = async () => void (await run(["destroy", "--yes", "--skip-preview"]));
      await must(["stack", "init", "bench"]);
      if (maxConcurrency !== undefined) await must(["config", "set", "launchdarkly:maxConcurrency", String(maxConcurrency)]);
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

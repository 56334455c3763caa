// LaunchDarkly's Terraform provider's side of `make bench-peers`: N `launchdarkly_relay_proxy_configuration`
// resources in one OpenTofu workspace (bench/peers/tofu.ts), with the provider's default `max_concurrency` (1:
// one request in flight for all resources) or a given one. Each command is what a user types: `tofu apply`
// (which refreshes and plans first), `tofu plan` (refreshes), `tofu apply -replace=…` for every resource (the
// only way to a new key: a new configuration and id, the old key dead at once), `tofu destroy`.
import type { PeerEmulator } from "./emulator";
import type { Phase, Side } from "./measure";
import { RESOURCE, tofuWorkspace, type TofuWorkspace } from "./tofu";

const FLAGS = ["-input=false", "-no-color"];

/** Terraform's provider through tofu for N resources; `maxConcurrency` undefined = the provider's default. */
export function tofuSide(n: number, emulator: PeerEmulator, mirror: string, maxConcurrency: number | undefined): Side {
  let workspace: TofuWorkspace | undefined;
  return {
    column: `tofu-c${maxConcurrency ?? 1}`,
    tool: "tofu",
    setting: maxConcurrency === undefined ? "max_concurrency unset (default 1)" : `max_concurrency = ${maxConcurrency}`,
    async prepare(): Promise<Phase[]> {
      const ws = await tofuWorkspace(emulator, mirror, n, maxConcurrency);
      workspace = ws;
      const replace = Array.from({ length: n }, (_, i) => `-replace=${RESOURCE}[${i}]`);
      return [
        { name: "create", command: "tofu apply -auto-approve", run: () => ws.run(["apply", "-auto-approve", ...FLAGS]) },
        {
          name: "no-op plan (refresh)",
          command: "tofu plan -detailed-exitcode",
          // Exit 2 means the plan found changes: not the no-op this phase expects.
          run: () => ws.run(["plan", "-detailed-exitcode", ...FLAGS]),
        },
        {
          name: "update every policy",
          command: "tofu apply -auto-approve (variant = 1)",
          before: async () => ws.setVariables(n, 1),
          run: () => ws.run(["apply", "-auto-approve", ...FLAGS]),
        },
        {
          name: "rotate / replace",
          command: `tofu apply -auto-approve -replace=${RESOURCE}[i] (× ${n})`,
          run: () => ws.run(["apply", "-auto-approve", ...FLAGS, ...replace]),
        },
        { name: "destroy", command: "tofu destroy -auto-approve", run: () => ws.run(["destroy", "-auto-approve", ...FLAGS]) },
      ];
    },
    stateBytes: () => workspace?.stateBytes() ?? null,
    async dispose(): Promise<void> {
      if (!workspace) return;
      // Whatever a failed phase left behind goes before the workspace does (nothing to do when destroy ran).
      await workspace.run(["destroy", "-auto-approve", "-refresh=false", ...FLAGS]);
      workspace.remove();
      workspace = undefined;
    },
  };
}

// OpenTofu with LaunchDarkly's Terraform provider, the way Terraform users install providers: the provider comes
// from a filesystem mirror (`tofu init -plugin-dir=<mirror>`, TF_PLUGIN_MIRROR or ../shared/peers/mirror), tofu
// from scripts/install-tofu (.tools/tofu/bin). A workspace is a directory with main.tf (N
// `launchdarkly_relay_proxy_configuration` resources by `count`), terraform.tfvars (n, variant), the local state,
// an empty CLI config and its own HOME; tofu runs with nothing from the machine's environment but PATH, trusting
// the emulator's CA through SSL_CERT_FILE (the provider forces https), with CHECKPOINT_DISABLE=1.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repoRoot } from "../workspace";
import type { PeerEmulator } from "./emulator";
import type { CommandResult } from "./measure";

/** The provider's source address: the mirror is laid out under it (OpenTofu's default registry differs). */
export const PROVIDER_SOURCE = "registry.terraform.io/launchdarkly/launchdarkly";
/** The resource type and its address in a workspace. */
export const RESOURCE = "launchdarkly_relay_proxy_configuration.relay";
/** Upper bound of one tofu command. */
const COMMAND_TIMEOUT_MS = 45 * 60_000;

/** Where scripts/install-tofu puts tofu. */
export function tofuBinary(): string {
  return path.join(repoRoot, ".tools", "tofu", "bin", "tofu");
}

/** The plugin mirror to use and the provider versions in it, or why there is none. */
export function findMirror(env: NodeJS.ProcessEnv = process.env): { dir: string; versions: string[] } | { missing: string } {
  const given = env.TF_PLUGIN_MIRROR?.trim();
  const dir = path.resolve(repoRoot, given || path.join("..", "shared", "peers", "mirror"));
  const providerDir = path.join(dir, ...PROVIDER_SOURCE.split("/"));
  if (!fs.existsSync(providerDir)) {
    return { missing: `${given ? "TF_PLUGIN_MIRROR" : "the default mirror"} ${dir} has no ${PROVIDER_SOURCE}` };
  }
  const versions = fs.readdirSync(providerDir).filter((v) => /^\d+\.\d+\.\d+/.test(v)).sort();
  if (versions.length === 0) return { missing: `${providerDir} holds no provider version` };
  return { dir, versions };
}

/** The main.tf of a workspace; `maxConcurrency` undefined leaves the provider's default (1). */
export function mainTf(maxConcurrency: number | undefined): string {
  const provider = maxConcurrency === undefined ? "" : `\n  max_concurrency = ${maxConcurrency}\n`;
  return `terraform {
  required_providers {
    launchdarkly = {
      source = "${PROVIDER_SOURCE}"
    }
  }
}

provider "launchdarkly" {${provider}}

variable "n" {
  type = number
}

variable "variant" {
  type    = number
  default = 0
}

resource "launchdarkly_relay_proxy_configuration" "relay" {
  count = var.n
  name  = "bench-relay-\${count.index}"
  policy = concat(
    [{ effect = "allow", resources = ["proj/p\${count.index}:env/production"], actions = ["*"] }],
    var.variant >= 1 ? [{ effect = "deny", resources = ["proj/p\${count.index}:env/production:flag/*"], actions = ["updateFlag"] }] : [],
  )
}
`;
}

/** A tofu workspace on the emulator. */
export interface TofuWorkspace {
  dir: string;
  /** `tofu <args>` in the workspace. */
  run(args: string[]): Promise<CommandResult>;
  /** Rewrites terraform.tfvars. */
  setVariables(n: number, variant: number): void;
  /** The size of the local state file, or null before there is one. */
  stateBytes(): number | null;
  /** Id and full key of resource `index` in the local state (the key is a secret: never print it). */
  stateInstance(index: number): { id: string; key: string };
  /** The provider version tofu installed (from .terraform.lock.hcl). */
  providerVersion(): string;
  remove(): void;
}

/** Creates a workspace for N resources and runs `tofu init -plugin-dir=<mirror>` (untimed). */
export async function tofuWorkspace(emulator: PeerEmulator, mirror: string, n: number, maxConcurrency: number | undefined): Promise<TofuWorkspace> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `relay-peers-tofu-${n}-`));
  const home = path.join(dir, "home");
  const cliConfig = path.join(dir, "empty.tfrc");
  const project = path.join(dir, "project");
  for (const d of [home, project]) fs.mkdirSync(d);
  fs.writeFileSync(cliConfig, "");
  fs.writeFileSync(path.join(project, "main.tf"), mainTf(maxConcurrency));
  const stateFile = path.join(project, "terraform.tfstate");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    TMPDIR: os.tmpdir(),
    TF_CLI_CONFIG_FILE: cliConfig,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    SSL_CERT_FILE: emulator.caFile,
    LAUNCHDARKLY_API_HOST: emulator.hostPort,
    LAUNCHDARKLY_ACCESS_TOKEN: emulator.token,
  };
  const run = (args: string[]): Promise<CommandResult> =>
    new Promise((resolve) => {
      execFile(tofuBinary(), [...args], { cwd: project, env, maxBuffer: 256 * 1024 * 1024, timeout: COMMAND_TIMEOUT_MS },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: stdout + stderr }));
    });
  const workspace: TofuWorkspace = {
    dir,
    run,
    setVariables: (count, variant) => fs.writeFileSync(path.join(project, "terraform.tfvars"), `n       = ${count}\nvariant = ${variant}\n`),
    stateBytes: () => (fs.existsSync(stateFile) ? fs.statSync(stateFile).size : null),
    stateInstance: (index) => {
      const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as {
        resources: { type: string; instances: { index_key?: number; attributes: { id?: string; full_key?: string } }[] }[];
      };
      const instances = state.resources.find((r) => r.type === RESOURCE.split(".")[0])?.instances ?? [];
      const attributes = instances.find((i) => (i.index_key ?? 0) === index)?.attributes;
      if (!attributes?.id || !attributes.full_key) throw new Error(`no id or full_key for ${RESOURCE}[${index}] in the state`);
      return { id: attributes.id, key: attributes.full_key };
    },
    providerVersion: () => /version\s*=\s*"([^"]+)"/.exec(fs.readFileSync(path.join(project, ".terraform.lock.hcl"), "utf8"))?.[1] ?? "unknown",
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  workspace.setVariables(n, 0);
  const init = await run(["init", "-input=false", "-no-color", `-plugin-dir=${mirror}`]);
  if (init.code !== 0) {
    workspace.remove();
    throw new Error(`tofu init -plugin-dir=${mirror} failed (exit ${init.code}):\n${init.out.slice(-2000)}`);
  }
  return workspace;
}

/** `tofu version`'s first line, e.g. `OpenTofu v1.11.14`. */
export async function tofuVersion(): Promise<string> {
  return new Promise((resolve) => {
    execFile(tofuBinary(), ["version"], { env: { PATH: process.env.PATH ?? "", CHECKPOINT_DISABLE: "1" } },
      (error, stdout) => resolve(error ? "unknown" : stdout.split("\n")[0].trim()));
  });
}

// The soak's engine stack: RELAY_PROGRAM in a fresh program directory with its own file backend (laid out by
// scripts/engine-workspace.ts), a LocalWorkspace stack pointed at the emulator, the desired configs (stack config
// `relays`) the soak sets before each step, and the relay resources read from the checkpoint file.
import * as fs from "fs";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import { RELAY_PROGRAM } from "../emulator-client";
import { installProgramNodeModules, offlineEngineEnv, writeProgram } from "../engine-workspace";

/** The resource type of a RelayProxyConfiguration in state. */
export const RELAY_TYPE = "pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration";

type Statement = { effect: string; resources?: string[]; actions?: string[] };
/** The configs the stack should hold: logical name → arguments. */
export type Desired = Record<string, { name: string; policy: Statement[]; rotation: { trigger: string; gracePeriod: string } }>;

/**
 * The configs of `logicals` for `cycle`: each allows its own environment `v<cycle>-<version>` and denies flag
 * updates in production; `trigger` drives rotation with a `grace` period.
 */
export function makeDesired(cycle: number, version: number, trigger: string, logicals: string[], grace: string): Desired {
  const d: Desired = {};
  for (const l of logicals) {
    d[l] = {
      name: `soak-${l}`,
      policy: [
        { effect: "allow", resources: [`proj/${l}:env/v${cycle}-${version}`], actions: ["*"] },
        { effect: "deny", resources: [`proj/${l}:env/production`], actions: ["updateFlag"] },
      ],
      rotation: { trigger, gracePeriod: grace },
    };
  }
  return d;
}

/** The soak's stack. */
export interface SoakStack {
  stack: Stack;
  stackName: string;
  /** The stack's checkpoint file. */
  stateFile: string;
  /** What the stack should hold now. */
  desired(): Desired;
  /** Sets the desired configs (stack config `relays`). */
  setDesired(d: Desired): Promise<void>;
  /** Records that nothing is desired any more (a destroy), leaving the stack config as it is. */
  clearDesired(): void;
  /** The RelayProxyConfiguration resources of the checkpoint file ([] before the first operation). */
  relayResources(): any[];
}

/** What the stack needs: where to live and what to talk to. */
export interface SoakStackOptions {
  repoRoot: string;
  /** The soak's directory: program/, backend/ and home/ go under it. */
  base: string;
  emulatorUrl: string;
  /** The emulator's writer token (a secret: in the engine's environment only). */
  token: string;
}

/** Lays out the program and creates the stack `soak<pid>`. */
export async function createSoakStack(o: SoakStackOptions): Promise<SoakStack> {
  const workDir = path.join(o.base, "program");
  const backendDir = path.join(o.base, "backend");
  for (const d of [workDir, backendDir, path.join(o.base, "home"), path.join(workDir, "node_modules")]) fs.mkdirSync(d, { recursive: true });
  writeProgram(workDir, "soak", { "index.js": RELAY_PROGRAM });
  installProgramNodeModules(workDir, o.repoRoot);
  const envVars: Record<string, string> = offlineEngineEnv({
    repoRoot: o.repoRoot,
    home: path.join(o.base, "home"),
    backendDir,
    passphrase: `soak-passphrase-${process.pid}`,
    extra: { LAUNCHDARKLY_ACCESS_TOKEN: o.token, LAUNCHDARKLY_RETRY_BASE_MS: "20" },
  });
  envVars.LAUNCHDARKLY_API_HOST = o.emulatorUrl;
  const pulumiCommand = await PulumiCommand.get({ root: path.join(o.repoRoot, ".tools", "pulumi") });
  const stackName = `soak${process.pid}`;
  const stack = await LocalWorkspace.createStack({ stackName, workDir }, { workDir, pulumiHome: envVars.PULUMI_HOME, envVars, pulumiCommand });
  const stateFile = path.join(backendDir, ".pulumi", "stacks", "soak", `${stackName}.json`);
  let desired: Desired = {};
  return {
    stack,
    stackName,
    stateFile,
    desired: () => desired,
    setDesired: async (d) => {
      desired = d;
      await stack.setConfig("relays", { value: JSON.stringify(d) });
    },
    clearDesired: () => {
      desired = {};
    },
    relayResources: () => {
      if (!fs.existsSync(stateFile)) return [];
      return (JSON.parse(fs.readFileSync(stateFile, "utf8")).checkpoint.latest?.resources ?? []).filter((r: any) => r.type === RELAY_TYPE);
    },
  };
}

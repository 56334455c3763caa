// Engine test harness: runs Pulumi programs through the real `pulumi` CLI (Automation API, LocalWorkspace)
// with an isolated file:// backend, PULUMI_HOME, passphrase and stack per test, and nothing from the internet.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { engineBinDir, findRepoRoot, installProgramNodeModules, offlineEngineEnv, runPulumi, writeProgram, type PulumiRun } from "../../scripts/engine-workspace";

/** The repository root. */
export const repoRoot = findRepoRoot(__dirname);
/** Where scripts/install-pulumi puts the engine. */
export const engineBin = engineBinDir(repoRoot);

/** Files of a Pulumi program, by relative path. */
export type ProgramFiles = Record<string, string>;

/** Options for an isolated engine stack. */
export interface EngineStackOptions {
  /** Program files written into a fresh directory (Pulumi.yaml is added if missing). */
  files?: ProgramFiles;
  /** An existing program directory to copy instead of `files`. */
  programDir?: string;
  /** Project name (default `e2e`). */
  project?: string;
  /** Extra environment for the engine, the program and the providers. */
  env?: Record<string, string>;
  /** Stack config, set before the first operation. */
  config?: Record<string, { value: string; secret?: boolean }>;
}

/** An isolated stack: its workspace, directories, and helpers to drive the CLI directly. */
export interface EngineStack {
  stack: Stack;
  /** The program directory. */
  workDir: string;
  /** The file:// backend directory. */
  backendDir: string;
  /** Environment the engine runs with. */
  env: Record<string, string>;
  /** The stack's checkpoint file in the backend. */
  stateFile(): string;
  /** Runs `pulumi <args>` in the program directory with the stack's environment. */
  cli(args: string[]): Promise<CliResult>;
  /** Destroys the stack's resources, removes the stack and deletes its directories. */
  dispose(): Promise<void>;
}

/** What a CLI run printed and how it ended. */
export type CliResult = PulumiRun;

let counter = 0;

/** Fails loudly when the engine is missing: engine tests are never skipped. */
export function assertEngineInstalled(): void {
  for (const tool of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) {
    if (!fs.existsSync(path.join(engineBin, tool))) {
      throw new Error(`${tool} is missing from ${engineBin}: run 'make engine' (scripts/install-pulumi)`);
    }
  }
}

/** Creates an isolated stack for one test. Call `dispose()` in afterAll. */
export async function createEngineStack(opts: EngineStackOptions): Promise<EngineStack> {
  assertEngineInstalled();
  counter += 1;
  const project = opts.project ?? "e2e";
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `relay-e2e-${project}-`));
  const workDir = path.join(base, "program");
  const backendDir = path.join(base, "backend");
  fs.mkdirSync(backendDir, { recursive: true });
  fs.mkdirSync(path.join(base, "home"), { recursive: true });
  if (opts.programDir) {
    fs.cpSync(opts.programDir, workDir, {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}node_modules`) && !/Pulumi\.[^/]+\.yaml$/.test(src),
    });
  }
  writeProgram(workDir, project, opts.files ?? {});
  installProgramNodeModules(workDir, repoRoot);
  const env = offlineEngineEnv({
    repoRoot,
    home: path.join(base, "home"),
    backendDir,
    passphrase: `e2e-passphrase-${process.pid}-${counter}`,
    extra: opts.env,
  });
  const pulumiCommand = await PulumiCommand.get({ root: path.join(repoRoot, ".tools", "pulumi") });
  const stackName = `t${process.pid}x${counter}`;
  const stack = await LocalWorkspace.createStack(
    { stackName, workDir },
    { workDir, pulumiHome: env.PULUMI_HOME, envVars: env, pulumiCommand },
  );
  for (const [key, { value, secret }] of Object.entries(opts.config ?? {})) {
    await stack.setConfig(key, { value, secret: secret ?? false });
  }
  const cli = (args: string[]): Promise<CliResult> =>
    runPulumi(repoRoot, workDir, { ...process.env, ...env }, [...args, "--stack", stackName]);
  return {
    stack,
    workDir,
    backendDir,
    env,
    stateFile: () => path.join(backendDir, ".pulumi", "stacks", project, `${stackName}.json`),
    cli,
    dispose: async () => {
      try {
        await stack.destroy({ color: "never" });
        await stack.workspace.removeStack(stackName);
      } finally {
        fs.rmSync(base, { recursive: true, force: true });
      }
    },
  };
}

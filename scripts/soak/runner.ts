// Soak runner: repeated up / update / rotate / refresh / destroy cycles of RelayProxyConfiguration through the
// real engine against an in-process emulator (FileStore) with probabilistic faults on ~20% of API requests,
// checking invariants after every successful step with faults paused: no orphans, no lost updates, every key in
// the state accepted by the relay check, no unknown live key, and no secret in any collected text.
// Shared by scripts/soak.ts (the CLI behind `make soak`) and tests/e2e/soak.test.ts.
import { redactedLeakLines, scanForSecrets } from "./secrets";
import { emulatorClient, RELAY_PROGRAM } from "../emulator-client";
import { findRepoRoot, installProgramNodeModules, offlineEngineEnv } from "../engine-workspace";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { start, RunningEmulator } from "../../emulator/start";
import type { FaultDefinition } from "../../emulator/faults";

const CONFIGS = "/api/v2/account/relay-auto-configs";
const RELAY_TYPE = "pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration";


export interface SoakOptions {
  /**
   * Stop starting new cycles after this many seconds (`make soak`). Absent: the soak is bounded by `maxCycles`
   * alone, so a slow machine runs the same cycles as a fast one (the test in `make test`).
   */
  seconds?: number;
  /** Hard bound on cycles. */
  maxCycles: number;
  /** Configs per cycle. */
  configs: number;
  /** Attempts per step (the first plus retries), faults left on. */
  attemptsPerStep?: number;
  /** Probability of each generic fault kind per API request (6 kinds). */
  faultProbability?: number;
  /** Probability of commit-then-fail on each write route. */
  commitThenFailProbability?: number;
  /** Restart the emulator (same port and dataDir) before this cycle's update step; -1 for never. */
  restartAtCycle?: number;
  /** Rotation grace period used by the configs (default 5s: the soak waits it out before each rotation). */
  gracePeriod?: string;
  /** The emulator's model of previous keys (`--previous-keys`): `one` (default) or `many`. */
  previousKeys?: "one" | "many";
  /** Per stack-operation timeout. */
  opTimeoutMs?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface SoakSummary {
  cycles: number;
  /** Stack operations by step: attempts, failed attempts, steps that never succeeded. */
  operations: Record<string, { attempts: number; failed: number; gaveUp: number }>;
  faultsFired: Record<string, number>;
  apiRequests: number;
  checks: number;
  orphans: number;
  lostUpdates: number;
  relayKeyRejected: number;
  unknownLiveKeys: number;
  /** Previous keys the state promises until a time that LaunchDarkly (the emulator) no longer accepts. */
  keysCutEarly: number;
  /** Resets whose answer was lost: the stack kept its key (marked keyStale) until the grace period ended. */
  staleKeys: number;
  displayKeyMismatches: number;
  countMismatches: number;
  restarts: number;
  restartLost: number;
  keysIssued: number;
  secretHits: { where: string; what: string }[];
  scannedBytes: number;
  /** Lines of Pulumi's own verbose RPC tracing that print a key (upstream behaviour, see secrets.ts). */
  upstreamTracingLines: number;
  violations: string[];
  ok: boolean;
}

type Statement = { effect: string; resources?: string[]; actions?: string[] };
type Desired = Record<string, { name: string; policy: Statement[]; rotation: { trigger: string; gracePeriod: string } }>;

/** Stable JSON: object keys sorted, so a policy compares equal whatever key order each side used. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stable(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function kindOf(action: any): string {
  if (action.type === "status") return `status-${action.status}`;
  if (action.type === "commit-then-fail") return `commit-then-fail${action.reset ? "-reset" : `-${action.status ?? 503}`}`;
  return action.type;
}

export async function runSoak(opts: SoakOptions): Promise<SoakSummary> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const attempts = opts.attemptsPerStep ?? 6;
  const p = opts.faultProbability ?? 0.035;
  const ctf = opts.commitThenFailProbability ?? 0.12;
  const grace = opts.gracePeriod ?? "5s";
  const opTimeoutMs = opts.opTimeoutMs ?? 240_000;
  const seed = opts.seed ?? 1;
  const deadline = opts.seconds === undefined ? Number.POSITIVE_INFINITY : Date.now() + opts.seconds * 1000;
  const token = `soak-writer-${process.pid}-${Math.random().toString(36).slice(2)}-token`;
  const repoRoot = findRepoRoot();

  const summary: SoakSummary = {
    cycles: 0, operations: {}, faultsFired: {}, apiRequests: 0, checks: 0, orphans: 0, lostUpdates: 0,
    relayKeyRejected: 0, unknownLiveKeys: 0, keysCutEarly: 0, staleKeys: 0, displayKeyMismatches: 0, countMismatches: 0, restarts: 0,
    restartLost: 0, keysIssued: 0, secretHits: [], scannedBytes: 0, upstreamTracingLines: 0, violations: [], ok: false,
  };
  const issuedKeys = new Set<string>();
  const knownDisplayKeys = new Set<string>();
  const texts: { where: string; text: string }[] = [];
  const emulatorLog: string[] = [];

  // ---- emulator ------------------------------------------------------------------------------------------
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "relay-soak-"));
  const dataDir = path.join(base, "emulator");
  fs.mkdirSync(dataDir, { recursive: true });
  const startEmulator = (port: number) =>
    start({
      port, dataDir, control: true, validateResponses: true, faultSeed: seed, previousKeys: opts.previousKeys ?? "one",
      tokens: [{ token, role: "writer", email: "soak@example.com" }],
      onLog: (e) => {
        emulatorLog.push(JSON.stringify(e));
        if (e.path.startsWith("/api/")) summary.apiRequests++;
      },
    });
  let emu: RunningEmulator = await startEmulator(0);
  const client = emulatorClient(() => emu.url, token);
  const control = async (method: string, route: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${emu.url}/__emulator${route}`, {
      method, headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`control ${method} ${route}: ${res.status}`);
    return text ? JSON.parse(text) : undefined;
  };

  let resumes = 0;
  const faultDefs = (): FaultDefinition[] => {
    resumes++;
    const s = seed * 1000 + resumes * 20;
    const any = { pathPattern: "/api/**" };
    return [
      { match: any, action: { type: "rate-limit", resetAfterMs: 300 }, probability: p, seed: s + 1 },
      { match: any, action: { type: "status", status: 500 }, probability: p, seed: s + 2 },
      { match: any, action: { type: "status", status: 502 }, probability: p, seed: s + 3 },
      { match: any, action: { type: "status", status: 503 }, probability: p, seed: s + 4 },
      { match: any, action: { type: "reset" }, probability: p, seed: s + 5 },
      { match: any, action: { type: "delay", delayMs: 1500 }, probability: p, seed: s + 6 },
      { match: { method: "POST", pathPattern: CONFIGS }, action: { type: "commit-then-fail", status: 502 }, probability: ctf, seed: s + 7 },
      { match: { method: "PATCH", pathPattern: `${CONFIGS}/*` }, action: { type: "commit-then-fail", reset: true }, probability: ctf, seed: s + 8 },
      { match: { method: "POST", pathPattern: `${CONFIGS}/*/reset` }, action: { type: "commit-then-fail", status: 503 }, probability: ctf, seed: s + 9 },
    ] as FaultDefinition[];
  };
  const pauseFaults = async () => {
    const { faults } = await control("GET", "/faults");
    for (const f of faults) summary.faultsFired[kindOf(f.action)] = (summary.faultsFired[kindOf(f.action)] ?? 0) + f.fired;
    await control("DELETE", "/faults");
  };
  const resumeFaults = async () => {
    await control("POST", "/faults", { faults: faultDefs() });
  };

  // ---- engine stack --------------------------------------------------------------------------------------
  const workDir = path.join(base, "program");
  const backendDir = path.join(base, "backend");
  for (const d of [workDir, backendDir, path.join(base, "home"), path.join(workDir, "node_modules")]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(workDir, "index.js"), RELAY_PROGRAM);
  fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), "name: soak\nruntime: nodejs\n");
  fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: "soak", private: true, main: "index.js" }));
  installProgramNodeModules(workDir, repoRoot);
  const envVars: Record<string, string> = offlineEngineEnv({
    repoRoot,
    home: path.join(base, "home"),
    backendDir,
    passphrase: `soak-passphrase-${process.pid}`,
    extra: { LAUNCHDARKLY_ACCESS_TOKEN: token, LAUNCHDARKLY_RETRY_BASE_MS: "20" },
  });
  const setHost = () => { envVars.LAUNCHDARKLY_API_HOST = emu.url; };
  setHost();
  const pulumiCommand = await PulumiCommand.get({ root: path.join(repoRoot, ".tools", "pulumi") });
  const stackName = `soak${process.pid}`;
  const stack: Stack = await LocalWorkspace.createStack(
    { stackName, workDir },
    { workDir, pulumiHome: envVars.PULUMI_HOME, envVars, pulumiCommand },
  );
  const stateFile = path.join(backendDir, ".pulumi", "stacks", "soak", `${stackName}.json`);

  let desired: Desired = {};
  const setDesired = async (d: Desired) => {
    desired = d;
    await stack.setConfig("relays", { value: JSON.stringify(d) });
  };
  const makeDesired = (cycle: number, version: number, trigger: string, logicals: string[]): Desired => {
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
  };

  const collectKeys = async () => {
    const outs = await stack.outputs();
    for (const [l, k] of Object.entries((outs.keys?.value ?? {}) as Record<string, string>)) {
      if (typeof k === "string" && k) {
        if (!issuedKeys.has(k)) summary.keysIssued++;
        issuedKeys.add(k);
        knownDisplayKeys.add(k.slice(-4));
      }
      void l;
    }
    return outs;
  };

  // ---- invariants (faults paused) --------------------------------------------------------------------------
  const verify = async (label: string) => {
    await pauseFaults();
    try {
      summary.checks++;
      const outs = await collectKeys();
      const ids = (outs.ids?.value ?? {}) as Record<string, string>;
      const displayKeys = (outs.displayKeys?.value ?? {}) as Record<string, string>;
      const keys = (outs.keys?.value ?? {}) as Record<string, string>;
      const stateText = fs.readFileSync(stateFile, "utf8");
      texts.push({ where: `state file after ${label}`, text: stateText });
      const resources = (JSON.parse(stateText).checkpoint.latest?.resources ?? []).filter((r: any) => r.type === RELAY_TYPE);
      const stateIds = new Set<string>(resources.map((r: any) => r.id));
      const stateOf = (id: string) => resources.find((r: any) => r.id === id)?.outputs ?? {};
      const live = (await control("GET", "/state")).configs as any[];
      const now = (await control("GET", "/clock")).now as number;
      const fail = (what: string) => {
        summary.violations.push(`${label}: ${what}`);
        log(`  VIOLATION ${label}: ${what}`);
      };
      for (const c of live) {
        if (!stateIds.has(c._id)) { summary.orphans++; fail(`orphan config ${c._id} (${c.name})`); }
        // The previous key the stack promised relays must still work until its time, whatever the model.
        const promised = stateOf(c._id);
        if (promised.previousDisplayKey && promised.previousKeyExpiresAt > now) {
          const kept = (c.previousKeys ?? []).some((pk: any) => pk.displayKey === promised.previousDisplayKey && pk.expiry >= promised.previousKeyExpiresAt);
          if (!kept) { summary.keysCutEarly++; fail(`config ${c._id}: previous key …${promised.previousDisplayKey} promised until ${promised.previousKeyExpiresAt} is no longer accepted`); }
        }
        for (const pk of c.previousKeys ?? []) {
          if (pk.expiry > now && !knownDisplayKeys.has(pk.displayKey)) {
            summary.unknownLiveKeys++;
            fail(`config ${c._id} has a live previous key …${pk.displayKey} never seen in any stack output`);
          }
        }
      }
      if (live.length !== Object.keys(desired).length || stateIds.size !== live.length) {
        summary.countMismatches++;
        fail(`config count: desired ${Object.keys(desired).length}, state ${stateIds.size}, live ${live.length}`);
      }
      for (const [l, want] of Object.entries(desired)) {
        const c = live.find((x) => x._id === ids[l]);
        if (!c || c.name !== want.name || stable(c.policy) !== stable(want.policy)) {
          summary.lostUpdates++;
          fail(`lost update on ${l}: live ${c ? "differs from desired" : "missing"}`);
          continue;
        }
        if (c.displayKey !== displayKeys[l]) { summary.displayKeyMismatches++; fail(`display key of ${l} differs from the state`); }
        if (!keys[l]) { summary.relayKeyRejected++; fail(`no key for ${l} in the outputs`); continue; }
        const status = await client.relayStatus(keys[l]);
        // A stale key (a reset whose answer was lost) is the previous one: it works until its expiry, then not.
        const stale = stateOf(c._id);
        if (stale.keyStale === true) {
          const expected = now < stale.previousKeyExpiresAt ? 200 : 401;
          if (status !== expected) { summary.relayKeyRejected++; fail(`stale key of ${l}: ${status}, expected ${expected} until ${stale.previousKeyExpiresAt}`); }
          continue;
        }
        if (status !== 200) { summary.relayKeyRejected++; fail(`relay stream for ${l}'s key: ${status}`); }
      }
    } finally {
      await resumeFaults();
    }
  };

  // ---- steps -----------------------------------------------------------------------------------------------
  let verboseDone = false;
  const step = async (name: string, run: (signal: AbortSignal) => Promise<{ stdout: string; stderr: string }>): Promise<boolean> => {
    const op = (summary.operations[name] ??= { attempts: 0, failed: 0, gaveUp: 0 });
    for (let i = 1; i <= attempts; i++) {
      op.attempts++;
      try {
        const r = await run(AbortSignal.timeout(opTimeoutMs));
        texts.push({ where: `${name} output`, text: r.stdout + r.stderr });
        return true;
      } catch (err) {
        op.failed++;
        const text = err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err);
        texts.push({ where: `${name} error`, text });
        const line = /error: (.*)/.exec(text)?.[1] ?? text.split("\n")[0];
        log(`  ${name} attempt ${i} failed: ${line.slice(0, 200)}`);
      }
    }
    op.gaveUp++;
    summary.violations.push(`${name} did not converge in ${attempts} attempts`);
    return false;
  };
  const up = (name: string) =>
    step(name, async (signal) => {
      const verbose = !verboseDone;
      verboseDone = true;
      const r = await stack.up({ color: "never", signal, ...(verbose ? { logVerbosity: 9, logToStdErr: true } : {}) });
      if (r.summary.result !== "succeeded") throw new Error(`up ended ${r.summary.result}`);
      return r;
    });

  /**
   * Waits (bounded) until no config's previous key is in its grace period: the provider refuses a rotation
   * before that (LaunchDarkly may keep one previous key), and an operator would wait too. Counts stale keys.
   */
  const waitOutGrace = async () => {
    if (!fs.existsSync(stateFile)) return;
    const outs = (JSON.parse(fs.readFileSync(stateFile, "utf8")).checkpoint.latest?.resources ?? [])
      .filter((r: any) => r.type === RELAY_TYPE)
      .map((r: any) => r.outputs ?? {});
    const until = Math.max(0, ...outs.map((o: any) => (typeof o.previousKeyExpiresAt === "number" ? o.previousKeyExpiresAt : 0)));
    const wait = until - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(wait + 50, 60_000)));
  };
  const countStale = () => {
    if (!fs.existsSync(stateFile)) return;
    const resources = JSON.parse(fs.readFileSync(stateFile, "utf8")).checkpoint.latest?.resources ?? [];
    summary.staleKeys = Math.max(summary.staleKeys, resources.filter((r: any) => r.type === RELAY_TYPE && r.outputs?.keyStale === true).length);
  };

  try {
    await resumeFaults();
    const all = Array.from({ length: opts.configs }, (_, i) => `r${i}`);
    for (let cycle = 1; cycle <= opts.maxCycles && Date.now() < deadline; cycle++) {
      const t0 = Date.now();
      const ok: string[] = [];
      const run = async (name: string, action: () => Promise<boolean>) => {
        if (await action()) { await verify(`cycle ${cycle} ${name}`); ok.push(name); }
      };
      await waitOutGrace();
      await setDesired(makeDesired(cycle, 0, `c${cycle}-a`, all));
      await run("up", () => up("up"));

      if (cycle === opts.restartAtCycle) {
        await pauseFaults();
        const before = stable(((await control("GET", "/state")).configs as any[]).map(({ comments, ...c }) => { void comments; return c; }));
        const port = emu.port;
        await emu.close();
        emu = await startEmulator(port);
        summary.restarts++;
        const after = stable(((await control("GET", "/state")).configs as any[]).map(({ comments, ...c }) => { void comments; return c; }));
        if (before !== after) { summary.restartLost++; summary.violations.push(`cycle ${cycle}: state changed across the emulator restart`); }
        log(`  emulator restarted on port ${port}: state ${before === after ? "identical" : "CHANGED"}`);
        await resumeFaults();
        await verify(`cycle ${cycle} after restart`);
      }

      await setDesired(makeDesired(cycle, 1, `c${cycle}-a`, all));
      await run("update", () => up("update"));
      await waitOutGrace();
      await setDesired(makeDesired(cycle, 1, `c${cycle}-b`, all));
      await run("rotate", () => up("rotate"));
      countStale();
      await run("refresh", () => step("refresh", (signal) => stack.refresh({ color: "never", signal })));
      if (cycle % 2 === 1) {
        // A subset goes: drop the last two configs through an up.
        await setDesired(makeDesired(cycle, 1, `c${cycle}-b`, all.slice(0, Math.max(0, all.length - 2))));
        await run("destroy-subset", () => up("destroy-subset"));
      } else {
        desired = {};
        await run("destroy", () => step("destroy", (signal) => stack.destroy({ color: "never", signal })));
      }
      summary.cycles = cycle;
      log(`cycle ${cycle}: ${ok.join(", ")} ok in ${Math.round((Date.now() - t0) / 1000)}s; ` +
        `orphans ${summary.orphans}, lost updates ${summary.lostUpdates}, keys rejected ${summary.relayKeyRejected}, ` +
        `unknown live keys ${summary.unknownLiveKeys}, keys cut early ${summary.keysCutEarly}, violations ${summary.violations.length}`);
    }
  } finally {
    // Leave nothing behind: destroy without faults, then check the emulator is empty.
    try {
      await pauseFaults();
      await stack.destroy({ color: "never", signal: AbortSignal.timeout(opTimeoutMs) }).then(
        (r) => texts.push({ where: "final destroy output", text: r.stdout + r.stderr }),
        (err) => { texts.push({ where: "final destroy error", text: String(err) }); summary.violations.push("final destroy failed"); },
      );
      const left = (await control("GET", "/state")).configs as any[];
      if (left.length > 0) { summary.orphans += left.length; summary.violations.push(`${left.length} configs left after the final destroy`); }
      texts.push({ where: "state file at the end", text: fs.readFileSync(stateFile, "utf8") });
      texts.push({ where: "emulator data file", text: fs.readFileSync(path.join(dataDir, "relay-auto-configs.json"), "utf8") });
      texts.push({ where: "emulator control log", text: JSON.stringify(await control("GET", "/log")) });
    } finally {
      await emu.close();
    }
    texts.push({ where: "emulator request log", text: emulatorLog.join("\n") });
    for (const { where, text } of texts) {
      summary.scannedBytes += text.length;
      if (scanForSecrets(text, [token]).leaks + scanForSecrets(text, [token]).upstreamTracing > 0) {
        summary.secretHits.push({ where, what: "the API token" });
      }
      for (const k of issuedKeys) {
        const scan = scanForSecrets(text, [k]);
        if (scan.leaks > 0) {
          summary.secretHits.push({ where, what: `relay key …${k.slice(-4)}` });
          // Opt-in diagnosis: where the key appeared, with every secret redacted.
          const dump = process.env.SOAK_LEAK_DUMP;
          if (dump) fs.appendFileSync(dump, redactedLeakLines(text, [token, ...issuedKeys]).map((l) => `${where}: ${l.slice(0, 2000)}\n`).join(""));
        }
        summary.upstreamTracingLines += scan.upstreamTracing;
      }
    }
    try {
      await stack.workspace.removeStack(stackName, { force: true } as any);
    } catch { /* the temp dir goes anyway */ }
    fs.rmSync(base, { recursive: true, force: true });
  }
  summary.ok = summary.violations.length === 0 && summary.secretHits.length === 0 && summary.cycles > 0;
  return summary;
}

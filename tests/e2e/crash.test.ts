// Crash consistency through the real engine: a `pulumi up` whose engine (its whole process group) or whose
// provider process alone is killed while a create's POST is in flight, and an engine killed during a rotation. LaunchDarkly (the emulator) still makes
// the config, with a live key no state records. The README's recovery steps — `pulumi cancel` (the lock the
// killed engine left), `pulumi refresh --clear-pending-creates`, the orphans listing with --delete, one more
// `pulumi up` — leave 0 configs no state knows and a stack whose every key works. The steps as the README
// gives them (this test runs each; the listing it runs with --delete):
//   pulumi cancel --yes
//   pulumi refresh --yes --skip-preview --clear-pending-creates
//   pulumi stack export --file state-export.json
//   node dist/scripts/orphans.js state-export.json
//   node dist/scripts/orphans.js state-export.json --delete
//   pulumi up

import { spawn, execFile } from "node:child_process";
import * as path from "node:path";
import { CONFIGS_PATH as CONFIGS } from "../../scripts/emulator-client";
import { pollUntil } from "../../scripts/poll";
import { processesWith } from "../../scripts/processes";
import { engineBin, repoRoot } from "./harness";
import { createRelayStack, type RelayStack } from "./support/relay-stack";

jest.setTimeout(240_000);

const policy = [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }];

/** Polls `probe` every 20 ms until it holds; throws after `timeoutMs`. */
function until(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  return pollUntil(probe, { timeoutMs, intervalMs: 20, what });
}

/** Pids of this stack's dynamic-provider processes (matched by the stack's own PULUMI_HOME). */
function providerPids(home: string): number[] {
  return processesWith(/dynamic-provider|pulumi-resource-pulumi-nodejs/, `PULUMI_HOME=${home}`);
}

/**
 * Runs `pulumi up` on the stack as its own process group, waits until the request matched by `pathPattern`
 * (a POST, delayed 2 s by a fault) is in flight, kills `victim` with SIGKILL, and waits for the engine to exit.
 */
async function upKilledMidRequest(t: RelayStack, pathPattern: string, victim: "engine" | "provider", what: string): Promise<void> {
  await t.control("POST", "/faults", { match: { method: "POST", pathPattern }, action: { type: "delay", delayMs: 2000 }, count: 1 });
  const stackName = (await t.env.stack.workspace.stack())?.name as string;
  const child = spawn(path.join(engineBin, "pulumi"), ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", stackName], {
    cwd: t.env.workDir,
    env: { ...process.env, ...t.env.env },
    detached: true,
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await until(async () => ((await t.control("GET", "/stats")).faultsFired as number) >= 1, what);
  if (victim === "engine") process.kill(-(child.pid as number), "SIGKILL");
  else {
    const pids = providerPids(t.env.env.PULUMI_HOME);
    expect(pids.length).toBeGreaterThanOrEqual(1);
    for (const pid of pids) process.kill(pid, "SIGKILL");
  }
  await exited;
  // The engine starts its plugins in process groups of their own: end the ones the killed engine left behind
  // (this stack's language host and providers, matched by its PULUMI_HOME), so the test leaves no process.
  const leftovers = processesWith(/pulumi-language-nodejs|dynamic-provider|pulumi-resource-pulumi-nodejs/, `PULUMI_HOME=${t.env.env.PULUMI_HOME}`);
  for (const pid of leftovers) process.kill(pid, "SIGKILL");
}

describe.each([
  ["the engine (its process group)", "engine"],
  ["the provider process alone", "provider"],
] as const)("killing %s while a create's POST is in flight", (_title, victim) => {
  let t: RelayStack;
  beforeAll(async () => {
    t = await createRelayStack(`crash-${victim}`);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("leaves a config no state knows; the documented recovery removes it and the stack converges with one more up", async () => {
    await t.setRelays({ kept: { name: "kept-relays", policy } });
    await t.env.stack.up({ color: "never" });
    await t.setRelays({ kept: { name: "kept-relays", policy }, crashed: { name: "crashed-relays", policy } });
    await upKilledMidRequest(t, CONFIGS, victim, "the create's POST in flight");
    // LaunchDarkly still makes the config: two live, one known to the state.
    await until(async () => ((await t.control("GET", "/state")).configs as unknown[]).length === 2, "the delayed create applied");

    // Recovery, as the README says.
    const cancel = await t.env.cli(["cancel", "--yes"]);
    if (victim === "engine") expect(cancel.code).toBe(0);
    const refresh = await t.env.cli(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
    expect(refresh.code).toBe(0);
    const exportFile = path.join(t.env.workDir, "state-export.json");
    expect((await t.env.cli(["stack", "export", "--file", exportFile])).code).toBe(0);
    const orphans = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(process.execPath, [path.join(repoRoot, "dist/scripts/orphans.js"), exportFile, "--delete"], { env: { ...process.env, ...t.env.env } }, (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, out: stdout + stderr }),
      ),
    );
    expect(orphans.code).toBe(0);
    expect(orphans.out).toMatch(/^1 relay config\(s\) on http:\/\/127\.0\.0\.1:\d+ unknown to the stack$/m);
    expect(orphans.out).toContain('"crashed-relays"');
    expect(orphans.out).not.toMatch(/rel-[0-9a-f]{8}-/);
    const up = await t.env.stack.up({ color: "never" });
    expect(up.summary.result).toBe("succeeded");

    // Converged: exactly the stack's configs are live, each key works, no other key is alive.
    const outputs = await t.env.stack.outputs();
    const ids = Object.values(outputs.ids.value as Record<string, string>).sort();
    const live = (await t.control("GET", "/state")).configs as { _id: string; previousKeys: unknown[] }[];
    expect(live.map((c) => c._id).sort()).toEqual(ids);
    expect(live.every((c) => c.previousKeys.length === 0)).toBe(true);
    for (const key of Object.values(outputs.keys.value as Record<string, string>)) expect(await t.relayStatus(key)).toBe(200);
    expect((await t.env.stack.preview({ color: "never" })).changeSummary.create ?? 0).toBe(0);
  });
});

describe("killing the engine while a rotation's reset is in flight", () => {
  let t: RelayStack;
  beforeAll(async () => {
    t = await createRelayStack("crash-rotation");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("never cuts off the key relays hold: after recovery the stack waits out the grace period before the next reset", async () => {
    await t.setRelays({ edge: { name: "edge-relays", policy, rotation: { trigger: "r1", gracePeriod: "1h" } } });
    await t.env.stack.up({ color: "never" });
    const held = (await t.env.stack.outputs()).keys.value.edge as string;
    await t.setRelays({ edge: { name: "edge-relays", policy, rotation: { trigger: "r2", gracePeriod: "1h" } } });
    await upKilledMidRequest(t, `${CONFIGS}/*/reset`, "engine", "the reset's POST in flight");
    // LaunchDarkly still applies the reset: a new key nobody received, the held key in its grace period.
    await until(async () => ((await t.control("GET", "/state")).configs[0].previousKeys as unknown[]).length === 1, "the delayed reset applied");

    await t.env.cli(["cancel", "--yes"]);
    const refresh = await t.env.cli(["refresh", "--yes", "--skip-preview"]);
    expect(refresh.code).toBe(0);
    expect(refresh.stdout + refresh.stderr).toContain("treated as live until");
    // One more up, with the trigger it was applying: the held key is protected, nothing is reset.
    await t.clearLog();
    const up = await t.env.cli(["up", "--yes", "--skip-preview"]);
    expect(up.code).not.toBe(0);
    expect(up.stdout + up.stderr).toMatch(/could stop the previous key …[0-9a-f-]{4} at once instead of at/);
    expect((await t.log()).filter((e) => e.method === "POST")).toEqual([]);
    expect(await t.relayStatus(held)).toBe(200);
    // Going back to the trigger the state has, the stack converges: no change, the held key still works.
    await t.setRelays({ edge: { name: "edge-relays", policy, rotation: { trigger: "r1", gracePeriod: "1h" } } });
    const settled = await t.env.stack.up({ color: "never" });
    expect(settled.summary.result).toBe("succeeded");
    expect(await t.relayStatus(held)).toBe(200);
    expect((await t.control("GET", "/state")).configs).toHaveLength(1);
  });
});

// Reach through the real engine: the provider resolves each config's reach from the emulator's account in
// `check`, so `pulumi preview --diff` shows environments added and removed — for a policy change, and for an
// account change alone, which `pulumi up` then records without any write to LaunchDarkly. The provider's reach,
// the environments the emulator streams and those LaunchDarkly's ld-relay reports in /status are the same set,
// before and after the account changes. Refresh updates reach too.

import * as path from "node:path";
import type { AccountInput } from "../../emulator/account";
import { allConnected, relayBinary, startRelay, statusEnvironments, type RunningRelay } from "../../scripts/ld-relay";
import { REACH_ACCOUNT, reachCase } from "../support/reach-cases";
import { repoRoot } from "./harness";
import { createRelayStack, type RelayStack } from "./support/relay-stack";

jest.setTimeout(180_000);

const account: AccountInput = REACH_ACCOUNT;
const POLICIES = {
  "one-project": reachCase("allow proj/web:env/production"),
  wildcard: reachCase("allow proj/*:env/production"),
  "environment-tag": reachCase("allow proj/*:env/*;restricted"),
  "allow-all-minus-deny": reachCase("allow proj/*:env/*; deny proj/*:env/production, proj/*;federal:env/*"),
} as const;
type Logical = keyof typeof POLICIES;
const LOGICALS = Object.keys(POLICIES) as Logical[];

describe("reach: resolved by the provider, shown in the preview diff, the same as the emulator's stream and ld-relay's /status", () => {
  const binary = relayBinary(repoRoot);
  let t: RelayStack;
  const relays: Record<string, { name: string; policy: unknown[]; rotation?: { trigger: string; gracePeriod?: string } }> = {};
  const running: Partial<Record<Logical, RunningRelay>> = {};

  const outputs = async () => {
    const out = await t.env.stack.outputs();
    return { keys: out.keys.value as Record<Logical, string>, reaches: out.reaches.value as Record<Logical, string[]> };
  };
  const writes = async () => (await t.log()).filter((e) => e.method !== "GET");
  /** The three views of one config's reach agree, and equal `expected`. */
  const agree = async (logical: Logical, expected: string[]) => {
    const { keys, reaches } = await outputs();
    expect(reaches[logical]).toEqual(expected);
    expect(await t.relayEnvironments(keys[logical])).toEqual(expected);
    const relay = running[logical] as RunningRelay;
    const status = await relay.waitForStatus((s) => allConnected(s) && statusEnvironments(s).join() === expected.join(), 20_000, `${logical}: ${expected.join(", ")}`);
    expect(statusEnvironments(status)).toEqual(expected);
  };

  beforeAll(async () => {
    t = await createRelayStack("reach", {}, { account, streamSweepMs: 50 });
    for (const logical of LOGICALS) relays[logical] = { name: `reach-${logical}`, policy: POLICIES[logical].policy };
    await t.setRelays(relays);
    await t.env.stack.up({ color: "never" });
    const { keys } = await outputs();
    for (const logical of LOGICALS) running[logical] = await startRelay({ binary, key: keys[logical], emulatorUrl: t.emulator.url, timeLimitMs: 240_000 });
  });
  afterAll(async () => {
    await Promise.all(Object.values(running).map((relay) => relay?.stop()));
    await t?.dispose();
  });

  it.each(LOGICALS)("%s: the provider's reach, the emulator's stream and ld-relay's /status are the documented set", async (logical) => {
    await agree(logical, POLICIES[logical].reached);
  });

  it("a policy change previews with the environments it adds and removes beside the policy lines", async () => {
    relays["one-project"].policy = [{ effect: "allow", resources: ["proj/web:env/staging", "proj/web:env/test"], actions: ["*"] }];
    await t.setRelays(relays);
    const preview = await t.env.cli(["preview", "--diff"]);
    expect(preview.code).toBe(0);
    const out = preview.stdout;
    expect(out).toMatch(/~ reach\s*:/);
    expect(out).toContain('"proj/web:env/production" => "proj/web:env/staging"');
    expect(out).toMatch(/\+ \[1\]: "proj\/web:env\/test"/);
    expect(out).toContain('"proj/web:env/staging"');
    expect(out).toMatch(/1 to update/);
    await t.env.stack.up({ color: "never" });
    await agree("one-project", ["proj/web:env/staging", "proj/web:env/test"]);
  });

  it("an account change alone previews as a reach change of exactly the affected configs, and up records it with no write", async () => {
    const next = structuredClone(account);
    next.projects.push({ key: "payments", name: "Payments", environments: [{ key: "production", name: "Production", critical: true }, { key: "sandbox", name: "Sandbox" }] });
    await t.control("PUT", "/account", next);
    const preview = await t.env.cli(["preview", "--diff"]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('"proj/payments:env/production"');
    expect(preview.stdout).toContain('"proj/payments:env/sandbox"');
    expect(preview.stdout).toMatch(/2 to update/);
    expect((await t.env.stack.preview({ color: "never" })).changeSummary.update).toBe(2);
    await t.clearLog();
    const up = await t.env.stack.up({ color: "never" });
    expect(up.summary.resourceChanges?.update).toBe(2);
    expect(await writes()).toEqual([]);
    await agree("wildcard", [...POLICIES.wildcard.reached, "proj/payments:env/production"].sort());
    await agree("allow-all-minus-deny", [...POLICIES["allow-all-minus-deny"].reached, "proj/payments:env/sandbox"].sort());
    await agree("environment-tag", POLICIES["environment-tag"].reached);
    expect((await t.env.stack.preview({ color: "never" })).changeSummary.update ?? 0).toBe(0);
  });

  it("pulumi refresh updates reach too (in the state), and the next preview has nothing to change", async () => {
    await t.control("PUT", "/account", account);
    await t.clearLog();
    await t.env.stack.refresh({ color: "never" });
    expect(await writes()).toEqual([]);
    // Refresh does not run the program, so the stack outputs stay; the resources' state has the new reach.
    const resources = (await t.env.stack.exportStack()).deployment.resources as { urn: string; outputs?: { reach?: string[] }; inputs?: { reach?: string[] } }[];
    const stateReach = (logical: Logical) => resources.find((r) => r.urn.endsWith(`::${logical}`));
    for (const logical of ["wildcard", "allow-all-minus-deny"] as const) {
      expect(stateReach(logical)?.outputs?.reach).toEqual(POLICIES[logical].reached);
      expect(stateReach(logical)?.inputs?.reach).toEqual(POLICIES[logical].reached);
    }
    expect((await t.env.stack.preview({ color: "never" })).changeSummary.update ?? 0).toBe(0);
    await t.env.stack.up({ color: "never" });
    await agree("wildcard", POLICIES.wildcard.reached);
    await agree("allow-all-minus-deny", POLICIES["allow-all-minus-deny"].reached);
  });

  it("the policy pack judges the resolved reach: a config reaching a critical environment needs a bounded rotation", async () => {
    const saved = structuredClone(relays);
    relays.critical = { name: "reach-critical", policy: [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }] };
    // Statically `proj/*;legacy:env/production` reaches production in every project; really, no project is tagged
    // legacy, so it reaches nothing and relay-production-scope has nothing to say.
    relays.quiet = { name: "reach-quiet", policy: [{ effect: "allow", resources: ["proj/*;legacy:env/production"], actions: ["*"] }], rotation: { trigger: "r1", gracePeriod: "1h" } };
    await t.setRelays(relays);
    const preview = await t.env.cli(["preview", "--policy-pack", path.join(repoRoot, "policy-pack")]);
    const out = `${preview.stdout}\n${preview.stderr}`;
    expect(preview.code).not.toBe(0);
    const critical = out.split("\n").filter((line) => line.includes("relay-critical-environments"));
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.some((line) => line.includes("RelayProxyConfiguration: critical)"))).toBe(true);
    expect(out).toContain('"proj/web:env/production"');
    expect(out).not.toContain("RelayProxyConfiguration: quiet)");
    for (const key of Object.keys(relays)) delete relays[key];
    Object.assign(relays, saved);
    await t.setRelays(relays);
  });

  it("each command lists the account once, whatever the number of configs", async () => {
    await t.clearLog();
    await t.env.stack.preview({ color: "never" });
    const listings = (await t.log()).filter((e) => e.path.startsWith("/api/v2/projects"));
    expect(listings).toHaveLength(1);
  });
});

// End to end with LaunchDarkly's real Relay Proxy: a stack creates relay configs through the real engine; ld-relay
// v8.16.0 (.tools/ld-relay) runs on the stack's keys against the emulator (every URI at 127.0.0.1, a free port,
// a time limit, stopped by pid). Asserted: the relay serves exactly each policy's reach in the seeded account
// (the cases of relay-policy-reach.md), policy and account changes reach a running relay, a rotation keeps the
// old-key relay served until the emulator's clock passes the grace period and then cuts it off, a rotation
// without grace and a destroy cut keys off at once, bad keys and faults behave as LaunchDarkly's do, the
// diagnostics reach the emulator, and no relay output holds a key.

import type { AccountInput } from "../../emulator/account";
import { allConnected, INVALID_KEY_LINE, pinnedRelayVersion, relayBinary, startRelay, statusEnvironments, type RunningRelay } from "../../scripts/ld-relay";
import { REACH_ACCOUNT, reachCase, type ReachCase } from "../support/reach-cases";
import { fakeRelayKey } from "../support/fake-secrets";
import { repoRoot } from "./harness";
import { createRelayStack, type RelayStack } from "./support/relay-stack";

jest.setTimeout(180_000);

const account: AccountInput = REACH_ACCOUNT;
/** The policies the relays run, each a documented case of relay-policy-reach.md. */
const POLICIES: Record<string, ReachCase> = {
  "one-project": reachCase("allow proj/web:env/production"),
  wildcard: reachCase("allow proj/*:env/production"),
  "project-tag": reachCase("allow proj/*;frontend:env/production"),
  "environment-tag": reachCase("allow proj/*:env/*;restricted"),
  "allow-all-minus-deny": reachCase("allow proj/*:env/*; deny proj/*:env/production, proj/*;federal:env/*"),
};
const allow = (...resources: string[]) => [{ effect: "allow", resources, actions: ["*"] }];

describe("ld-relay against the emulator, on keys from a Pulumi stack", () => {
  const binary = relayBinary(repoRoot);
  let t: RelayStack;
  let relays: Record<string, Record<string, unknown>>;
  /** Every relay key the stack has held, and every SDK key of the account: none may appear in relay output. */
  const secrets = new Set<string>();
  const started: RunningRelay[] = [];
  let sdkKeys: Record<string, string> = {};

  const launch = async (key: string): Promise<RunningRelay> => {
    const relay = await startRelay({ binary, key, emulatorUrl: t.emulator.url, timeLimitMs: 300_000 });
    started.push(relay);
    return relay;
  };
  const healthyWith = (relay: RunningRelay, expected: string[], what: string) =>
    relay.waitForStatus((s) => allConnected(s) && statusEnvironments(s).join() === expected.join(), 20_000, what);
  const up = async (): Promise<Record<string, string>> => {
    await t.setRelays(relays);
    await t.env.stack.up({ color: "never" });
    const keys = (await t.env.stack.outputs()).keys.value as Record<string, string>;
    Object.values(keys).forEach((key) => secrets.add(key));
    return keys;
  };
  const readSdkKeys = async (): Promise<void> => {
    const projects = (await t.api("GET", "/api/v2/projects?expand=environments")).body.items;
    sdkKeys = {};
    for (const project of projects) {
      for (const environment of project.environments.items) {
        sdkKeys[`proj/${project.key}:env/${environment.key}`] = environment.apiKey;
        secrets.add(environment.apiKey);
      }
    }
  };
  /** A relay started fresh with `key` is refused: it logs LaunchDarkly's error line and exits 1. */
  const expectRefused = async (key: string): Promise<void> => {
    const fresh = await launch(key);
    expect(await fresh.exited).toBe(1);
    expect(fresh.output()).toMatch(INVALID_KEY_LINE);
  };

  /** Auto-config stream requests the emulator answered 401, per its request log. */
  const refusedStreams = async (): Promise<number> =>
    ((await t.control("GET", "/log")).entries as { path: string; status: number }[]).filter((e) => e.path.startsWith("/relay_auto_config") && e.status === 401).length;

  let keys: Record<string, string>;
  const running: Record<string, RunningRelay> = {};

  beforeAll(async () => {
    t = await createRelayStack("relayproxy", {}, { account, streamSweepMs: 50 });
    relays = Object.fromEntries(Object.entries(POLICIES).map(([logical, c]) => [logical, { name: `relay-${logical}`, policy: c.policy }]));
    relays["one-project"].rotation = { trigger: "r1", gracePeriod: "1h" };
    keys = await up();
    await readSdkKeys();
  });
  afterAll(async () => {
    await Promise.all(started.map((relay) => relay.stop()));
    await t?.dispose();
  });

  it.each(Object.keys(POLICIES))("%s: the relay becomes healthy serving exactly the policy's reach", async (logical) => {
    const relay = await launch(keys[logical]);
    running[logical] = relay;
    const status = await healthyWith(relay, POLICIES[logical].reached, `the reach of ${logical}`);
    expect(statusEnvironments(status)).toEqual(POLICIES[logical].reached);
    expect(status.version).toBe(pinnedRelayVersion(repoRoot));
  });

  it("answers /sdk/flags for a reached environment's SDK key and 401 for one it does not serve", async () => {
    const relay = running["one-project"];
    expect(await relay.sdkFlagsStatus(sdkKeys["proj/web:env/production"])).toBe(200);
    expect(await relay.sdkFlagsStatus(sdkKeys["proj/web:env/staging"])).toBe(401);
    expect(await relay.sdkFlagsStatus(sdkKeys["proj/mobile:env/production"])).toBe(401);
  });

  it("a policy change through pulumi up reaches the running relay: one environment appears, one disappears, no restart", async () => {
    const relay = running["one-project"];
    relays["one-project"].policy = allow("proj/web:env/staging");
    await up();
    await healthyWith(relay, ["proj/web:env/staging"], "web/staging in place of web/production");
    expect(relay.running()).toBe(true);
    expect(relay.output().match(/Starting LaunchDarkly relay/g)).toHaveLength(1);
    expect(await relay.sdkFlagsStatus(sdkKeys["proj/web:env/staging"])).toBe(200);
  });

  it("an environment added to the account reaches the running relays whose policy matches it, and only those", async () => {
    const next = structuredClone(account);
    next.projects.push({ key: "payments", name: "Payments", environments: [{ key: "production", name: "Production" }, { key: "sandbox", name: "Sandbox" }] });
    expect((await t.control("PUT", "/account", next)).projects).toHaveLength(4);
    await healthyWith(running.wildcard, [...POLICIES.wildcard.reached, "proj/payments:env/production"].sort(), "the new payments/production");
    await healthyWith(running["allow-all-minus-deny"], [...POLICIES["allow-all-minus-deny"].reached, "proj/payments:env/sandbox"].sort(), "the new payments/sandbox");
    expect(statusEnvironments(await running["environment-tag"].status())).toEqual(POLICIES["environment-tag"].reached);
    await readSdkKeys();
  });

  it("a rotation with a grace period: the new key's relay is healthy, the old one keeps receiving changes until the clock passes the expiry, then is cut off", async () => {
    const oldRelay = running["one-project"];
    const oldKey = keys["one-project"];
    relays["one-project"].rotation = { trigger: "r2", gracePeriod: "1h" };
    keys = await up();
    expect(keys["one-project"]).not.toBe(oldKey);
    const newRelay = await launch(keys["one-project"]);
    running["one-project-rotated"] = newRelay;
    await healthyWith(newRelay, ["proj/web:env/staging"], "the new key's relay");

    relays["one-project"].policy = allow("proj/web:env/staging", "proj/web:env/test");
    await up();
    for (const relay of [oldRelay, newRelay]) await healthyWith(relay, ["proj/web:env/staging", "proj/web:env/test"], "web/test on both relays");
    expect(oldRelay.output()).not.toMatch(INVALID_KEY_LINE);

    const refusedBefore = await refusedStreams();
    expect((await t.control("POST", "/clock", { offsetMs: 61 * 60 * 1000 })).offsetMs).toBe(61 * 60 * 1000);
    await oldRelay.waitForOutput(INVALID_KEY_LINE);
    expect(oldRelay.running()).toBe(true);
    // Its stream was closed by the emulator and its reconnect answered 401.
    expect((await t.control("GET", "/stats")).streams.closedByServer).toBeGreaterThanOrEqual(1);
    expect(await refusedStreams()).toBeGreaterThan(refusedBefore);

    relays["one-project"].policy = allow("proj/web:env/test");
    await up();
    await healthyWith(newRelay, ["proj/web:env/test"], "the next change on the new key's relay");
    expect(statusEnvironments(await oldRelay.status())).toEqual(["proj/web:env/staging", "proj/web:env/test"]);
    await expectRefused(oldKey);
  });

  it("a rotation without grace period cuts the old key off at once", async () => {
    const holder = running["one-project-rotated"];
    const previous = keys["one-project"];
    // The previous key's grace period is over on the emulator's clock (moved ahead) but not on the provider's,
    // which refuses a rotation inside it: this one is meant, so it says so.
    relays["one-project"].rotation = { trigger: "r3", allowEarlyRotation: true };
    keys = await up();
    await holder.waitForOutput(INVALID_KEY_LINE);
    await expectRefused(previous);
    const current = await launch(keys["one-project"]);
    running["one-project-current"] = current;
    await healthyWith(current, ["proj/web:env/test"], "the newest key's relay");
  });

  it("a relay started with a key LaunchDarkly never issued gets 401 and exits 1", async () => {
    await expectRefused(fakeRelayKey("7"));
  });

  it("a 503 on the stream makes a relay retry until it connects; a dropped stream is reconnected with a fresh put", async () => {
    const before = (await t.control("GET", "/stats")).faultsFired as number;
    await t.control("POST", "/faults", { match: { pathPattern: "/relay_auto_config" }, action: { type: "status", status: 503 }, count: 2 });
    const relay = await launch(keys.wildcard);
    await healthyWith(relay, statusEnvironments(await running.wildcard.status()), "the wildcard reach after two 503s");
    expect((await t.control("GET", "/stats")).faultsFired).toBe(before + 2);

    const opened = (await t.control("GET", "/stats")).streams.opened.autoConfig as number;
    const configId = (await t.env.stack.outputs()).ids.value.wildcard as string;
    expect((await t.control("POST", "/streams/drop", { configId })).dropped).toBeGreaterThanOrEqual(1);
    await relay.waitForOutput(/Unexpected error on auto-configuration stream|Reconnecting|EOF/);
    await expect(
      (async () => {
        const deadline = Date.now() + 20_000;
        while (((await t.control("GET", "/stats")).streams.opened.autoConfig as number) <= opened) {
          if (Date.now() > deadline) throw new Error("the relay did not reconnect");
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })(),
    ).resolves.toBeUndefined();
    relays.wildcard.policy = allow("proj/*:env/staging");
    await up();
    await healthyWith(relay, ["proj/mobile:env/staging", "proj/web:env/staging"], "a change after the reconnect");
  });

  it("pulumi destroy ends every key: running relays are cut off and fresh ones exit 1", async () => {
    const held = { ...keys };
    await t.env.stack.destroy({ color: "never" });
    await running.wildcard.waitForOutput(INVALID_KEY_LINE);
    await running["one-project-current"].waitForOutput(INVALID_KEY_LINE);
    for (const key of Object.values(held)) await expectRefused(key);
  });

  it("the relays' diagnostics reached the emulator, and no relay output holds a relay key or an SDK key", async () => {
    const stats = await t.control("GET", "/stats");
    expect(stats.byRoute["POST /diagnostic"]).toBeGreaterThanOrEqual(1);
    expect(stats.byRoute["GET /all"]).toBeGreaterThanOrEqual(1);
    expect(secrets.size).toBeGreaterThan(10);
    const output = started.map((relay) => relay.output()).join("\n");
    expect(output.length).toBeGreaterThan(1000);
    for (const secret of secrets) expect(output).not.toContain(secret);
  });
});

// A host is where, not what, through the real engine: pointing a stack at another URL of the same LaunchDarkly
// account previews as no change and leaves every config and key alive; moving it to another instance with its
// own token follows the README's path (refresh --run-program, then up) and never sends either token to the other host,
// asserted on both emulators' request logs.

import { start, type RunningEmulator } from "../../emulator/start";
import { emulatorClient } from "../../scripts/emulator-client";
import { createRelayStack, type RelayStack } from "./support/relay-stack";

jest.setTimeout(180_000);

const OTHER_TOKEN = "e2e-other-instance-token-0123456789";
const policy = [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }];

describe("changing launchdarkly:apiHost", () => {
  let t: RelayStack;
  let other: RunningEmulator;
  const otherClient = () => emulatorClient(other.url, OTHER_TOKEN);
  const apiLog = async (url: string) =>
    ((await emulatorClient(url, "").control("GET", "/log")).entries as { method: string; path: string; status: number }[]).filter((e) => e.path.startsWith("/api/"));
  const keys = async () => (await t.env.stack.outputs()).keys.value as Record<string, string>;

  beforeAll(async () => {
    t = await createRelayStack("host");
    other = await start({ control: true, validateResponses: true, tokens: [{ token: OTHER_TOKEN, role: "writer" }] });
    await t.setRelays({ edge: { name: "edge-relays", policy }, backup: { name: "backup-relays", policy } });
    await t.env.stack.up({ color: "never" });
  });
  afterAll(async () => {
    await t?.dispose();
    await other?.close();
  });

  it("to another URL of the same account: the preview shows no replace and no update; configs and keys stay alive", async () => {
    const before = await keys();
    const ids = (await t.api("GET", "/api/v2/account/relay-auto-configs")).body.items.map((c: { _id: string }) => c._id).sort();
    await t.env.stack.setConfig("launchdarkly:apiHost", { value: t.emulator.url.replace("127.0.0.1", "localhost") });
    const preview = await t.env.stack.preview({ color: "never", diff: true });
    expect(preview.changeSummary.replace ?? 0).toBe(0);
    expect(preview.changeSummary.update ?? 0).toBe(0);
    expect(preview.changeSummary.delete ?? 0).toBe(0);
    const up = await t.env.stack.up({ color: "never" });
    expect(up.summary.resourceChanges?.replace ?? 0).toBe(0);
    expect((await t.api("GET", "/api/v2/account/relay-auto-configs")).body.items.map((c: { _id: string }) => c._id).sort()).toEqual(ids);
    for (const key of Object.values(before)) expect(await t.relayStatus(key)).toBe(200);
    expect(await keys()).toEqual(before);
  });

  it("to another instance with its own token: refresh --run-program, then up, create the configs there; neither token reaches the other host", async () => {
    const oldKeys = await keys();
    await t.clearLog();
    await t.env.stack.setConfig("launchdarkly:apiHost", { value: other.url });
    await t.env.stack.setConfig("launchdarkly:accessToken", { value: OTHER_TOKEN, secret: true });
    // `--run-program`: the provider takes the new host and token from the program's config; a plain refresh would
    // use the settings recorded in the state (the old host with the old token: consistent, but no move).
    const refresh = await t.env.stack.refresh({ color: "never", runProgram: true });
    expect(refresh.summary.resourceChanges?.delete).toBe(2);
    const up = await t.env.stack.up({ color: "never" });
    expect(up.summary.resourceChanges?.create).toBe(2);
    const moved = (await otherClient().api("GET", "/api/v2/account/relay-auto-configs")).body.items.map((c: { name: string }) => c.name).sort();
    expect(moved).toEqual(["backup-relays", "edge-relays"]);
    // The old instance heard nothing after the switch; the new one never refused a token.
    expect(await apiLog(t.emulator.url)).toEqual([]);
    expect((await apiLog(other.url)).map((e) => e.status)).not.toContain(401);
    // The old configs and keys live on there until deleted on that instance (README: moving between instances).
    for (const key of Object.values(oldKeys)) expect(await t.relayStatus(key)).toBe(200);
    for (const key of Object.values(await keys())) expect(await otherClient().relayStatus(key)).toBe(200);
  });
});

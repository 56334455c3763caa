// Secret hygiene under the engine's most verbose logging (`-v=9 --logtostderr`). The token must appear nowhere.
// A relay key may appear only in the upstream RPC tracing lines that print every property value of every
// resource (the engine's "Marshaling/Unmarshaling property for RPC" at v=9 and @pulumi/pulumi's debug
// "RegisterResource RPC finished … resp:"), which Pulumi prints for any provider's secrets; never in a line
// written by this provider. The state file holds neither, whatever the verbosity.
import * as fs from "fs";
import { scanForSecrets } from "../../scripts/soak/secrets";
import { createRelayStack, RelayStack, TOKEN } from "./support/relay-stack";

const policy = [{ effect: "allow", resources: ["proj/mobile:env/production"], actions: ["*"] }];

describe("secrets with verbose engine logging", () => {
  let t: RelayStack;
  beforeAll(async () => {
    t = await createRelayStack("verbose");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("create, rotate and refresh at -v=9 print keys only in upstream RPC tracing, and the token nowhere", async () => {
    const verbose = ["--yes", "--skip-preview", "--logtostderr", "-v=9"];
    await t.setRelays({ edge: { name: "edge-relays", policy, rotation: { trigger: "a", gracePeriod: "1h" } } });
    const up = await t.env.cli(["up", ...verbose]);
    expect(up.code).toBe(0);
    const firstKey = (await t.env.stack.outputs()).keys.value.edge as string;
    await t.setRelays({ edge: { name: "edge-relays", policy, rotation: { trigger: "b", gracePeriod: "1h" } } });
    const rotate = await t.env.cli(["up", ...verbose]);
    expect(rotate.code).toBe(0);
    const secondKey = (await t.env.stack.outputs()).keys.value.edge as string;
    const refresh = await t.env.cli(["refresh", ...verbose]);
    expect(refresh.code).toBe(0);

    const transcript = [up, rotate, refresh].map((r) => r.stdout + r.stderr).join("\n");
    // The tracing is really on, and it does print keys: the exemption is not vacuous.
    expect(scanForSecrets(transcript, [firstKey]).upstreamTracing).toBeGreaterThan(0);
    // Counts only, so a failure never prints a secret.
    expect(scanForSecrets(transcript, [TOKEN])).toEqual({ leaks: 0, upstreamTracing: 0 });
    expect(scanForSecrets(transcript, [firstKey, secondKey]).leaks).toBe(0);
    const state = fs.readFileSync(t.env.stateFile(), "utf8");
    expect([TOKEN, firstKey, secondKey].map((s) => state.includes(s))).toEqual([false, false, false]);
  }, 180000);
});

// Tests for bench/state.ts: which checkpoint resources hold relay configurations and how many (one per
// RelayProxyConfiguration, the entries of a RelayProxyConfigurations fleet), and the split per configuration.
import { configurationsOf, stateSplit } from "../../../bench/state";
import { RELAY_PROXY_CONFIGURATION_TYPE, RELAY_PROXY_CONFIGURATIONS_TYPE } from "../../../provider/wire";

const fleet = (n: number) => ({
  urn: "urn:fleet", type: RELAY_PROXY_CONFIGURATIONS_TYPE,
  outputs: { configs: Object.fromEntries(Array.from({ length: n }, (_, i) => [`relay-${i}`, { name: `r${i}` }])), fullKeys: {}, apiHost: "h" },
});
const single = (i: number): Parameters<typeof configurationsOf>[0] =>
  ({ urn: `urn:${i}`, type: RELAY_PROXY_CONFIGURATION_TYPE, inputs: { name: `r${i}` }, outputs: { name: `r${i}` } }) as Parameters<typeof configurationsOf>[0];
const checkpoint = (resources: unknown[]) => JSON.stringify({ checkpoint: { latest: { resources } } });

describe("configurationsOf", () => {
  it("counts one for a RelayProxyConfiguration and the entries of a fleet; other resources are not relays", () => {
    expect(configurationsOf(single(0))).toBe(1);
    expect(configurationsOf(fleet(5))).toBe(5);
    expect(configurationsOf({ type: "pulumi:providers:pulumi-nodejs" })).toBeNull();
    expect(configurationsOf({ type: "pulumi:pulumi:Stack" })).toBeNull();
  });

  it("a fleet with no outputs yet holds none", () => {
    expect(configurationsOf({ type: RELAY_PROXY_CONFIGURATIONS_TYPE, outputs: null })).toBe(0);
  });
});

describe("stateSplit", () => {
  it("divides by configurations, so one fleet of 4 and 4 resources are compared per configuration", () => {
    const ofFleet = stateSplit(checkpoint([{ type: "pulumi:pulumi:Stack", urn: "s" }, fleet(4)]));
    expect(ofFleet).toMatchObject({ resources: 1, configurations: 4 });
    const ofSingles = stateSplit(checkpoint([0, 1, 2, 3].map(single)));
    expect(ofSingles).toMatchObject({ resources: 4, configurations: 4 });
    const whole = Buffer.byteLength(checkpoint([{ type: "pulumi:pulumi:Stack", urn: "s" }, fleet(4)]));
    expect(ofFleet?.fileBytesPerResource).toBe(Math.round(whole / 4));
  });

  it("no relay resource: null", () => {
    expect(stateSplit(checkpoint([{ type: "pulumi:pulumi:Stack", urn: "s" }]))).toBeNull();
  });
});

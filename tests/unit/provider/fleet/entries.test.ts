// Tests for provider/fleet/entries.ts: the fleet's shape rules, entry paths, splitting fleet outputs into one
// entry's outputs and back (keys only in fullKeys, the host once), and the create/remove/keep plan.
import { entryOutputs, entryPath, fleetOutputs, planEntries, validateFleetShape } from "../../../../provider/fleet/entries";
import type { RelayOutputs } from "../../../../provider/outputs";
import { PROVIDER_KEY, UNKNOWN_INPUT } from "../../../../provider/wire";
import { fakeRelayKey } from "../../../support/fake-secrets";

const policy = [{ effect: "allow" as const, resources: ["proj/web:env/production"], actions: ["*"] }];
const outputs = (id: string, fullKey?: string): RelayOutputs => ({
  name: `relay-${id}`,
  policy,
  configId: id.padStart(24, "0"),
  displayKey: "abcd",
  creationDate: 1,
  lastModified: 2,
  apiHost: "https://app.launchdarkly.com",
  ...(fullKey === undefined ? {} : { fullKey }),
});

describe("validateFleetShape", () => {
  it.each<[string, unknown, string[]]>([
    ["a good fleet", { configs: { "edge-eu": { name: "e", policy } } }, []],
    ["Pulumi's own key", { configs: {}, [PROVIDER_KEY]: "x" }, []],
    ["configs unknown at preview", { configs: UNKNOWN_INPUT }, []],
    ["not an object", 42, [""]],
    ["configs a list", { configs: [] }, ["configs"]],
    ["an unknown top-level field", { configs: {}, extra: 1 }, ["extra"]],
    ["a bad key", { configs: { "a b": { name: "e", policy } } }, ['configs["a b"]']],
    ["adoption", { configs: { a: { name: "e", policy, adoptConfigId: "0123456789abcdef01234567" } } }, ['configs["a"].adoptConfigId']],
  ])("%s", (_title, news, properties) => {
    expect(validateFleetShape(news).map((f) => f.property)).toEqual(properties);
  });
});

describe("entryPath", () => {
  it("names the entry by key, quoted, then the property", () => {
    expect(entryPath("edge")).toBe('configs["edge"]');
    expect(entryPath("edge", "policy[0].resources[1]")).toBe('configs["edge"].policy[0].resources[1]');
  });
});

describe("fleetOutputs and entryOutputs", () => {
  it("keeps keys only in fullKeys, the host once, entries in key order; and splits back exactly", () => {
    const a = outputs("a", fakeRelayKey("1"));
    const b = outputs("b");
    const fleet = fleetOutputs({ b, a }, "https://app.launchdarkly.com");
    expect(Object.keys(fleet.configs)).toEqual(["a", "b"]);
    expect(fleet.fullKeys).toEqual({ a: fakeRelayKey("1") });
    expect(JSON.stringify(fleet.configs)).not.toContain(fakeRelayKey("1"));
    expect(fleet.configs.a).not.toHaveProperty("apiHost");
    expect(entryOutputs(fleet, "a")).toEqual(a);
    expect(entryOutputs(fleet, "b")).toEqual(b);
  });
});

describe("planEntries", () => {
  it("splits keys into create, remove and keep", () => {
    expect(planEntries(["a", "b", "c"], ["b", "c", "d"])).toEqual({ create: ["d"], remove: ["a"], keep: ["b", "c"] });
    expect(planEntries([], ["a"])).toEqual({ create: ["a"], remove: [], keep: [] });
  });
});

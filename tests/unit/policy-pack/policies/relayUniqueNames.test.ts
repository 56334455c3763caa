// Tests for policy-pack/policies/relayUniqueNames.ts (a stack policy).

import { relayUniqueNames as rule } from "../../../../policy-pack/policies/relayUniqueNames";
import { RELAY_FLEET_TYPE } from "../../../../policy-pack/lib/relay";
import { baseline, runStackPolicy, StackEntry, UNKNOWN } from "../helpers";

const relay = (name: string, ldName: unknown): StackEntry => ({ name, props: { ...baseline(), name: ldName } });

/**
 * A RelayProxyConfigurations fleet as a stack policy sees it (its outputs): `configs` maps each key to an entry
 * with the LaunchDarkly name given (plus the outputs the provider adds), or to `UNKNOWN` for a whole map unknown
 * at preview; `fullKeys` and `apiHost` are unknown, so reading them would raise.
 */
function fleet(name: string, ldNames: Record<string, unknown> | typeof UNKNOWN): StackEntry {
  const configs =
    ldNames === UNKNOWN
      ? UNKNOWN
      : Object.fromEntries(
          Object.entries(ldNames).map(([key, ldName]) => [key, { ...baseline(), name: ldName, configId: `id-${key}`, displayKey: "1234" }]),
        );
  return { name, type: RELAY_FLEET_TYPE, props: { configs, fullKeys: UNKNOWN, apiHost: UNKNOWN } };
}
const target = (v: { urn?: string }) => v.urn?.split("::").pop();

describe("relay-unique-names", () => {
  it("passes distinct names", () => {
    expect(runStackPolicy(rule, [relay("a", "checkout"), relay("b", "checkout-staging")])).toEqual([]);
  });

  it("reports each duplicate against its own resource", () => {
    const violations = runStackPolicy(rule, [relay("a", "checkout"), relay("b", "other"), relay("c", "checkout")]);
    expect(violations.map((v) => v.urn?.split("::").pop())).toEqual(["a", "c"]);
    expect(violations[0].message).toContain('name "checkout" of "a" is also used by "c"');
    expect(violations[1].message).toContain('of "c" is also used by "a"');
  });

  it("compares case-insensitively when ignoreCase is set", () => {
    const resources = [relay("a", "Checkout"), relay("b", "checkout")];
    expect(runStackPolicy(rule, resources)).toEqual([]);
    expect(runStackPolicy(rule, resources, { ignoreCase: true })).toHaveLength(2);
  });

  it("ignores other resource types, names unknown at preview and non-string names", () => {
    const other: StackEntry = { name: "bucket", type: "aws:s3/bucket:Bucket", props: { name: "checkout" } };
    const resources = [relay("a", "checkout"), other, relay("b", UNKNOWN), relay("c", UNKNOWN), relay("d", 7)];
    expect(runStackPolicy(rule, resources)).toEqual([]);
  });
});

describe("relay-unique-names with RelayProxyConfigurations fleets", () => {
  it("passes distinct names across resources and fleet entries", () => {
    const resources = [relay("a", "checkout"), fleet("fleet", { edge: "edge", web: "web" }), fleet("other", { api: "api" })];
    expect(runStackPolicy(rule, resources)).toEqual([]);
  });

  it("reports a fleet entry sharing a name with a RelayProxyConfiguration, each on its own resource", () => {
    const violations = runStackPolicy(rule, [relay("a", "checkout"), fleet("fleet", { edge: "edge", web: "checkout" })]);
    expect(violations.map(target)).toEqual(["a", "fleet"]);
    expect(violations[0].message).toContain('name "checkout" of "a" is also used by "fleet" configs["web"] in this stack');
    expect(violations[1].message).toContain('name "checkout" of "fleet" configs["web"] is also used by "a" in this stack');
  });

  it("reports two entries of one fleet with the same name, each naming the other", () => {
    const violations = runStackPolicy(rule, [fleet("fleet", { edge: "shared", web: "shared", api: "api" })]);
    expect(violations.map(target)).toEqual(["fleet", "fleet"]);
    expect(violations.map((v) => v.message.split(" in this stack")[0])).toEqual([
      'name "shared" of "fleet" configs["edge"] is also used by "fleet" configs["web"]',
      'name "shared" of "fleet" configs["web"] is also used by "fleet" configs["edge"]',
    ]);
  });

  it("reports entries of two fleets sharing a name", () => {
    const violations = runStackPolicy(rule, [fleet("east", { edge: "edge" }), fleet("west", { edge: "edge" })]);
    expect(violations.map(target)).toEqual(["east", "west"]);
    expect(violations[0].message).toContain('of "east" configs["edge"] is also used by "west" configs["edge"]');
  });

  it("compares fleet entries case-insensitively when ignoreCase is set", () => {
    const resources = [relay("a", "Checkout"), fleet("fleet", { web: "checkout" })];
    expect(runStackPolicy(rule, resources)).toEqual([]);
    expect(runStackPolicy(rule, resources, { ignoreCase: true }).map(target)).toEqual(["a", "fleet"]);
  });

  it("skips a configs map unknown at preview, and entries whose name is unknown or not a string", () => {
    const resources = [
      relay("a", "checkout"),
      fleet("pending", UNKNOWN),
      fleet("fleet", { b: UNKNOWN, c: UNKNOWN, d: 7, e: "edge" }),
    ];
    expect(runStackPolicy(rule, resources)).toEqual([]);
  });
});

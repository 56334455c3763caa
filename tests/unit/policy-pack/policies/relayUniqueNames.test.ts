// Tests for policy-pack/policies/relayUniqueNames.ts (a stack policy).

import { relayUniqueNames as rule } from "../../../../policy-pack/policies/relayUniqueNames";
import { baseline, runStackPolicy, StackEntry, UNKNOWN } from "../helpers";

const relay = (name: string, ldName: unknown): StackEntry => ({ name, props: { ...baseline(), name: ldName } });

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

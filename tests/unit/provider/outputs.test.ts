// Tests for provider/outputs.ts: live config → outputs (canonical policy, key bookkeeping, creator, reach) and
// outputs → the inputs a refresh reports.

import { classifyDiff } from "../../../provider/diff";
import { inputsFromOutputs, RelayOutputs, toOutputs } from "../../../provider/outputs";
import { RelayAutoConfig, RelayInputs, Statement } from "../../../provider/types";
import { HOST, inputs, KEY, live, NONCANONICAL, NOW, POLICY, state, T0 } from "../../support/relay-fixtures";

describe("toOutputs", () => {
  it("maps a created config: fields, creator, canonical policy, key from the response", () => {
    const created = live({ fullKey: KEY, policy: NONCANONICAL });
    expect(toOutputs(created, inputs(), HOST, { keyRotatedAt: T0 })).toStrictEqual({
      name: "edge",
      policy: POLICY,
      comment: "first",
      rotation: { trigger: "t1", gracePeriod: "1h" },
      configId: "0123456789abcdef01234567",
      fullKey: KEY,
      displayKey: "abcd",
      creationDate: T0,
      lastModified: T0 + 1000,
      creator: "ops@example.com",
      apiHost: HOST,
      keyRotatedAt: T0,
    });
  });

  it.each<[string, Partial<RelayAutoConfig>, Parameters<typeof toOutputs>[3], Partial<RelayOutputs>]>([
    ["key from bookkeeping when the response has none", {}, { fullKey: KEY }, { fullKey: KEY }],
    ["key from the response beats bookkeeping", { fullKey: "rel-new" }, { fullKey: KEY }, { fullKey: "rel-new" }],
    ["no key anywhere: no fullKey", {}, {}, { fullKey: undefined }],
    ["stale flag kept when true", {}, { keyStale: true }, { keyStale: true }],
    ["stale flag dropped when false", {}, { keyStale: false }, { keyStale: undefined }],
    ["previous key expiry kept", {}, { previousKeyExpiresAt: T0 + 5 }, { previousKeyExpiresAt: T0 + 5 }],
    ["no creator", { _creator: undefined }, {}, { creator: undefined }],
    ["missing policy becomes empty", { policy: undefined as unknown as Statement[] }, {}, { policy: [] }],
  ])("%s", (_title, over, key, expected) => {
    const out = toOutputs(live(over), inputs(), HOST, key);
    for (const [field, value] of Object.entries(expected)) {
      if (value === undefined) expect(Object.keys(out)).not.toContain(field);
      else expect(out[field as keyof RelayOutputs]).toEqual(value);
    }
  });

  it("takes name and policy from live, comment and rotation from the inputs", () => {
    const out = toOutputs(live({ name: "renamed-elsewhere" }), inputs({ name: "edge", comment: undefined, rotation: undefined }), HOST, {});
    expect(out.name).toBe("renamed-elsewhere");
    expect(Object.keys(out)).not.toContain("comment");
    expect(Object.keys(out)).not.toContain("rotation");
  });

  it("shares no arrays with the live config", () => {
    const l = live();
    const out = toOutputs(l, inputs(), HOST, {});
    out.policy[0].actions?.push("x");
    expect(l.policy[0].actions).toEqual(["*"]);
  });
});

describe("inputsFromOutputs", () => {
  it.each<[string, Partial<RelayOutputs>, RelayInputs]>([
    ["full", {}, { name: "edge", policy: POLICY, comment: "first", rotation: { trigger: "t1", gracePeriod: "1h" } }],
    ["no comment, no rotation", { comment: undefined, rotation: undefined }, { name: "edge", policy: POLICY }],
  ])("%s: only user inputs, never keys or server fields", (_title, over, expected) => {
    expect(inputsFromOutputs(state({ ...over, keyStale: true, previousKeyExpiresAt: 1 }))).toStrictEqual(expected);
  });

  it("round trip: refreshed inputs diff as unchanged against the same desired inputs", () => {
    const out = toOutputs(live({ policy: NONCANONICAL }), inputs(), HOST, {});
    const refreshed = inputsFromOutputs(out);
    expect(classifyDiff(out, refreshed, NOW)).toBe(false);
    expect(classifyDiff(out, inputs(), NOW)).toBe(false);
  });
});

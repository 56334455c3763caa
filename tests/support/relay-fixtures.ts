// Shared fixtures for the tests of the pure lifecycle core (diff, outputs, create recovery): a fixed clock, a
// two-statement policy, and builders for inputs, stored outputs and a live LaunchDarkly config.

import type { RelayOutputs } from "../../provider/outputs";
import { RelayAutoConfig, RelayInputs, Statement } from "../../provider/types";
import { fakeRelayKey } from "./fake-secrets";

export const HOST = "https://app.launchdarkly.com";
/** The provider's clock in these tests. */
export const NOW = Date.UTC(2026, 4, 1);
export const T0 = Date.UTC(2026, 0, 1);
export const MIN = 60_000;
export const SKEW = 5 * MIN;
export const KEY = fakeRelayKey("0", "abcd");

export const POLICY: Statement[] = [
  { effect: "allow", resources: ["proj/*:env/production"], actions: ["*"] },
  { effect: "deny", notResources: ["proj/*:env/*;internal"], notActions: ["updateOn"] },
];

export function inputs(over: Partial<RelayInputs> = {}): RelayInputs {
  return { name: "edge", policy: structuredClone(POLICY), comment: "first", rotation: { trigger: "t1", gracePeriod: "1h" }, ...over };
}

export function state(over: Partial<RelayOutputs> = {}): RelayOutputs {
  return {
    ...inputs(),
    configId: "0123456789abcdef01234567",
    fullKey: KEY,
    displayKey: "abcd",
    creationDate: T0,
    lastModified: T0,
    apiHost: HOST,
    keyRotatedAt: T0,
    ...over,
  };
}

export function live(over: Partial<RelayAutoConfig> = {}): RelayAutoConfig {
  return {
    _id: "0123456789abcdef01234567",
    name: "edge",
    policy: structuredClone(POLICY),
    displayKey: "abcd",
    creationDate: T0,
    lastModified: T0 + 1000,
    _creator: { _id: "m1", email: "ops@example.com", role: "writer", _links: {} },
    ...over,
  };
}

/** The same statements with keys in another order and empty/null alternatives added. */
export const NONCANONICAL = [
  { actions: ["*"], resources: ["proj/*:env/production"], effect: "allow", notResources: [], notActions: null },
  { notActions: ["updateOn"], effect: "deny", notResources: ["proj/*:env/*;internal"], actions: [] },
] as unknown as Statement[];

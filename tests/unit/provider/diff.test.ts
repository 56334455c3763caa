// Tests for provider/diff.ts: the diff classification (update for content, a new trigger, a stale key or a
// new reach; nothing for a comment, a grace period or a host change; no spurious diffs from non-canonical forms
// or preview unknowns), when a key reset is needed, and when a rotation must wait for the grace period.

import { classifyDiff, contentChanged, earlyRotation, keyResetNeeded } from "../../../provider/diff";
import type { RelayOutputs } from "../../../provider/outputs";
import { RelayInputs, Statement } from "../../../provider/types";
import { UNKNOWN_INPUT } from "../../../provider/wire";
import { inputs, NONCANONICAL, NOW, POLICY, state } from "../../support/relay-fixtures";

describe("classifyDiff", () => {
  it.each<[string, Partial<RelayOutputs>, Partial<RelayInputs>, boolean]>([
    ["a host change alone is no change (the state's host is where it was last seen, not what it is)", { apiHost: "https://app.eu.launchdarkly.com" }, {}, false],
    ["a host change with a name change is an update, never a replace", { apiHost: "http://127.0.0.1:9" }, { name: "other" }, true],
    ["a new reach alone updates (recorded, nothing sent)", { reach: ["proj/web:env/production"] }, { reach: ["proj/payments:env/production", "proj/web:env/production"] }, true],
    ["an unresolved reach is no change", { reach: ["proj/web:env/production"] }, { reach: undefined }, false],
    ["name change updates", {}, { name: "edge-2" }, true],
    ["action added updates", {}, { policy: [{ ...POLICY[0], actions: ["*", "updateOn"] }, POLICY[1]] }, true],
    ["statement removed updates", {}, { policy: [POLICY[0]] }, true],
    ["resources → notResources updates", {}, { policy: [{ effect: "allow", notResources: ["proj/*:env/production"], actions: ["*"] }, POLICY[1]] }, true],
    ["new rotation trigger updates", {}, { rotation: { trigger: "t2", gracePeriod: "1h" } }, true],
    ["stale key updates", { keyStale: true }, {}, true],
    ["stale key updates without rotation settings", { keyStale: true, rotation: undefined }, { rotation: undefined }, true],
    ["comment only: nothing to send", {}, { comment: "second" }, false],
    ["comment removed: nothing to send", {}, { comment: undefined }, false],
    ["grace period only: nothing to send", {}, { rotation: { trigger: "t1", gracePeriod: "7d" } }, false],
    ["rotation settings added: no reset", { rotation: undefined }, {}, false],
    ["rotation settings removed: no reset", {}, { rotation: undefined }, false],
    ["statement keys in another order, empty and null alternatives", {}, { policy: NONCANONICAL }, false],
    ["state in non-canonical form", { policy: NONCANONICAL }, {}, false],
    ["nothing changed", {}, {}, false],
  ])("%s", (_title, olds, news, expected) => {
    expect(classifyDiff(state(olds), inputs(news), NOW)).toBe(expected);
  });

  // Statement order is part of the stored policy (policiesEqual: order matters), so reordering is an update.
  it("statement order swapped is an update (order is stored)", () => {
    expect(classifyDiff(state(), inputs({ policy: [POLICY[1], POLICY[0]] }), NOW)).toBe(true);
  });

  // Preview: values that depend on other resources arrive as the unknown sentinel, in any position.
  it.each<[string, boolean, Partial<RelayInputs>]>([
    ["unknown name", true, { name: UNKNOWN_INPUT }],
    ["unknown policy", true, { policy: UNKNOWN_INPUT as unknown as Statement[] }],
    ["unknown statement", true, { policy: [UNKNOWN_INPUT as unknown as Statement] }],
    ["unknown resource list", true, { policy: [{ effect: "allow", resources: UNKNOWN_INPUT as unknown as string[], actions: ["*"] }] }],
    ["unknown resource item", true, { policy: [{ ...POLICY[0], resources: [UNKNOWN_INPUT] }, POLICY[1]] }],
    ["unknown rotation trigger", true, { rotation: { trigger: UNKNOWN_INPUT } }],
    ["unknown rotation object", true, { rotation: UNKNOWN_INPUT as unknown as RelayInputs["rotation"] }],
    ["unknown comment only", false, { comment: UNKNOWN_INPUT }],
    ["unknown grace period only", false, { rotation: { trigger: "t1", gracePeriod: UNKNOWN_INPUT } }],
  ])("preview with %s → changes %p, never throws", (_title, changes, news) => {
    expect(classifyDiff(state(), inputs(news), NOW)).toBe(changes);
  });

  it("an unknown rotation cannot rotate a config without rotation settings", () => {
    const news = inputs({ rotation: UNKNOWN_INPUT as unknown as RelayInputs["rotation"] });
    expect(classifyDiff(state({ rotation: undefined }), news, NOW)).toBe(false);
  });

  it("does not mutate its arguments", () => {
    const olds = state({ policy: NONCANONICAL });
    const news = inputs({ policy: NONCANONICAL });
    const before = JSON.stringify([olds, news]);
    classifyDiff(olds, news, NOW);
    expect(JSON.stringify([olds, news])).toBe(before);
  });
});

describe("contentChanged and keyResetNeeded", () => {
  it.each<[string, Pick<RelayInputs, "name" | "policy">, boolean]>([
    ["same", { name: "edge", policy: POLICY }, false],
    ["non-canonical same", { name: "edge", policy: NONCANONICAL }, false],
    ["renamed", { name: "Edge", policy: POLICY }, true],
    ["specifier changed", { name: "edge", policy: [{ ...POLICY[0], resources: ["proj/*:env/staging"] }, POLICY[1]] }, true],
    ["resource list order changed", { name: "edge", policy: [{ ...POLICY[0], resources: ["b", "a"] }, POLICY[1]] }, true],
  ])("contentChanged: %s → %p", (_title, news, expected) => {
    expect(contentChanged({ name: "edge", policy: POLICY }, news)).toBe(expected);
  });

  it.each<[string, Partial<RelayOutputs>, Partial<RelayInputs>, boolean]>([
    ["same trigger", {}, {}, false],
    ["new trigger", {}, { rotation: { trigger: "t2" } }, true],
    ["stale key", { keyStale: true }, {}, true],
    ["stale key, the previous key past its grace period", { keyStale: true, previousKeyExpiresAt: NOW }, {}, true],
    ["stale key while the previous key is in its grace period: deferred", { keyStale: true, previousKeyExpiresAt: NOW + 1 }, {}, false],
    ["stale key in the grace period, early rotation allowed", { keyStale: true, previousKeyExpiresAt: NOW + 1 }, { rotation: { trigger: "t1", allowEarlyRotation: true } }, true],
    ["new trigger inside the grace period (diff refuses it; see earlyRotation)", { previousKeyExpiresAt: NOW + 1 }, { rotation: { trigger: "t2" } }, true],
    ["keyStale false", { keyStale: false }, {}, false],
    ["trigger added", { rotation: undefined }, { rotation: { trigger: "t2" } }, false],
  ])("keyResetNeeded: %s → %p", (_title, olds, news, expected) => {
    expect(keyResetNeeded(state(olds), inputs(news), NOW)).toBe(expected);
  });
});

describe("earlyRotation", () => {
  it.each<[string, Partial<RelayOutputs>, Partial<RelayInputs>, boolean]>([
    ["a new trigger while the previous key is in its grace period", { previousKeyExpiresAt: NOW + 1, previousDisplayKey: "ab12" }, { rotation: { trigger: "t2" } }, true],
    ["a new trigger at the expiry millisecond", { previousKeyExpiresAt: NOW }, { rotation: { trigger: "t2" } }, false],
    ["a new trigger, early rotation allowed", { previousKeyExpiresAt: NOW + 1 }, { rotation: { trigger: "t2", allowEarlyRotation: true } }, false],
    ["no new trigger (a stale key is deferred, not refused)", { previousKeyExpiresAt: NOW + 1, keyStale: true }, {}, false],
    ["no previous key recorded", {}, { rotation: { trigger: "t2" } }, false],
  ])("%s → refused %p", (_title, olds, news, refused) => {
    const early = earlyRotation(state(olds), inputs(news), NOW);
    expect(early !== undefined).toBe(refused);
    if (refused) expect(early).toEqual({ displayKey: olds.previousDisplayKey, expiresAt: olds.previousKeyExpiresAt });
  });
});

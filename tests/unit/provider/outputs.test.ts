// Tests for provider/outputs.ts: the diff classification (replace on a host change, update for content, a new
// trigger or a stale key, nothing for a comment or grace period, no spurious diffs from non-canonical forms or
// preview unknowns), the adoption match after an ambiguous create, and the outputs/inputs mappings.

import {
  classifyDiff,
  contentChanged,
  earlyRotation,
  findAdoptable,
  inputsFromOutputs,
  keyResetNeeded,
  RelayOutputs,
  toOutputs,
} from "../../../provider/outputs";
import { UNKNOWN_INPUT } from "../../../provider/policy";
import { RelayAutoConfig, RelayInputs, Statement } from "../../../provider/types";
import { fakeRelayKey } from "../../support/fake-secrets";

const HOST = "https://app.launchdarkly.com";
/** The provider's clock in these tests. */
const NOW = Date.UTC(2026, 4, 1);
const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;
const SKEW = 5 * MIN;
const KEY = fakeRelayKey("0", "abcd");

const POLICY: Statement[] = [
  { effect: "allow", resources: ["proj/*:env/production"], actions: ["*"] },
  { effect: "deny", notResources: ["proj/*:env/*;internal"], notActions: ["updateOn"] },
];

function inputs(over: Partial<RelayInputs> = {}): RelayInputs {
  return { name: "edge", policy: structuredClone(POLICY), comment: "first", rotation: { trigger: "t1", gracePeriod: "1h" }, ...over };
}

function state(over: Partial<RelayOutputs> = {}): RelayOutputs {
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

function live(over: Partial<RelayAutoConfig> = {}): RelayAutoConfig {
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
const NONCANONICAL = [
  { actions: ["*"], resources: ["proj/*:env/production"], effect: "allow", notResources: [], notActions: null },
  { notActions: ["updateOn"], effect: "deny", notResources: ["proj/*:env/*;internal"], actions: [] },
] as unknown as Statement[];

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

describe("findAdoptable", () => {
  const desired = { name: "edge", policy: POLICY };
  const item = (id: string, creationDate: number, over: Partial<RelayAutoConfig> = {}) =>
    live({ _id: id.padStart(24, "0"), creationDate, lastModified: creationDate, ...over });

  it.each<[string, RelayAutoConfig[], string | undefined]>([
    ["nothing listed", [], undefined],
    ["created after the attempt started", [item("a", T0 + 10)], "a"],
    ["created within the skew window before the start", [item("a", T0 - SKEW + 1)], "a"],
    ["created exactly at the window's edge", [item("a", T0 - SKEW)], "a"],
    ["created before the skew window", [item("a", T0 - SKEW - 1)], undefined],
    ["name differs", [item("a", T0, { name: "edge-2" })], undefined],
    ["name differs in case", [item("a", T0, { name: "EDGE" })], undefined],
    ["policy differs", [item("a", T0, { policy: [POLICY[0]] })], undefined],
    ["policy in non-canonical form matches", [item("a", T0, { policy: NONCANONICAL })], "a"],
    ["newest of several matches wins", [item("a", T0), item("b", T0 + 20), item("c", T0 + 10)], "b"],
    ["newest matching wins over a newer non-matching", [item("a", T0 + 5), item("b", T0 + 50, { name: "x" })], "a"],
    ["old identical config is not adopted, the new one is", [item("old", T0 - 60 * MIN), item("new", T0 + 1)], "new"],
  ])("%s → %p", (_title, items, expected) => {
    const found = findAdoptable(items, desired, T0, SKEW);
    expect(found?._id.replace(/^0+/, "")).toBe(expected);
  });

  it("skips configs already owned by another resource, even when newer", () => {
    const items = [item("mine", T0 + 1), item("other", T0 + 2)];
    const found = findAdoptable(items, desired, T0, SKEW, new Set(["other".padStart(24, "0")]));
    expect(found?._id).toBe("mine".padStart(24, "0"));
  });

  it("returns undefined when every match is owned", () => {
    const items = [item("other", T0 + 2)];
    expect(findAdoptable(items, desired, T0, SKEW, new Set([items[0]._id]))).toBeUndefined();
  });

  it("does not reorder or mutate the listed items", () => {
    const items = [item("a", T0), item("b", T0 + 20)];
    const before = JSON.stringify(items);
    findAdoptable(items, desired, T0, SKEW);
    expect(JSON.stringify(items)).toBe(before);
  });
});

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

// Tests for provider/rotation.ts: grace periods, expiry maths, when a rotation is requested, and the
// time-window triggers of a key-age schedule. Time is always passed in; no fake timers, no sleeping.

import { DAY_MS } from "../../../provider/duration";
import {
  graceMs,
  parseGracePeriod,
  keyAgeDays,
  rotationExpiry,
  rotationRequested,
  rotationWindow,
  windowStart,
} from "../../../provider/rotation";
import { RotationInput } from "../../../provider/types";

const HOUR = 3_600_000;
const NOW = 1_750_000_000_000; // 2025-06-15T15:06:40Z

describe("rotationExpiry", () => {
  it.each<[number, number, number]>([
    [NOW, 0, NOW],
    [NOW, HOUR, NOW + HOUR],
    [NOW, 30 * DAY_MS, NOW + 30 * DAY_MS],
  ])("now=%d grace=%d → %d", (now, grace, expected) => {
    expect(rotationExpiry(now, grace)).toBe(expected);
  });

  it.each<[string, number, number]>([
    ["negative grace", NOW, -1],
    ["NaN grace", NOW, NaN],
    ["infinite now", Infinity, 0],
    ["negative now", -5, 0],
  ])("throws for %s", (_title, now, grace) => {
    expect(() => rotationExpiry(now, grace)).toThrow(RangeError);
  });
});

describe("rotationRequested", () => {
  const r = (trigger: string, gracePeriod?: string): RotationInput => ({ trigger, gracePeriod });
  it.each<[string, RotationInput | undefined, RotationInput | undefined, boolean]>([
    ["no rotation before or after", undefined, undefined, false],
    ["rotation added to an existing config", undefined, r("v1"), false],
    ["rotation removed", r("v1"), undefined, false],
    ["same trigger", r("v1"), r("v1"), false],
    ["only the grace period changed", r("v1", "1h"), r("v1", "24h"), false],
    ["trigger changed", r("v1"), r("v2"), true],
    ["trigger changed and grace period added", r("v1"), r("v2", "24h"), true],
    ["window trigger moved on", r("window-30d-00675"), r("window-30d-00676"), true],
    ["malformed old trigger", { trigger: undefined as unknown as string }, r("v2"), false],
  ])("%s → %s", (_title, before, after, expected) => {
    expect(rotationRequested(before, after)).toBe(expected);
  });
});

describe("rotationWindow and windowStart", () => {
  const PERIOD = 30 * DAY_MS;
  const start = Math.floor(NOW / PERIOD) * PERIOD;

  it.each<[string, string, number, string]>([
    ["30 days", "30d", NOW, "window-30d-00675"],
    ["the last ms of the window", "30d", start + PERIOD - 1, "window-30d-00675"],
    ["the first ms of the next window", "30d", start + PERIOD, "window-30d-00676"],
    ["the epoch", "7d", 0, "window-7d-00000"],
    ["hours", "720h", NOW, "window-720h-00675"],
    ["spaces dropped from the label", "30 days", NOW, "window-30days-00675"],
    ["a long index", "1m", NOW, `window-1m-${Math.floor(NOW / 60_000)}`],
  ])("%s: rotationWindow(%p, %d) → %s", (_title, period, now, expected) => {
    expect(rotationWindow(period, now)).toBe(expected);
  });

  it.each<[string, string]>([
    ["under a minute", "30s"],
    ["over 366 days", "400d"],
    ["not a duration", "monthly"],
    ["zero", "0"],
  ])("throws for a period %s (%p)", (_title, period) => {
    expect(() => rotationWindow(period, NOW)).toThrow(/invalid rotation period/);
  });

  it("throws for a bad now", () => {
    expect(() => rotationWindow("30d", -1)).toThrow(RangeError);
  });

  it("defaults now to the current time", () => {
    const before = Math.floor(Date.now() / PERIOD);
    const trigger = rotationWindow("30d");
    const after = Math.floor(Date.now() / PERIOD);
    expect([`window-30d-${String(before).padStart(5, "0")}`, `window-30d-${String(after).padStart(5, "0")}`]).toContain(trigger);
  });

  it.each<[string, number | undefined]>([
    ["window-30d-00675", 675 * PERIOD],
    ["window-30days-00675", 675 * PERIOD],
    ["window-720h-00001", 720 * HOUR],
    ["v1", undefined],
    ["window-30d", undefined],
    ["window-soon-00001", undefined],
    ["window-30s-00001", undefined],
    ["window-1m-99999999999999999999", undefined],
  ])("windowStart(%p) → %p", (trigger, expected) => {
    expect(windowStart(trigger)).toBe(expected);
  });

  it("round-trips: the window of a trigger contains now", () => {
    const s = windowStart(rotationWindow("7d", NOW))!;
    expect(s).toBeLessThanOrEqual(NOW);
    expect(NOW).toBeLessThan(s + 7 * DAY_MS);
  });
});

describe("keyAgeDays", () => {
  it.each<[string, number, number, number]>([
    ["just rotated", NOW, NOW, 0],
    ["one ms short of a day", NOW - DAY_MS + 1, NOW, 0],
    ["exactly one day", NOW - DAY_MS, NOW, 1],
    ["90 and a half days", NOW - 90.5 * DAY_MS, NOW, 90],
    ["rotated in the future (clock skew)", NOW + DAY_MS, NOW, 0],
  ])("%s → %d days", (_title, rotatedAt, now, expected) => {
    expect(keyAgeDays(rotatedAt, now)).toBe(expected);
  });

  it("defaults now to the current time", () => {
    expect(keyAgeDays(Date.now() - 3 * DAY_MS)).toBe(3);
  });
});

describe("parseGracePeriod and graceMs", () => {
  it.each<[string | number, boolean]>([
    ["0", true],
    ["30d", true],
    ["31d", false],
    [-1, false],
  ])("parseGracePeriod(%p) ok: %p", (value, ok) => {
    expect(parseGracePeriod(value).ok).toBe(ok);
  });

  it.each<[string, RotationInput | undefined, number]>([
    ["no rotation", undefined, 0],
    ["no grace period", { trigger: "t" }, 0],
    ["a valid grace period", { trigger: "t", gracePeriod: "2h" }, 2 * HOUR],
    ["milliseconds", { trigger: "t", gracePeriod: 1500 }, 1500],
    ["an invalid grace period", { trigger: "t", gracePeriod: "forever" }, 0],
  ])("graceMs: %s", (_title, rotation, expected) => {
    expect(graceMs(rotation)).toBe(expected);
  });
});

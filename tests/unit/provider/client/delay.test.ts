// Tests for provider/client/delay.ts: backoff with full jitter, and rate-limit waits from both headers.

import {
  BACKOFF_CAP_FACTOR,
  RATE_LIMIT_FALLBACK_FACTOR,
  backoffDelay,
  exhaustedBudgetDelay,
  rateLimitDelay,
} from "../../../../provider/client/delay";

const NOW = Date.UTC(2026, 2, 25, 12, 0, 0);

describe("backoffDelay", () => {
  it.each([
    [1, 0.999999, 999],
    [2, 0.999999, 1999],
    [3, 0.5, 2000],
    [4, 0.25, 2000],
    [1, 0, 0],
  ])("attempt %i with random %f → %i ms (base 1000)", (attempt, random, expected) => {
    expect(backoffDelay(attempt, 1000, random)).toBe(expected);
  });

  it("is capped at BACKOFF_CAP_FACTOR × base", () => {
    expect(backoffDelay(50, 1000, 0.999999)).toBeLessThan(BACKOFF_CAP_FACTOR * 1000);
    expect(backoffDelay(50, 1000, 0.999999)).toBeGreaterThan(BACKOFF_CAP_FACTOR * 1000 - 2);
    expect(backoffDelay(5000, 10, 0.5)).toBe((BACKOFF_CAP_FACTOR * 10) / 2);
  });

  it("scales with baseDelayMs", () => {
    expect(backoffDelay(3, 1, 0.5)).toBe(2);
    expect(backoffDelay(3, 50, 0.5)).toBe(100);
  });

  it("clamps random outside [0, 1]", () => {
    expect(backoffDelay(1, 1000, -3)).toBe(0);
    expect(backoffDelay(1, 1000, 7)).toBe(1000);
  });
});

describe("rateLimitDelay", () => {
  const margin = 250; // base 1000 × 0.25

  it.each([
    ["Retry-After seconds only", { "retry-after": "3" }, 3000 + margin],
    ["Retry-After fractional seconds", { "Retry-After": "1.5" }, 1500 + margin],
    ["Retry-After HTTP date", { "retry-after": new Date(NOW + 4000).toUTCString() }, 4000 + margin],
    ["X-Ratelimit-Reset epoch ms only", { "x-ratelimit-reset": String(NOW + 2500) }, 2500 + margin],
    ["reset later than Retry-After", { "retry-after": "2", "X-Ratelimit-Reset": String(NOW + 9000) }, 9000 + margin],
    ["Retry-After later than reset", { "retry-after": "7", "x-ratelimit-reset": String(NOW + 3000) }, 7000 + margin],
    ["reset in the past", { "x-ratelimit-reset": String(NOW - 5000) }, margin],
    ["header as a list", { "retry-after": ["2", "9"] }, 2000 + margin],
    ["numeric header value", { "retry-after": 2 }, 2000 + margin],
  ])("%s", (_title, headers, expected) => {
    expect(rateLimitDelay(headers, NOW, 1000)).toBe(expected);
  });

  it("does not read X-Ratelimit-Reset as seconds (LaunchDarkly sends milliseconds)", () => {
    const secondsValue = String(Math.floor((NOW + 60_000) / 1000));
    expect(rateLimitDelay({ "x-ratelimit-reset": secondsValue }, NOW, 1000)).toBe(margin);
  });

  it.each([
    ["no headers", {}],
    ["garbage headers", { "retry-after": "soon", "x-ratelimit-reset": "tomorrow" }],
  ])("falls back to a fixed wait scaled by base: %s", (_title, headers) => {
    expect(rateLimitDelay(headers, NOW, 1000)).toBe(RATE_LIMIT_FALLBACK_FACTOR * 1000);
    expect(rateLimitDelay(headers, NOW, 2)).toBe(RATE_LIMIT_FALLBACK_FACTOR * 2);
  });

  it("margin scales with base", () => {
    expect(rateLimitDelay({ "retry-after": "1" }, NOW, 1)).toBe(1001);
  });
});

describe("exhaustedBudgetDelay", () => {
  it.each([
    ["global budget spent", { "x-ratelimit-global-remaining": "0", "x-ratelimit-reset": String(NOW + 3000) }, 3250],
    ["route budget spent", { "X-Ratelimit-Route-Remaining": "0", "X-Ratelimit-Reset": String(NOW + 1000) }, 1250],
    ["budget left", { "x-ratelimit-route-remaining": "4", "x-ratelimit-reset": String(NOW + 1000) }, undefined],
    ["spent but reset passed", { "x-ratelimit-global-remaining": "0", "x-ratelimit-reset": String(NOW - 1) }, undefined],
    ["spent, no reset", { "x-ratelimit-global-remaining": "0" }, undefined],
    ["no headers", {}, undefined],
  ])("%s", (_title, headers, expected) => {
    expect(exhaustedBudgetDelay(headers, NOW, 1000)).toBe(expected);
  });
});

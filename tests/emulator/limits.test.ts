// Tests emulator/limits.ts: fixed windows on the injected clock, per token and route; the route, global and IP
// limits and their headers (X-Ratelimit-Route-Remaining, X-Ratelimit-Global-Remaining, X-Ratelimit-Reset in
// epoch ms, Retry-After in seconds), both on the limiter alone and through HTTP.

import { ControllableClock } from "../../emulator/clock";
import { RateLimiter } from "../../emulator/limits";
import { contract } from "../contract/support/spec";
import { call, CONFIGS, createConfig, startEmulator, T0 } from "./support/client";

describe("RateLimiter", () => {
  it("is off by default and sends no headers", () => {
    const limiter = new RateLimiter({}, ControllableClock.frozenAt(T0));
    expect(limiter.enabled).toBe(false);
    expect(limiter.check("writer-1", "GET /x", "127.0.0.1")).toEqual({ allowed: true, headers: {} });
  });

  it("counts down, refuses at the limit until the window's end, then starts a new window", () => {
    const clock = ControllableClock.frozenAt(T0);
    const limiter = new RateLimiter({ routeLimit: 2 }, clock);
    expect(limiter.check("w", "GET /x", "ip")).toEqual({ allowed: true, headers: { "X-Ratelimit-Route-Remaining": "1", "X-Ratelimit-Reset": String(T0 + 10_000) } });
    clock.advance(3000);
    expect(limiter.check("w", "GET /x", "ip").headers["X-Ratelimit-Route-Remaining"]).toBe("0");
    const refused = limiter.check("w", "GET /x", "ip");
    expect(refused).toEqual({ allowed: false, headers: { "X-Ratelimit-Route-Remaining": "0", "X-Ratelimit-Reset": String(T0 + 10_000) } });
    clock.set(T0 + 9_999);
    expect(limiter.check("w", "GET /x", "ip").allowed).toBe(false);
    clock.set(T0 + 10_000);
    expect(limiter.check("w", "GET /x", "ip")).toEqual({ allowed: true, headers: { "X-Ratelimit-Route-Remaining": "1", "X-Ratelimit-Reset": String(T0 + 20_000) } });
  });

  it("keeps separate windows per token and per route", () => {
    const limiter = new RateLimiter({ routeLimit: 1 }, ControllableClock.frozenAt(T0));
    expect(limiter.check("a", "GET /x", "ip").allowed).toBe(true);
    expect(limiter.check("b", "GET /x", "ip").allowed).toBe(true);
    expect(limiter.check("a", "POST /x", "ip").allowed).toBe(true);
    expect(limiter.check("a", "GET /x", "ip").allowed).toBe(false);
  });

  it("applies a global limit across routes", () => {
    const limiter = new RateLimiter({ routeLimit: 10, globalLimit: 2 }, ControllableClock.frozenAt(T0));
    limiter.check("a", "GET /x", "ip");
    expect(limiter.check("a", "GET /y", "ip").headers["X-Ratelimit-Global-Remaining"]).toBe("0");
    const refused = limiter.check("a", "GET /z", "ip");
    expect(refused.allowed).toBe(false);
    expect(refused.headers["X-Ratelimit-Route-Remaining"]).toBe("10");
  });

  it("answers Retry-After in whole seconds for the IP limit", () => {
    const clock = ControllableClock.frozenAt(T0);
    const limiter = new RateLimiter({ ipLimit: 1, windowMs: 10_000 }, clock);
    expect(limiter.check("a", "GET /x", "10.0.0.1").allowed).toBe(true);
    clock.advance(2_500);
    expect(limiter.check("b", "GET /y", "10.0.0.1")).toEqual({ allowed: false, headers: { "Retry-After": "8" } });
    expect(limiter.check("b", "GET /y", "10.0.0.2").allowed).toBe(true);
  });

  it("reset() forgets every window", () => {
    const limiter = new RateLimiter({ routeLimit: 1 }, ControllableClock.frozenAt(T0));
    limiter.check("a", "GET /x", "ip");
    limiter.reset();
    expect(limiter.check("a", "GET /x", "ip").allowed).toBe(true);
  });
});

describe("rate limits over HTTP", () => {
  it("carries remaining headers on success, 429 with reset at the limit, and lets through at the reset ms", async () => {
    const emu = await startEmulator({ limits: { routeLimit: 3 } });
    try {
      const remaining: (string | null)[] = [];
      for (let i = 0; i < 3; i += 1) {
        const reply = await contract(emu.url, "GET", CONFIGS);
        expect(reply.status).toBe(200);
        remaining.push(reply.headers.get("x-ratelimit-route-remaining"));
        expect(reply.headers.get("x-ratelimit-reset")).toBe(String(T0 + 10_000));
      }
      expect(remaining).toEqual(["2", "1", "0"]);
      const refused = await contract(emu.url, "GET", CONFIGS);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe("rate_limited");
      expect(refused.headers.get("x-ratelimit-route-remaining")).toBe("0");
      const reset = Number(refused.headers.get("x-ratelimit-reset"));
      expect(reset).toBe(T0 + 10_000);
      expect((await contract(emu.url, "POST", CONFIGS, { body: { name: "other route", policy: [{ effect: "allow", resources: ["proj/*"], actions: ["*"] }] } })).status).toBe(201);
      emu.clock.set(reset - 1);
      expect((await contract(emu.url, "GET", CONFIGS)).status).toBe(429);
      emu.clock.set(reset);
      const again = await contract(emu.url, "GET", CONFIGS);
      expect(again.status).toBe(200);
      expect(again.headers.get("x-ratelimit-route-remaining")).toBe("2");
    } finally {
      await emu.close();
    }
  });

  it("counts GET by id as one route whatever the id", async () => {
    const emu = await startEmulator({ limits: { routeLimit: 2 } });
    try {
      const a = await createConfig(emu.url, "a");
      const b = await createConfig(emu.url, "b");
      expect((await call(emu.url, "GET", `${CONFIGS}/${a._id}`)).status).toBe(200);
      expect((await call(emu.url, "GET", `${CONFIGS}/${b._id}`)).status).toBe(200);
      expect((await call(emu.url, "GET", `${CONFIGS}/${a._id}`)).status).toBe(429);
    } finally {
      await emu.close();
    }
  });

  it("answers Retry-After for the IP limit", async () => {
    const emu = await startEmulator({ limits: { ipLimit: 1 } });
    try {
      expect((await call(emu.url, "GET", CONFIGS)).status).toBe(200);
      emu.clock.advance(1);
      const refused = await call(emu.url, "GET", CONFIGS);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("10");
    } finally {
      await emu.close();
    }
  });

  it("does not limit unauthenticated requests' tokens or the relay check", async () => {
    const emu = await startEmulator({ limits: { routeLimit: 1 } });
    try {
      const created = await createConfig(emu.url);
      for (let i = 0; i < 3; i += 1) expect((await call(emu.url, "GET", "/relay_auto_config", { token: created.fullKey })).status).toBe(200);
      for (let i = 0; i < 3; i += 1) expect((await call(emu.url, "GET", CONFIGS, { token: "bad" })).status).toBe(401);
      expect((await call(emu.url, "GET", CONFIGS)).status).toBe(200);
    } finally {
      await emu.close();
    }
  });
});

// Tests the soak's pure parts: the fault definitions (nine, seeded afresh at each resume) and their kind names,
// the desired configs of a cycle, stable JSON, and the record (a key counted once, a violation logged, ok only
// with a cycle, no violation and no secret found).
import { faultDefinitions, kindOf } from "../../../../scripts/soak/faults";
import { stable } from "../../../../scripts/soak/invariants";
import { SoakRecord } from "../../../../scripts/soak/record";
import { makeDesired } from "../../../../scripts/soak/stack";

describe("faultDefinitions", () => {
  const settings = { seed: 7, probability: 0.035, commitThenFail: 0.12 };

  it("gives six generic kinds on any API path and commit-then-fail on the three write routes", () => {
    const defs = faultDefinitions(settings, 1);
    expect(defs.map((d) => kindOf(d.action))).toEqual([
      "rate-limit", "status-500", "status-502", "status-503", "reset", "delay", "commit-then-fail-502", "commit-then-fail-reset", "commit-then-fail-503",
    ]);
    expect(defs.slice(0, 6).every((d) => d.probability === 0.035 && d.match?.pathPattern === "/api/**")).toBe(true);
    expect(defs.slice(6).map((d) => [d.match?.method, d.match?.pathPattern, d.probability])).toEqual([
      ["POST", "/api/v2/account/relay-auto-configs", 0.12],
      ["PATCH", "/api/v2/account/relay-auto-configs/*", 0.12],
      ["POST", "/api/v2/account/relay-auto-configs/*/reset", 0.12],
    ]);
  });

  it("seeds each resume afresh and repeatably", () => {
    expect(faultDefinitions(settings, 1).map((d) => d.seed)).toEqual([7021, 7022, 7023, 7024, 7025, 7026, 7027, 7028, 7029]);
    expect(faultDefinitions(settings, 2).map((d) => d.seed)[0]).toBe(7041);
    expect(faultDefinitions(settings, 2)).toEqual(faultDefinitions(settings, 2));
  });

  it("names a commit-then-fail without status by its default 503", () => {
    expect(kindOf({ type: "commit-then-fail" })).toBe("commit-then-fail-503");
  });
});

describe("makeDesired", () => {
  it("gives each logical name its own environment of the cycle, a production deny and the rotation", () => {
    expect(makeDesired(3, 1, "c3-b", ["r0"], "5s")).toEqual({
      r0: {
        name: "soak-r0",
        policy: [
          { effect: "allow", resources: ["proj/r0:env/v3-1"], actions: ["*"] },
          { effect: "deny", resources: ["proj/r0:env/production"], actions: ["updateFlag"] },
        ],
        rotation: { trigger: "c3-b", gracePeriod: "5s" },
      },
    });
  });
});

it("stable() ignores key order and undefined fields", () => {
  expect(stable({ b: [1, { y: 2, x: undefined, a: "z" }], a: null })).toBe(stable({ a: null, b: [1, { a: "z", y: 2 }] }));
  expect(stable([{ a: 1 }])).not.toBe(stable([{ a: 2 }]));
});

describe("SoakRecord", () => {
  it("counts a key once and remembers its display key", () => {
    const record = new SoakRecord(() => undefined);
    record.sawKey("rel-aaaa-1234");
    record.sawKey("rel-aaaa-1234");
    expect(record.summary.keysIssued).toBe(1);
    expect([...record.knownDisplayKeys]).toEqual(["1234"]);
  });

  it("logs violations, and is ok only with a cycle done, no violation and no secret found", () => {
    const lines: string[] = [];
    const record = new SoakRecord((line) => lines.push(line));
    expect(record.finish().ok).toBe(false);
    record.summary.cycles = 1;
    expect(record.finish().ok).toBe(true);
    record.violation("cycle 1 up", "orphan config x");
    expect(lines).toEqual(["  VIOLATION cycle 1 up: orphan config x"]);
    expect(record.finish()).toMatchObject({ ok: false, violations: ["cycle 1 up: orphan config x"] });
  });
});

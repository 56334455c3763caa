// The short soak both soak suites run (tests/e2e/soak.test.ts, soak-many.test.ts): the runner behind `make soak`
// (scripts/soak/runner.ts), 2 cycles of 3 configs against an in-process emulator with faults on ~20% of API
// requests and an emulator restart, then the invariants: no orphans, no lost updates, every state key accepted
// on the relay stream (a stale key until its expiry), no unknown live key, no previous key cut off before the
// time the stack promised, no secret in state, engine output, errors or the emulator's log.
import { runSoak } from "../../../scripts/soak/runner";

/** Registers the short soak with the emulator keeping `previousKeys` previous relay keys. */
export function describeShortSoak(previousKeys: "one" | "many"): void {
  describe(`soak (short), previous keys: ${previousKeys}`, () => {
    it("keeps every invariant over 2 faulted cycles of 3 configs with an emulator restart", async () => {
      const lines: string[] = [];
      // Bounded by count, not by time: a slow machine runs the same 2 cycles (each step has its own time limit).
      const s = await runSoak({ maxCycles: 2, configs: 3, restartAtCycle: 2, seed: 7, previousKeys, log: (l) => lines.push(l) });
      if (!s.ok) console.log(lines.join("\n"));
      expect(s.cycles).toBe(2);
      expect(s.restarts).toBe(1);
      expect(s.restartLost).toBe(0);
      expect(Object.values(s.faultsFired).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(s.checks).toBeGreaterThanOrEqual(10);
      expect(s.orphans).toBe(0);
      expect(s.lostUpdates).toBe(0);
      expect(s.relayKeyRejected).toBe(0);
      expect(s.unknownLiveKeys).toBe(0);
      expect(s.keysCutEarly).toBe(0);
      expect(s.secretHits).toEqual([]);
      expect(s.keysIssued).toBeGreaterThan(0);
      expect(s.violations).toEqual([]);
    }, 600_000);
  });
}

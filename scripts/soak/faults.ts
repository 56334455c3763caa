// The soak's faults: each generic kind (429, 500, 502, 503, connection reset, 1.5 s delay) on any API request with
// a small probability, and commit-then-fail on each write route, seeded afresh at every resume so runs repeat;
// paused (their fired counts added to the summary by kind) while invariants are checked.
import type { FaultDefinition } from "../../emulator/faults";
import { CONFIGS_PATH as CONFIGS, type EmulatorClient } from "../emulator-client";

/** Fault probabilities and the base seed. */
export interface FaultSettings {
  seed: number;
  /** Probability of each generic fault kind per API request. */
  probability: number;
  /** Probability of commit-then-fail on each write route. */
  commitThenFail: number;
}

/** The faults of the `resume`-th resume (1-based): nine definitions with seeds from `seed` and `resume`. */
export function faultDefinitions(settings: FaultSettings, resume: number): FaultDefinition[] {
  const s = settings.seed * 1000 + resume * 20;
  const p = settings.probability;
  const ctf = settings.commitThenFail;
  const any = { pathPattern: "/api/**" };
  return [
    { match: any, action: { type: "rate-limit", resetAfterMs: 300 }, probability: p, seed: s + 1 },
    { match: any, action: { type: "status", status: 500 }, probability: p, seed: s + 2 },
    { match: any, action: { type: "status", status: 502 }, probability: p, seed: s + 3 },
    { match: any, action: { type: "status", status: 503 }, probability: p, seed: s + 4 },
    { match: any, action: { type: "reset" }, probability: p, seed: s + 5 },
    { match: any, action: { type: "delay", delayMs: 1500 }, probability: p, seed: s + 6 },
    { match: { method: "POST", pathPattern: CONFIGS }, action: { type: "commit-then-fail", status: 502 }, probability: ctf, seed: s + 7 },
    { match: { method: "PATCH", pathPattern: `${CONFIGS}/*` }, action: { type: "commit-then-fail", reset: true }, probability: ctf, seed: s + 8 },
    { match: { method: "POST", pathPattern: `${CONFIGS}/*/reset` }, action: { type: "commit-then-fail", status: 503 }, probability: ctf, seed: s + 9 },
  ] as FaultDefinition[];
}

/** The summary's name of a fault action, e.g. `status-502`, `commit-then-fail-reset`. */
export function kindOf(action: any): string {
  if (action.type === "status") return `status-${action.status}`;
  if (action.type === "commit-then-fail") return `commit-then-fail${action.reset ? "-reset" : `-${action.status ?? 503}`}`;
  return action.type;
}

/** Turns the soak's faults on and off through the control API. */
export interface SoakFaults {
  /** Removes every fault, adding what fired to `fired` by kind. */
  pause(): Promise<void>;
  /** Installs the next resume's faults. */
  resume(): Promise<void>;
}

/** The fault switch of one soak; fired counts go to `fired`. */
export function soakFaults(client: EmulatorClient, settings: FaultSettings, fired: Record<string, number>): SoakFaults {
  let resumes = 0;
  return {
    pause: async () => {
      const { faults } = await client.control("GET", "/faults");
      for (const f of faults) fired[kindOf(f.action)] = (fired[kindOf(f.action)] ?? 0) + f.fired;
      await client.control("DELETE", "/faults");
    },
    resume: async () => {
      resumes++;
      await client.control("POST", "/faults", { faults: faultDefinitions(settings, resumes) });
    },
  };
}

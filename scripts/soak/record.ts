// What a soak records as it goes: the summary it returns (counts per step, faults fired, invariant tallies,
// violations), every text it collects for the final secret scan (engine output, errors, state and emulator files),
// and the relay keys seen in stack outputs (to recognise a live key and to scan for). Nothing here prints a key.

/** The soak's outcome. */
export interface SoakSummary {
  cycles: number;
  /** Stack operations by step: attempts, failed attempts, steps that never succeeded. */
  operations: Record<string, { attempts: number; failed: number; gaveUp: number }>;
  faultsFired: Record<string, number>;
  apiRequests: number;
  checks: number;
  orphans: number;
  lostUpdates: number;
  relayKeyRejected: number;
  unknownLiveKeys: number;
  /** Previous keys the state promises until a time that LaunchDarkly (the emulator) no longer accepts. */
  keysCutEarly: number;
  /** Resets whose answer was lost: the stack kept its key (marked keyStale) until the grace period ended. */
  staleKeys: number;
  displayKeyMismatches: number;
  countMismatches: number;
  restarts: number;
  restartLost: number;
  keysIssued: number;
  secretHits: { where: string; what: string }[];
  scannedBytes: number;
  /** Lines of Pulumi's own verbose RPC tracing that print a key (upstream behaviour, see secrets.ts). */
  upstreamTracingLines: number;
  violations: string[];
  ok: boolean;
}

/** A text collected for the secret scan, and where it came from. */
export interface CollectedText {
  where: string;
  text: string;
}

/** The soak's running record. */
export class SoakRecord {
  readonly summary: SoakSummary = {
    cycles: 0, operations: {}, faultsFired: {}, apiRequests: 0, checks: 0, orphans: 0, lostUpdates: 0,
    relayKeyRejected: 0, unknownLiveKeys: 0, keysCutEarly: 0, staleKeys: 0, displayKeyMismatches: 0, countMismatches: 0, restarts: 0,
    restartLost: 0, keysIssued: 0, secretHits: [], scannedBytes: 0, upstreamTracingLines: 0, violations: [], ok: false,
  };
  /** Every text to scan for secrets at the end. */
  readonly texts: CollectedText[] = [];
  /** Every relay key a stack output has held. */
  readonly issuedKeys = new Set<string>();
  /** The display keys (last 4 characters) of those keys. */
  readonly knownDisplayKeys = new Set<string>();

  constructor(readonly log: (line: string) => void) {}

  /** Keeps `text` for the secret scan. */
  collect(where: string, text: string): void {
    this.texts.push({ where, text });
  }

  /** Notes a key from a stack output (counted once). */
  sawKey(key: string): void {
    if (!this.issuedKeys.has(key)) this.summary.keysIssued++;
    this.issuedKeys.add(key);
    this.knownDisplayKeys.add(key.slice(-4));
  }

  /** Records a broken invariant found at `label`, and logs it. */
  violation(label: string, what: string): void {
    this.summary.violations.push(`${label}: ${what}`);
    this.log(`  VIOLATION ${label}: ${what}`);
  }

  /** Sets `ok`: no violation, no secret found, and at least one cycle done. */
  finish(): SoakSummary {
    const s = this.summary;
    s.ok = s.violations.length === 0 && s.secretHits.length === 0 && s.cycles > 0;
    return s;
  }
}

// `make soak`: runs the soak (scripts/soak/runner.ts) for SOAK_SECONDS (default 180) and prints a summary.
// SOAK_PREVIOUS_KEYS=one|many picks the emulator's model of previous relay keys (default one).
// Exits 0 only when every invariant held and no secret was found in any collected text.
import { runSoak } from "./soak/runner";

async function main(): Promise<number> {
  const seconds = Number(process.env.SOAK_SECONDS || 180);
  const configs = Number(process.env.SOAK_CONFIGS || 5);
  const previousKeys = process.env.SOAK_PREVIOUS_KEYS || "one";
  if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(configs) || configs < 3 || (previousKeys !== "one" && previousKeys !== "many")) {
    console.error("SOAK_SECONDS must be a positive number, SOAK_CONFIGS an integer of at least 3, SOAK_PREVIOUS_KEYS one or many");
    return 2;
  }
  console.log(`soak: ${seconds}s, ${configs} configs per cycle, faults on ~20% of API requests, previous keys: ${previousKeys}`);
  const started = Date.now();
  const s = await runSoak({
    seconds,
    maxCycles: Number(process.env.SOAK_MAX_CYCLES || 1000),
    configs,
    restartAtCycle: 2,
    seed: Number(process.env.SOAK_SEED || 1),
    previousKeys,
  });
  const ops = Object.entries(s.operations)
    .map(([k, v]) => `${k} ${v.attempts} attempts/${v.failed} failed/${v.gaveUp} gave up`)
    .join("; ");
  const fired = Object.values(s.faultsFired).reduce((a, b) => a + b, 0);
  console.log("\n==== soak summary ====");
  console.log(`duration:            ${Math.round((Date.now() - started) / 1000)}s, cycles ${s.cycles}`);
  console.log(`operations:          ${Object.values(s.operations).reduce((a, v) => a + v.attempts, 0)} (${ops})`);
  console.log(`API requests:        ${s.apiRequests}`);
  console.log(`faults injected:     ${fired} (${(s.apiRequests ? (100 * fired) / s.apiRequests : 0).toFixed(1)}% of API requests)`);
  for (const [kind, n] of Object.entries(s.faultsFired).sort()) console.log(`  ${kind.padEnd(24)} ${n}`);
  console.log(`invariant checks:    ${s.checks}`);
  console.log(`orphans:             ${s.orphans}`);
  console.log(`lost updates:        ${s.lostUpdates}`);
  console.log(`relay keys rejected: ${s.relayKeyRejected}`);
  console.log(`unknown live keys:   ${s.unknownLiveKeys}`);
  console.log(`keys cut off early:  ${s.keysCutEarly}`);
  console.log(`lost reset answers:  ${s.staleKeys} (the stack kept its key, marked keyStale, until the grace period ended)`);
  console.log(`displayKey/count mismatches: ${s.displayKeyMismatches}/${s.countMismatches}`);
  console.log(`emulator restarts:   ${s.restarts} (state changed across restart: ${s.restartLost})`);
  console.log(`keys issued (seen):  ${s.keysIssued}`);
  console.log(`secret leaks:        ${s.secretHits.length} (scanned ${s.scannedBytes} bytes)`);
  console.log(`upstream tracing:    ${s.upstreamTracingLines} lines of Pulumi verbose RPC tracing print a key (engine -v=9 / SDK debug; not this provider)`);
  for (const h of s.secretHits.slice(0, 20)) console.log(`  ${h.what} in ${h.where}`);
  for (const v of s.violations.slice(0, 40)) console.log(`violation: ${v}`);
  console.log(`result:              ${s.ok ? "PASS" : "FAIL"}`);
  return s.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`soak crashed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

// The soak's invariants, checked with faults paused after every successful step: no orphan config, the config
// count as desired, no lost update (live name and policy as desired), display keys as in the state, every key of
// the stack accepted on the relay stream (a stale key only until its expiry), no live previous key the stack never
// saw, no previous key cut off before the time the state promised; and across an emulator restart, the same state.
import * as fs from "fs";
import type { SoakEmulator } from "./emulator";
import type { SoakFaults } from "./faults";
import type { SoakRecord } from "./record";
import { RELAY_TYPE, type SoakStack } from "./stack";

/** Stable JSON: object keys sorted, so a policy compares equal whatever key order each side used. */
export function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stable(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** What the checks work on. */
export interface Checked {
  emulator: SoakEmulator;
  faults: SoakFaults;
  stack: SoakStack;
  record: SoakRecord;
}

/** The stack's outputs, each key in them noted as seen. */
async function outputsWithKeys(c: Checked): Promise<Record<string, any>> {
  const outs = await c.stack.stack.outputs();
  for (const k of Object.values((outs.keys?.value ?? {}) as Record<string, string>)) {
    if (typeof k === "string" && k) c.record.sawKey(k);
  }
  return outs;
}

/** Checks every invariant with faults paused (resumed after, whatever happens); `label` names the step. */
export async function verify(c: Checked, label: string): Promise<void> {
  const { record, stack } = c;
  const summary = record.summary;
  await c.faults.pause();
  try {
    summary.checks++;
    const outs = await outputsWithKeys(c);
    const ids = (outs.ids?.value ?? {}) as Record<string, string>;
    const displayKeys = (outs.displayKeys?.value ?? {}) as Record<string, string>;
    const keys = (outs.keys?.value ?? {}) as Record<string, string>;
    const stateText = fs.readFileSync(stack.stateFile, "utf8");
    record.collect(`state file after ${label}`, stateText);
    const resources = (JSON.parse(stateText).checkpoint.latest?.resources ?? []).filter((r: any) => r.type === RELAY_TYPE);
    const stateIds = new Set<string>(resources.map((r: any) => r.id));
    const stateOf = (id: string) => resources.find((r: any) => r.id === id)?.outputs ?? {};
    const live = await c.emulator.client.configs();
    const now = (await c.emulator.client.control("GET", "/clock")).now as number;
    const fail = (what: string) => record.violation(label, what);
    for (const config of live) {
      if (!stateIds.has(config._id)) { summary.orphans++; fail(`orphan config ${config._id} (${config.name})`); }
      // The previous key the stack promised relays must still work until its time, whatever the model.
      const promised = stateOf(config._id);
      if (promised.previousDisplayKey && promised.previousKeyExpiresAt > now) {
        const kept = (config.previousKeys ?? []).some((pk: any) => pk.displayKey === promised.previousDisplayKey && pk.expiry >= promised.previousKeyExpiresAt);
        if (!kept) { summary.keysCutEarly++; fail(`config ${config._id}: previous key …${promised.previousDisplayKey} promised until ${promised.previousKeyExpiresAt} is no longer accepted`); }
      }
      for (const pk of config.previousKeys ?? []) {
        if (pk.expiry > now && !record.knownDisplayKeys.has(pk.displayKey)) {
          summary.unknownLiveKeys++;
          fail(`config ${config._id} has a live previous key …${pk.displayKey} never seen in any stack output`);
        }
      }
    }
    const desired = stack.desired();
    if (live.length !== Object.keys(desired).length || stateIds.size !== live.length) {
      summary.countMismatches++;
      fail(`config count: desired ${Object.keys(desired).length}, state ${stateIds.size}, live ${live.length}`);
    }
    for (const [l, want] of Object.entries(desired)) {
      const config = live.find((x) => x._id === ids[l]);
      if (!config || config.name !== want.name || stable(config.policy) !== stable(want.policy)) {
        summary.lostUpdates++;
        fail(`lost update on ${l}: live ${config ? "differs from desired" : "missing"}`);
        continue;
      }
      if (config.displayKey !== displayKeys[l]) { summary.displayKeyMismatches++; fail(`display key of ${l} differs from the state`); }
      if (!keys[l]) { summary.relayKeyRejected++; fail(`no key for ${l} in the outputs`); continue; }
      const status = await c.emulator.client.relayStatus(keys[l]);
      // A stale key (a reset whose answer was lost) is the previous one: it works until its expiry, then not.
      const stale = stateOf(config._id);
      if (stale.keyStale === true) {
        const expected = now < stale.previousKeyExpiresAt ? 200 : 401;
        if (status !== expected) { summary.relayKeyRejected++; fail(`stale key of ${l}: ${status}, expected ${expected} until ${stale.previousKeyExpiresAt}`); }
        continue;
      }
      if (status !== 200) { summary.relayKeyRejected++; fail(`relay stream for ${l}'s key: ${status}`); }
    }
  } finally {
    await c.faults.resume();
  }
}

/** The live configs without their comments, as stable JSON: what a restart must keep. */
async function liveState(c: Checked): Promise<string> {
  return stable((await c.emulator.client.configs()).map(({ comments, ...config }) => { void comments; return config; }));
}

/** Restarts the emulator (same port and data) with faults paused; the state must be the same after; then verify(). */
export async function restartKeepsState(c: Checked, cycle: number): Promise<void> {
  const summary = c.record.summary;
  await c.faults.pause();
  const before = await liveState(c);
  await c.emulator.restart();
  summary.restarts++;
  const after = await liveState(c);
  if (before !== after) { summary.restartLost++; summary.violations.push(`cycle ${cycle}: state changed across the emulator restart`); }
  c.record.log(`  emulator restarted on port ${c.emulator.port()}: state ${before === after ? "identical" : "CHANGED"}`);
  await c.faults.resume();
  await verify(c, `cycle ${cycle} after restart`);
}

/** Counts the keys the state marks stale (a reset whose answer was lost), keeping the largest count seen. */
export function countStale(c: Checked): void {
  const stale = c.stack.relayResources().filter((r: any) => r.outputs?.keyStale === true).length;
  c.record.summary.staleKeys = Math.max(c.record.summary.staleKeys, stale);
}

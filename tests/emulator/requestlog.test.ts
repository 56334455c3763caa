// Tests emulator/requestlog.ts: the log is bounded, counters survive clearing the entries, and no entry ever
// holds a token or a key, whatever the request carried.

import { RequestLog } from "../../emulator/requestlog";
import { call, CONFIGS, control, startEmulator } from "./support/client";

describe("RequestLog", () => {
  const entry = (i: number) => ({ time: i, method: "GET", path: `/p${i}`, status: 200, durationMs: 1, faults: [] });

  it("keeps only the newest entries, but counts all", () => {
    const log = new RequestLog(3);
    for (let i = 0; i < 5; i += 1) log.add(entry(i), "GET /p");
    expect(log.list().map((e) => e.time)).toEqual([2, 3, 4]);
    expect(log.stats({ faultsFired: 0, storeWrites: 0, configs: 0 }).requests).toBe(5);
    log.clearEntries();
    expect(log.list()).toEqual([]);
    expect(log.stats({ faultsFired: 0, storeWrites: 0, configs: 0 }).requests).toBe(5);
    log.clear();
    expect(log.stats({ faultsFired: 0, storeWrites: 0, configs: 0 }).requests).toBe(0);
  });
});

it("never logs a token or a key", async () => {
  const token = "very-secret-writer-token";
  const emu = await startEmulator({ tokens: [{ token, role: "writer" }] });
  try {
    const made = (await call(emu.url, "POST", CONFIGS, { token, body: { name: "n", policy: [{ effect: "allow", resources: ["proj/*"], actions: ["*"] }] } })).body;
    const reset = (await call(emu.url, "POST", `${CONFIGS}/${made._id}/reset`, { token })).body;
    await call(emu.url, "GET", "/relay_auto_config", { token: reset.fullKey });
    await call(emu.url, "GET", "/relay_auto_config", { token: made.fullKey });
    await call(emu.url, "GET", CONFIGS, { token: `${token}-wrong` });
    const text = JSON.stringify([(await control(emu.url, "GET", "/log")).body, (await control(emu.url, "GET", "/stats")).body, (await control(emu.url, "GET", "/state")).body]);
    for (const secret of [token, made.fullKey, reset.fullKey]) expect(text).not.toContain(secret);
  } finally {
    await emu.close();
  }
});

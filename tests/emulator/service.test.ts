// Tests emulator/service.ts without HTTP: ids, keys and displayKey, timestamps from the injected clock, reset
// expiry rules, patch envelopes and read-only fields, comment retention, and persistence through the store.

import { ControllableClock } from "../../emulator/clock";
import { EmulatorError } from "../../emulator/errors";
import { parsePatchBody } from "../../emulator/patchbody";
import { RelayConfigService } from "../../emulator/service";
import { MemoryStore } from "../../emulator/store";
import type { MemberSummary } from "../../emulator/types";

const T0 = 1_700_000_000_000;
const creator: MemberSummary = { _links: { self: { href: "/api/v2/members/m", type: "application/json" } }, _id: "m", role: "writer", email: "m@x" };
const body = { name: "svc", policy: [{ effect: "allow", resources: ["proj/*"], actions: ["*"] }] };

function setup(maxComments?: number) {
  const clock = ControllableClock.frozenAt(T0);
  const store = new MemoryStore();
  const service = new RelayConfigService({ store, clock, maxComments });
  return { clock, store, service };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toEqual(expect.objectContaining({ code }));
  await expect(promise).rejects.toBeInstanceOf(EmulatorError);
}

describe("RelayConfigService", () => {
  it("creates with a 24-hex id, a rel-<uuid> key, its last 4 chars as displayKey, and clock timestamps", async () => {
    const { service } = setup();
    const created = await service.create(body, creator);
    expect(created._id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.fullKey).toMatch(/^rel-[0-9a-f-]{36}$/);
    expect(created.displayKey).toBe(created.fullKey?.slice(-4));
    expect([created.creationDate, created.lastModified]).toEqual([T0, T0]);
    expect(created._creator).toEqual(creator);
  });

  it("gives every config a distinct id and key", async () => {
    const { service } = setup();
    const made = await Promise.all(Array.from({ length: 20 }, () => service.create(body, creator)));
    expect(new Set(made.map((c) => c._id)).size).toBe(20);
    expect(new Set(made.map((c) => c.fullKey)).size).toBe(20);
  });

  it("persists each change through the store", async () => {
    const { service, store } = setup();
    const created = await service.create(body, creator);
    await service.patch(created._id, parsePatchBody([{ op: "replace", path: "/name", value: "x" }]));
    const stored = await store.read();
    expect(stored?.configs[0].name).toBe("x");
    expect(JSON.stringify(stored)).not.toContain(created.fullKey);
    // One write seeds the account at start, then one per change.
    expect(store.writeCount).toBe(3);
  });

  it("loads what the store already holds", async () => {
    const first = setup();
    const created = await first.service.create(body, creator);
    const second = new RelayConfigService({ store: first.store, clock: first.clock });
    expect((await second.get(created._id)).name).toBe("svc");
  });

  it.each([
    ["unknown id", "0123456789abcdef01234567"],
    ["malformed id", "xyz"],
  ])("not_found for an %s", async (_title, id) => {
    const { service } = setup();
    await expectCode(service.get(id), "not_found");
    await expectCode(service.delete(id), "not_found");
    await expectCode(service.resetKey(id), "not_found");
  });

  it("refuses an invalid body listing every problem", async () => {
    const { service } = setup();
    await expect(service.create({ name: "", policy: [], extra: 1 }, creator)).rejects.toThrow("extra: is not allowed; name: must not be empty; policy: must have at least one statement");
  });

  it("uses the injected shape check before its own rules", async () => {
    const service = new RelayConfigService({ store: new MemoryStore(), clock: ControllableClock.frozenAt(T0), shapeErrors: () => ["from the spec"] });
    await expect(service.create(body, creator)).rejects.toThrow("from the spec");
  });

  describe("resetKey", () => {
    it.each([
      ["no expiry", undefined, []],
      ["past expiry", T0 - 1, []],
      ["expiry now", T0, []],
      ["future expiry", T0 + 1, [T0 + 1]],
    ])("%s → previous key expiries %j", async (_title, expiry, expiries) => {
      const { service } = setup();
      const created = await service.create(body, creator);
      const reset = await service.resetKey(created._id, expiry);
      expect(reset.fullKey).not.toBe(created.fullKey);
      const state = await service.state();
      expect(state[0].previousKeys.map((k) => k.expiry)).toEqual(expiries);
    });

    it("drops previous keys that have expired when resetting again", async () => {
      const { service, clock } = setup();
      const created = await service.create(body, creator);
      await service.resetKey(created._id, T0 + 10);
      clock.set(T0 + 10);
      await service.resetKey(created._id, T0 + 20);
      expect((await service.state())[0].previousKeys.map((k) => k.expiry)).toEqual([T0 + 20]);
    });

    it("updates lastModified and displayKey, keeps creationDate", async () => {
      const { service, clock } = setup();
      const created = await service.create(body, creator);
      clock.advance(99);
      const reset = await service.resetKey(created._id);
      expect(reset.lastModified).toBe(T0 + 99);
      expect(reset.creationDate).toBe(T0);
      expect(reset.displayKey).toBe(reset.fullKey?.slice(-4));
    });
  });

  describe("patch", () => {
    it("keeps only the newest comments", async () => {
      const { service, clock } = setup(2);
      const created = await service.create(body, creator);
      for (const comment of ["a", "b", "c"]) {
        clock.advance(1);
        await service.patch(created._id, parsePatchBody({ patch: [], comment }));
      }
      expect((await service.state())[0].comments).toEqual([
        { at: T0 + 2, comment: "b" },
        { at: T0 + 3, comment: "c" },
      ]);
    });

    it.each([
      ["json replace of _id", { patch: [{ op: "replace", path: "/_id", value: "x" }] }, "invalid_request"],
      ["json add to _access", { patch: [{ op: "add", path: "/_access/denied/-", value: {} }] }, "invalid_request"],
      ["merge of creationDate", { merge: { creationDate: 5 } }, "invalid_request"],
      ["failing test", { patch: [{ op: "test", path: "/name", value: "no" }] }, "patch_failed"],
    ])("%s → %s", async (_title, request, code) => {
      const { service } = setup();
      const created = await service.create(body, creator);
      await expectCode(service.patch(created._id, parsePatchBody(request)), code);
    });
  });
});

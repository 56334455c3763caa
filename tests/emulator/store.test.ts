// Tests emulator/store.ts: MemoryStore copies, FileStore's atomic one-at-a-time writes with coalescing, and a
// restart of the emulator on the same data directory keeping configs, previous keys and their expiries.

import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ControllableClock } from "../../emulator/clock";
import { DATA_FILE_NAME, emptyData, FileStore, MemoryStore } from "../../emulator/store";
import type { StoreData } from "../../emulator/types";
import { contract } from "../contract/support/spec";
import { call, CONFIGS, configBody, control, startEmulator, T0 } from "./support/client";

function sample(name: string): StoreData {
  return {
    version: 1,
    configs: [
      {
        _id: "0123456789abcdef01234567",
        name,
        policy: [{ effect: "allow", resources: ["proj/*"], actions: ["*"] }],
        creationDate: 1,
        lastModified: 2,
        creator: { _links: { self: { href: "/api/v2/members/x", type: "application/json" } }, _id: "x", role: "writer", email: "x@y" },
        key: { hash: "h", displayKey: "abcd" },
        previousKeys: [],
        comments: [],
      },
    ],
  };
}

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "emulator-store-"));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("MemoryStore", () => {
  it("starts empty and keeps a copy, not the caller's object", async () => {
    const store = new MemoryStore();
    expect(await store.read()).toBeNull();
    const data = sample("a");
    await store.write(data);
    data.configs[0].name = "changed";
    expect((await store.read())?.configs[0].name).toBe("a");
    expect(store.writeCount).toBe(1);
  });
});

describe("FileStore", () => {
  it("reads null when there is no file yet", async () => {
    expect(await new FileStore(path.join(dir, "nested")).read()).toBeNull();
  });

  it("writes and reads back, leaving no temp files", async () => {
    const store = new FileStore(dir);
    await store.write(sample("a"));
    expect(await new FileStore(dir).read()).toEqual(sample("a"));
    expect(await fs.readdir(dir)).toEqual([DATA_FILE_NAME]);
  });

  it("serializes concurrent writes, coalesces them, and the last data wins", async () => {
    const store = new FileStore(dir);
    const writes = Array.from({ length: 50 }, (_, i) => store.write(sample(`v${i}`)));
    await Promise.all(writes);
    expect((await store.read())?.configs[0].name).toBe("v49");
    expect(store.writeCount).toBeGreaterThanOrEqual(1);
    expect(store.writeCount).toBeLessThan(50);
    expect(await fs.readdir(dir)).toEqual([DATA_FILE_NAME]);
  });

  it("flush() waits for the write in progress", async () => {
    const store = new FileStore(dir);
    void store.write(sample("flushed"));
    await store.flush();
    expect(JSON.parse(await fs.readFile(path.join(dir, DATA_FILE_NAME), "utf8")).configs[0].name).toBe("flushed");
  });

  it("refuses a file that is not emulator data instead of overwriting it", async () => {
    await fs.writeFile(path.join(dir, DATA_FILE_NAME), JSON.stringify({ something: "else" }));
    await expect(new FileStore(dir).read()).rejects.toThrow(/not an emulator data file/);
  });

  it("rejects the writers when the directory cannot be written", async () => {
    const file = path.join(dir, "a-file");
    await fs.writeFile(file, "");
    await expect(new FileStore(path.join(file, "sub")).write(emptyData())).rejects.toThrow();
  });

  it("never stores a full key, only hashes and display keys", async () => {
    const emu = await startEmulator({ dataDir: dir });
    const created = (await call(emu.url, "POST", CONFIGS, { body: configBody() })).body;
    const reset = (await call(emu.url, "POST", `${CONFIGS}/${created._id}/reset?expiry=${T0 + 1000}`)).body;
    await emu.close();
    const text = await fs.readFile(path.join(dir, DATA_FILE_NAME), "utf8");
    expect(text).not.toContain(created.fullKey);
    expect(text).not.toContain(reset.fullKey);
  });
});

describe("restart on the same data directory", () => {
  it("keeps the account (ids and SDK keys); an --account given at restart replaces it, keeping what stays", async () => {
    const first = await startEmulator({ dataDir: dir });
    const before = (await call(first.url, "GET", "/api/v2/projects?expand=environments")).body.items;
    await control(first.url, "PUT", "/account", { projects: [{ key: "web", name: "Web", environments: [{ key: "production", name: "Production" }, { key: "edge", name: "Edge" }] }] });
    const replaced = (await call(first.url, "GET", "/api/v2/projects/web/environments")).body.items;
    await first.close();

    const second = await startEmulator({ dataDir: dir });
    try {
      expect((await call(second.url, "GET", "/api/v2/projects/web/environments")).body.items).toEqual(replaced);
      expect(replaced[0].apiKey).toBe(before.find((p: { key: string }) => p.key === "web").environments.items[0].apiKey);
    } finally {
      await second.close();
    }
    const third = await startEmulator({ dataDir: dir, account: { projects: [{ key: "web", name: "Web", environments: [{ key: "edge", name: "Edge" }] }] } });
    try {
      const items = (await call(third.url, "GET", "/api/v2/projects/web/environments")).body.items;
      expect(items.map((e: { key: string }) => e.key)).toEqual(["edge"]);
      expect(items[0]).toEqual(replaced[1]);
    } finally {
      await third.close();
    }
  });

  it("keeps configs, comments, the current key, and previous keys with their exact expiries", async () => {
    const clock = ControllableClock.frozenAt(T0);
    const first = await startEmulator({ dataDir: dir, clock });
    const created = (await contract(first.url, "POST", CONFIGS, { body: configBody("survivor") })).body;
    await contract(first.url, "PATCH", `${CONFIGS}/${created._id}`, { body: { patch: [{ op: "replace", path: "/name", value: "renamed" }], comment: "before restart" } });
    const reset = (await contract(first.url, "POST", `${CONFIGS}/${created._id}/reset?expiry=${T0 + 5000}`)).body;
    const before = (await contract(first.url, "GET", `${CONFIGS}/${created._id}`)).body;
    await first.close();

    const second = await startEmulator({ dataDir: dir, clock });
    try {
      expect((await contract(second.url, "GET", `${CONFIGS}/${created._id}`)).body).toEqual(before);
      expect((await call(second.url, "GET", "/__emulator/state", { token: null })).body.configs[0].comments).toEqual([{ at: T0, comment: "before restart" }]);
      const relay = (key: string) => call(second.url, "GET", "/relay_auto_config", { token: key });
      expect((await relay(reset.fullKey)).status).toBe(200);
      clock.set(T0 + 4999);
      expect((await relay(created.fullKey)).status).toBe(200);
      clock.set(T0 + 5000);
      expect((await relay(created.fullKey)).status).toBe(401);
      expect((await relay(reset.fullKey)).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

// Storage behind a read()/write() adapter (the lowdb idea): MemoryStore for tests, FileStore for the CLI.
// FileStore writes the whole document to a temp file, fsyncs it and renames it over the data file, one write at
// a time (the steno idea), so a crash never leaves half a file. Writes that arrive while one is running are
// coalesced: the next write carries the newest data and settles every caller that was waiting.

import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { StoreData } from "./types";

/** Where the service keeps its data. */
export interface Store {
  /** The stored data, or null when nothing was stored yet. */
  read(): Promise<StoreData | null>;
  /** Persists `data`; resolves once this data (or newer data) is durable. */
  write(data: StoreData): Promise<void>;
  /** Resolves once every write started so far has finished. */
  flush(): Promise<void>;
  /** How many physical writes happened (for stats). */
  readonly writeCount: number;
}

/** Name of the data file inside a FileStore's directory. */
export const DATA_FILE_NAME = "relay-auto-configs.json";

/** An empty document. */
export function emptyData(): StoreData {
  return { version: 1, configs: [] };
}

/** Keeps a deep copy of the data in memory; used by tests and when the CLI gets no --data-dir. */
export class MemoryStore implements Store {
  private data: StoreData | null;
  writeCount = 0;

  /** @param initial data to start from (copied). */
  constructor(initial: StoreData | null = null) {
    this.data = initial === null ? null : structuredClone(initial);
  }

  /** A copy of the stored data, or null. */
  async read(): Promise<StoreData | null> {
    return this.data === null ? null : structuredClone(this.data);
  }

  /** Keeps a copy of `data`. */
  async write(data: StoreData): Promise<void> {
    this.data = structuredClone(data);
    this.writeCount += 1;
  }

  /** Nothing to wait for. */
  async flush(): Promise<void> {}
}

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** Keeps the data in `<dir>/relay-auto-configs.json`, written atomically and one write at a time. */
export class FileStore implements Store {
  /** Full path of the data file. */
  readonly file: string;
  writeCount = 0;
  private pending: StoreData | null = null;
  private waiters: Waiter[] = [];
  private running: Promise<void> | null = null;
  private tmpCounter = 0;

  /** @param dir directory of the data file; created on first write. */
  constructor(readonly dir: string) {
    this.file = path.join(dir, DATA_FILE_NAME);
  }

  /** Reads and checks the data file; null when it does not exist yet. */
  async read(): Promise<StoreData | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    const data = JSON.parse(text) as StoreData;
    if (data === null || data.version !== 1 || !Array.isArray(data.configs)) {
      throw new Error(`${this.file} is not an emulator data file (version 1)`);
    }
    return data;
  }

  /**
   * Queues `data` (serialized when its turn comes, so the newest data wins) and resolves once a write that
   * includes it is durable.
   */
  write(data: StoreData): Promise<void> {
    this.pending = data;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (this.running === null) this.running = this.drain();
    return done;
  }

  /** Waits until no write is running or queued. */
  async flush(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  /** Writes the newest pending data until none is left. Only one drain runs at a time. */
  private async drain(): Promise<void> {
    try {
      while (this.pending !== null) {
        const text = JSON.stringify(this.pending, null, 2) + "\n";
        const batch = this.waiters;
        this.pending = null;
        this.waiters = [];
        try {
          await this.writeAtomically(text);
          this.writeCount += 1;
          for (const waiter of batch) waiter.resolve();
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
      }
    } finally {
      this.running = null;
    }
  }

  /** Temp file, fsync, rename, then fsync the directory so the rename itself is durable. */
  private async writeAtomically(text: string): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    this.tmpCounter += 1;
    const tmp = `${this.file}.${process.pid}.${this.tmpCounter}.tmp`;
    const handle = await fs.open(tmp, "w", 0o600);
    try {
      try {
        await handle.writeFile(text, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, this.file);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
    try {
      const dirHandle = await fs.open(this.dir, "r");
      try {
        await dirHandle.sync();
      } finally {
        await dirHandle.close();
      }
    } catch {
      // Some file systems cannot fsync a directory; the rename is still atomic.
    }
  }
}

// Test support: a server-sent-event client over fetch that keeps the stream open, records every event and
// comment, and waits for the next event (or the end) with a deadline. Used by the stream tests.

/** One event as received. */
export interface SseEvent {
  event: string;
  data: any;
}

/** An open (or refused) stream. */
export interface OpenStream {
  status: number;
  /** Every event so far, in order. */
  events: SseEvent[];
  /** How many comment lines (heartbeats) arrived. */
  comments(): number;
  /** Resolves with the first event after the `seen`-th that `match` accepts; rejects after `timeoutMs`. */
  waitFor(match: (event: SseEvent) => boolean, seen?: number, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Whether the server ended it. */
  isEnded(): boolean;
  /** Closes it from the client side. */
  close(): Promise<void>;
}

/** Opens `path` on `base` with `Authorization: key` and starts reading. */
export async function openStream(base: string, path: string, key: string | null): Promise<OpenStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { Accept: "text/event-stream" };
  if (key !== null) headers.Authorization = key;
  const response = await fetch(`${base}${path}`, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  let comments = 0;
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = (): void => waiters.forEach((waiter) => waiter());
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const reading = (async () => {
    let buffer = "";
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(":")) comments += 1;
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data !== undefined) events.push({ event: name ?? "message", data: JSON.parse(data) });
        }
        wake();
      }
    } catch {
      // aborted by close()
    }
    ended = true;
    wake();
  })();
  return {
    status: response.status,
    events,
    comments: () => comments,
    isEnded: () => ended,
    ended: reading,
    waitFor: (match, seen = 0, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = events.slice(seen).find(match);
          if (found !== undefined) finish(() => resolve(found));
          else if (ended) finish(() => reject(new Error(`stream ended without the event; got ${events.map((e) => e.event).join(", ")}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(", ")}`))), timeoutMs);
        const finish = (settle: () => void): void => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      }),
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

/** Resolves when `condition()` holds; rejects after `timeoutMs`. Polls every 10 ms. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// The one HTTP client for a running emulator, shared by the e2e and provider tests, the soak, the benchmarks and the
// load test: the API with a token, the /__emulator control API (a control call that fails throws), its request log
// and state, and what a relay gets on its auto-config stream. Loopback only, no retries. Starting an emulator
// process is scripts/emulator-process.ts.
import type { LogEntry } from "../emulator/requestlog";

/** The relay auto-config collection of the API. */
export const CONFIGS_PATH = "/api/v2/account/relay-auto-configs";

/** One request as the emulator's control API logs it (no header, so no token or key). */
export type LoggedRequest = LogEntry;

/** A JSON answer: status and parsed body (undefined when empty). */
export interface JsonReply {
  status: number;
  body: any;
}

/** Calls on one emulator. */
export interface EmulatorClient {
  /** An API request with `token` (default: the client's). */
  api(method: string, path: string, body?: unknown, token?: string): Promise<JsonReply>;
  /** A control request under /__emulator; returns the parsed body. Throws when the answer is not 2xx. */
  control(method: string, route: string, body?: unknown): Promise<any>;
  /** The request log, oldest first; only the requests whose path starts with `prefix` when given. */
  log(prefix?: string): Promise<LoggedRequest[]>;
  /** Empties the request log. */
  clearLog(): Promise<void>;
  /** The configs the emulator holds (`/__emulator/state`: no keys). */
  configs(): Promise<any[]>;
  /**
   * What a Relay Proxy gets when it connects with `key`: the status of the auto-config stream (200 for a key
   * the emulator accepts, 401 otherwise). The stream is closed at once.
   */
  relayStatus(key: string): Promise<number>;
  /**
   * The environments the emulator streams to a relay holding `key` (its first `put`), as sorted
   * `proj/<project>:env/<environment>`; the stream is closed after it. Throws unless the stream opens.
   */
  relayEnvironments(key: string): Promise<string[]>;
}

/** One server-sent event: its name and parsed data. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/** Reads a server-sent-event stream up to its first event (its text and the event), then closes it. */
export async function firstEvent(response: Response): Promise<{ text: string; event: StreamEvent }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("\n\n")) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  await reader.cancel();
  text = text.slice(0, text.indexOf("\n\n") + 2);
  const event = /^event: (.*)$/m.exec(text)?.[1] ?? "message";
  const data = /^data: (.*)$/m.exec(text)?.[1];
  return { text, event: { event, data: data === undefined ? undefined : JSON.parse(data) } };
}

/**
 * A client for the emulator at `url` (e.g. `http://127.0.0.1:PORT`, or a function giving the current one) using
 * `token` for API calls (control calls send none).
 */
export function emulatorClient(url: string | (() => string), token = ""): EmulatorClient {
  const base = typeof url === "function" ? url : () => url;
  const send = async (method: string, path: string, body: unknown, auth?: string): Promise<JsonReply> => {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (auth !== undefined) headers.Authorization = auth;
    const res = await fetch(`${base()}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const control = async (method: string, route: string, body?: unknown): Promise<any> => {
    const reply = await send(method, `/__emulator${route}`, body);
    if (reply.status < 200 || reply.status >= 300) throw new Error(`control ${method} ${route}: ${reply.status} ${reply.body?.message ?? ""}`.trim());
    return reply.body;
  };
  return {
    api: (method, path, body, auth = token) => send(method, path, body, auth),
    control,
    log: async (prefix) => ((await control("GET", "/log")).entries as LoggedRequest[]).filter((e) => prefix === undefined || e.path.startsWith(prefix)),
    clearLog: async () => {
      await control("DELETE", "/log");
    },
    configs: async () => (await control("GET", "/state")).configs,
    relayStatus: async (key) => {
      const res = await fetch(`${base()}/relay_auto_config`, { headers: { Authorization: key, Accept: "text/event-stream" } });
      await res.body?.cancel();
      return res.status;
    },
    relayEnvironments: async (key) => {
      const res = await fetch(`${base()}/relay_auto_config`, { headers: { Authorization: key, Accept: "text/event-stream" } });
      if (res.status !== 200) throw new Error(`the relay stream answered ${res.status}`);
      const first = await firstEvent(res);
      if (first.event.event !== "put") throw new Error("the relay stream did not start with a put");
      const environments = (first.event.data as { data: { environments: Record<string, { projKey: string; envKey: string }> } }).data.environments;
      return Object.values(environments).map((e) => `proj/${e.projKey}:env/${e.envKey}`).sort();
    },
  };
}

/**
 * A Pulumi program (JavaScript) that declares one RelayProxyConfiguration per entry of the stack config
 * `relays` (JSON: logical name → arguments) and exports their ids, display keys, (secret) keys and reach, so a test or
 * a soak changes config between steps, not code.
 */
export const RELAY_PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const { RelayProxyConfiguration } = require("pulumi-launchdarkly-relay");
const relays = JSON.parse(new pulumi.Config().require("relays"));
const ids = {}, displayKeys = {}, keys = {}, reaches = {};
for (const [logical, args] of Object.entries(relays)) {
  const r = new RelayProxyConfiguration(logical, args);
  ids[logical] = r.configId;
  displayKeys[logical] = r.displayKey;
  keys[logical] = r.fullKey;
  reaches[logical] = r.reach;
}
exports.ids = ids;
exports.displayKeys = displayKeys;
exports.keys = keys;
exports.reaches = reaches;
`;

// Test support: start an emulator in-process on port 0 with a frozen clock, and call it over real HTTP with
// fetch. Used by tests/emulator and tests/contract. Never sleeps: time moves only through the injected clock.

import { DEFAULT_DEV_TOKEN } from "../../../emulator/auth";
import { ControllableClock } from "../../../emulator/clock";
import { start, type RunningEmulator, type StartOptions } from "../../../emulator/start";
import { firstEvent } from "../../../scripts/emulator-client";

/** The frozen start time of every test emulator: 2026-01-01T00:00:00.000Z. */
export const T0 = Date.UTC(2026, 0, 1);

/** Base path of the API. */
export const CONFIGS = "/api/v2/account/relay-auto-configs";

/** A running test emulator with its clock. */
export interface TestEmulator extends RunningEmulator {
  clock: ControllableClock;
}

/** Starts an emulator with response validation, the control API and a clock frozen at T0, unless overridden. */
export async function startEmulator(options: StartOptions = {}): Promise<TestEmulator> {
  const clock = options.clock instanceof ControllableClock ? options.clock : ControllableClock.frozenAt(T0);
  const running = await start({ validateResponses: true, control: true, ...options, clock });
  return { ...running, clock };
}

/** One HTTP answer, body parsed when JSON; for a server-sent-event stream, its first event (then closed). */
export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON body, or undefined when the body is empty. */
  body: any;  
  text: string;
}

/** Request options for call(). */
export interface CallOptions {
  /** Authorization header; default the dev writer token; null sends none. */
  token?: string | null;
  /** JSON body (sent with Content-Type application/json). */
  body?: unknown;
  /** Raw body text, sent as is (Content-Type application/json unless headers say otherwise). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls the emulator and parses the answer; throws only when the connection fails. */
export async function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? DEFAULT_DEV_TOKEN : options.token;
  if (token !== null) headers.Authorization = token;
  let body: string | undefined;
  if (options.rawBody !== undefined || options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = options.rawBody ?? JSON.stringify(options.body);
  }
  Object.assign(headers, options.headers);
  const response = await fetch(`${base}${path}`, { method, headers, body });
  if ((response.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
    const first = await firstEvent(response);
    return { status: response.status, headers: response.headers, text: first.text, body: first.event };
  }
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text === "" ? undefined : JSON.parse(text) };
}

/** A valid create body. */
export function configBody(name = "relay-a"): { name: string; policy: object[] } {
  return { name, policy: [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }] };
}

/** Creates a config and returns the 201 body (with fullKey). */
export async function createConfig(base: string, name = "relay-a"): Promise<any> {  
  const reply = await call(base, "POST", CONFIGS, { body: configBody(name) });
  if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${reply.text}`);
  return reply.body;
}

/** Calls the control API (no token). */
export async function control(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
  return call(base, method, `/__emulator${path}`, { token: null, body });
}

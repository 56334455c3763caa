// Faults are data (the mockttp idea): a match (method, path pattern), an action, and when to fire (skip the
// first n matches, fire at most `count` times, with a `probability` drawn from a seeded RNG). Defining a fault
// (parseFault, explain) is kept apart from running it (FaultSet.plan): the app asks for a plan per request and
// carries it out, and the request log records each fired fault's explain() sentence.

/** Which requests a fault applies to. Omitted fields match everything. */
export interface FaultMatch {
  /** HTTP method, case-insensitive; `*` or omitted for any. */
  method?: string;
  /** Path (no query) glob: `*` matches within one segment, `**` across segments. */
  pathPattern?: string;
}

/** What a fault does. `delay` slows the request and lets it continue; the others end it. */
export type FaultAction =
  | { type: "status"; status: 500 | 502 | 503 }
  | { type: "delay"; delayMs: number }
  | { type: "reset" }
  | { type: "commit-then-fail"; status?: 500 | 502 | 503; reset?: boolean }
  | { type: "rate-limit"; resetAfterMs?: number; retryAfterSeconds?: number };

/** A fault as a test states it. */
export interface FaultDefinition {
  match?: FaultMatch;
  action: FaultAction;
  /** Fire at most this many times; omitted: no limit. */
  count?: number;
  /** Let this many matching requests through before firing. Default 0. */
  skip?: number;
  /** Chance (0..1) that a matching request fires it. Default 1. */
  probability?: number;
  /** Seed of this fault's RNG (used with probability). Default: the set's seed plus the fault's number. */
  seed?: number;
}

/** A fault in a FaultSet, with its counters and explanation. */
export interface Fault extends FaultDefinition {
  id: string;
  /** Matching requests seen so far. */
  matched: number;
  /** Times it fired. */
  fired: number;
  /** One sentence saying what it does. */
  explain: string;
}

/** What to do with one request: wait `delayMs`, then end it with `terminal` if set. */
export interface FaultPlan {
  delayMs: number;
  terminal: { id: string; action: Exclude<FaultAction, { type: "delay" }> } | null;
  /** explain() of every fault that fired, in order. */
  fired: string[];
}

const STATUSES = [500, 502, 503];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonNegativeInteger(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw new Error(`${field}: must be a non-negative integer`);
  return value;
}

function parseAction(raw: unknown): FaultAction {
  if (!isObject(raw)) throw new Error("action: must be an object");
  const status = (value: unknown, fallback?: number): 500 | 502 | 503 => {
    const s = value ?? fallback;
    if (!STATUSES.includes(s as number)) throw new Error("action.status: must be 500, 502 or 503");
    return s as 500 | 502 | 503;
  };
  switch (raw.type) {
    case "status":
      return { type: "status", status: status(raw.status) };
    case "delay":
      return { type: "delay", delayMs: nonNegativeInteger(raw.delayMs, "action.delayMs") ?? 0 };
    case "reset":
      return { type: "reset" };
    case "commit-then-fail":
      if (raw.reset !== undefined && typeof raw.reset !== "boolean") throw new Error("action.reset: must be a boolean");
      return raw.reset === true ? { type: "commit-then-fail", reset: true } : { type: "commit-then-fail", status: status(raw.status, 503) };
    case "rate-limit": {
      const action: FaultAction = { type: "rate-limit", resetAfterMs: nonNegativeInteger(raw.resetAfterMs, "action.resetAfterMs") ?? 1000 };
      const retryAfter = nonNegativeInteger(raw.retryAfterSeconds, "action.retryAfterSeconds");
      return retryAfter === undefined ? action : { ...action, retryAfterSeconds: retryAfter };
    }
    default:
      throw new Error("action.type: must be one of status, delay, reset, commit-then-fail, rate-limit");
  }
}

/** Checks a fault definition sent as JSON; throws an Error naming the bad field. */
export function parseFault(raw: unknown): FaultDefinition {
  if (!isObject(raw)) throw new Error("fault: must be an object");
  for (const key of Object.keys(raw)) {
    if (!["match", "action", "count", "skip", "probability", "seed"].includes(key)) throw new Error(`${key}: is not allowed`);
  }
  const match: FaultMatch = {};
  if (raw.match !== undefined) {
    if (!isObject(raw.match)) throw new Error("match: must be an object");
    for (const key of ["method", "pathPattern"] as const) {
      const value = raw.match[key];
      if (value !== undefined && typeof value !== "string") throw new Error(`match.${key}: must be a string`);
      if (value !== undefined) match[key] = value as string;
    }
  }
  const definition: FaultDefinition = { match, action: parseAction(raw.action) };
  const count = nonNegativeInteger(raw.count, "count");
  const skip = nonNegativeInteger(raw.skip, "skip");
  if (count !== undefined) definition.count = count;
  if (skip !== undefined) definition.skip = skip;
  if (raw.probability !== undefined) {
    if (typeof raw.probability !== "number" || raw.probability < 0 || raw.probability > 1) throw new Error("probability: must be a number from 0 to 1");
    definition.probability = raw.probability;
  }
  if (raw.seed !== undefined) {
    if (typeof raw.seed !== "number" || !Number.isInteger(raw.seed)) throw new Error("seed: must be an integer");
    definition.seed = raw.seed;
  }
  return definition;
}

function describeAction(action: FaultAction): string {
  switch (action.type) {
    case "status":
      return `answer HTTP ${action.status}`;
    case "delay":
      return `delay the answer by ${action.delayMs} ms`;
    case "reset":
      return "reset the connection without answering";
    case "commit-then-fail":
      return action.reset === true ? "apply the change, then reset the connection" : `apply the change, then answer HTTP ${action.status ?? 503}`;
    case "rate-limit":
      return `answer 429 rate_limited (reset in ${action.resetAfterMs ?? 1000} ms${action.retryAfterSeconds === undefined ? "" : `, Retry-After ${action.retryAfterSeconds} s`})`;
  }
}

/** One sentence saying what a fault does, e.g. "PATCH /api/v2/** → answer HTTP 503, 2 times, after 1 match". */
export function explain(definition: FaultDefinition): string {
  const method = definition.match?.method === undefined || definition.match.method === "*" ? "any method" : definition.match.method.toUpperCase();
  const when = [
    definition.count === undefined ? "every time" : `${definition.count} time${definition.count === 1 ? "" : "s"}`,
    definition.skip ? `after letting ${definition.skip} through` : "",
    definition.probability !== undefined && definition.probability < 1 ? `with probability ${definition.probability}` : "",
  ].filter((part) => part !== "");
  return `${method} ${definition.match?.pathPattern ?? "any path"}: ${describeAction(definition.action)}, ${when.join(", ")}.`;
}

/** `*` within a segment, `**` across segments; everything else literal. */
function globToRegExp(pattern: string): RegExp {
  const source = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/** Mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Entry {
  fault: Fault;
  path: RegExp | null;
  random: () => number;
}

/** The active faults of an emulator and the logic that decides which fire for a request. */
export class FaultSet {
  private entries: Entry[] = [];
  private sequence = 0;
  /** Total firings since the last clear(). */
  firedTotal = 0;

  /** @param seed base seed for faults that bring none. */
  constructor(private readonly seed = 1) {}

  /** Adds a fault (checked with parseFault) and returns it with its id and explanation. */
  add(definition: FaultDefinition): Fault {
    const checked = parseFault(definition);
    this.sequence += 1;
    const fault: Fault = { ...checked, id: `fault-${this.sequence}`, matched: 0, fired: 0, explain: explain(checked) };
    const pattern = checked.match?.pathPattern;
    this.entries.push({ fault, path: pattern === undefined ? null : globToRegExp(pattern), random: seededRandom(checked.seed ?? this.seed + this.sequence) });
    return structuredClone(fault);
  }

  /** Removes one fault; false when the id is unknown. */
  remove(id: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.fault.id !== id);
    return this.entries.length < before;
  }

  /** Removes every fault and zeroes the firing count. */
  clear(): void {
    this.entries = [];
    this.firedTotal = 0;
  }

  /** Every fault with its counters. */
  list(): Fault[] {
    return this.entries.map((entry) => structuredClone(entry.fault));
  }

  /** Decides what happens to one request. Delays add up; the first ending fault wins and stops the search. */
  plan(method: string, path: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0, terminal: null, fired: [] };
    for (const { fault, path: pattern, random } of this.entries) {
      if (fault.count !== undefined && fault.fired >= fault.count) continue;
      const wanted = fault.match?.method;
      if (wanted !== undefined && wanted !== "*" && wanted.toUpperCase() !== method.toUpperCase()) continue;
      if (pattern !== null && !pattern.test(path)) continue;
      fault.matched += 1;
      if (fault.matched <= (fault.skip ?? 0)) continue;
      if (fault.probability !== undefined && fault.probability < 1 && random() >= fault.probability) continue;
      fault.fired += 1;
      this.firedTotal += 1;
      plan.fired.push(fault.explain);
      if (fault.action.type === "delay") {
        plan.delayMs += fault.action.delayMs;
      } else {
        plan.terminal = { id: fault.id, action: fault.action };
        break;
      }
    }
    return plan;
  }
}

// The steps every API route runs, kept out of the routes so they stay thin: parse (body, LD-API-Version),
// guard (auth, rate limit, injected latency and faults), respond (response validation in test mode, then send),
// and drop (end the connection without an answer, for reset faults). Parse results are reported only after the
// guard, so a bad token always gets 401 whatever the body.

import type { FastifyReply, FastifyRequest } from "fastify";
import type { Principal } from "./auth";
import type { EmulatorContext } from "./context";
import { requestInfo } from "./context";
import { codeOfStatus, EmulatorError, msg, STATUS_OF_CODE } from "./errors";
import type { FaultAction } from "./faults";

/** A parse step's outcome; errors are thrown later by unwrap(). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: EmulatorError };

/** Returns the value, or throws the parse error. */
export function unwrap<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}

function failed<T>(code: "invalid_request", message: string): Parsed<T> {
  return { ok: false, error: new EmulatorError(code, message) };
}

/**
 * Parses a JSON body. Refuses semantic patches and non-JSON content types; a missing Content-Type is read as
 * JSON. `required`: an empty body is an error.
 */
export function parseJsonBody(request: FastifyRequest, required: boolean): Parsed<unknown> {
  const contentType = request.headers["content-type"];
  if (contentType !== undefined && /domain-model\s*=\s*"?launchdarkly\.semanticpatch/i.test(contentType)) {
    return failed("invalid_request", msg.semanticPatch());
  }
  const text = typeof request.body === "string" ? request.body : "";
  if (text.trim() === "") return required ? failed("invalid_request", msg.bodyRequired()) : { ok: true, value: undefined };
  if (contentType !== undefined && contentType.split(";")[0].trim().toLowerCase() !== "application/json") {
    return failed("invalid_request", msg.contentType(contentType.split(";")[0].trim()));
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return failed("invalid_request", msg.badJson((error as Error).message));
  }
}

/**
 * Checks `LD-API-Version`: absent is fine; otherwise every comma-separated value (clients may send the header
 * twice, which arrives as `20240415, 20240415`) must be the same 8-digit date or `beta`.
 */
export function parseApiVersion(request: FastifyRequest): Parsed<string | undefined> {
  const raw = request.headers["ld-api-version"];
  if (raw === undefined) return { ok: true, value: undefined };
  const joined = Array.isArray(raw) ? raw.join(",") : raw;
  const values = [...new Set(joined.split(",").map((value) => value.trim()))];
  if (values.length !== 1 || !/^(\d{8}|beta)$/.test(values[0])) return failed("invalid_request", msg.badApiVersion(joined));
  return { ok: true, value: values[0] };
}

/** What the guard let through: who asked, and a commit-then-fail fault to carry out after the service call. */
export interface Passed {
  principal: Principal | null;
  after: Extract<FaultAction, { type: "commit-then-fail" }> | null;
}

/**
 * Auth (unless `relay`), rate limit, injected latency, then faults. Throws EmulatorError to refuse; returns
 * null when the connection was dropped (nothing more to do).
 */
export async function guard(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply, access: "read" | "write" | "relay"): Promise<Passed | null> {
  let principal: Principal | null = null;
  if (access !== "relay") {
    principal = ctx.auth.authenticate(request.headers.authorization);
    ctx.auth.authorize(principal, access === "write");
    if (ctx.limiter.enabled) {
      const decision = ctx.limiter.check(principal.label, `${request.method} ${request.routeOptions.url ?? ""}`, request.ip);
      reply.headers(decision.headers);
      if (!decision.allowed) throw new EmulatorError("rate_limited", msg.rateLimited());
    }
  }
  if (ctx.latencyMs > 0) await ctx.sleep(ctx.latencyMs);
  const plan = ctx.faults.plan(request.method, request.url.split("?")[0]);
  requestInfo(request, ctx.clock.now()).faults.push(...plan.fired);
  if (plan.delayMs > 0) await ctx.sleep(plan.delayMs);
  const action = plan.terminal?.action;
  switch (action?.type) {
    case undefined:
      return { principal, after: null };
    case "status":
      throw new EmulatorError(codeOfStatus(action.status), msg.injected(action.status));
    case "reset":
      drop(ctx, request, reply);
      return null;
    case "rate-limit": {
      const headers: Record<string, string> = {
        "X-Ratelimit-Route-Remaining": "0",
        "X-Ratelimit-Reset": String(ctx.clock.now() + (action.resetAfterMs ?? 1000)),
      };
      if (action.retryAfterSeconds !== undefined) headers["Retry-After"] = String(action.retryAfterSeconds);
      reply.headers(headers);
      throw new EmulatorError("rate_limited", msg.rateLimited());
    }
    case "commit-then-fail":
      return { principal, after: action };
  }
}

/** Sends the service's answer, unless a commit-then-fail fault turns it into a 5xx or a dropped connection. */
export function finish(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply, passed: Passed, status: number, body?: unknown): FastifyReply {
  const after = passed.after;
  if (after === null) return respond(ctx, request, reply, status, body);
  if (after.reset === true) {
    drop(ctx, request, reply);
    return reply;
  }
  const failStatus = after.status ?? 503;
  return respond(ctx, request, reply, failStatus, { code: codeOfStatus(failStatus), message: msg.committedThenFailed(failStatus) });
}

/** Sends an error as `{ code, message }` with its status. */
export function respondError(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply, error: EmulatorError): FastifyReply {
  return respond(ctx, request, reply, STATUS_OF_CODE[error.code], { code: error.code, message: error.message });
}

/**
 * Sends `body` as JSON (or nothing when undefined). In test mode a response on a spec route is first checked
 * against the spec; a mismatch is sent as 500 `response_validation_failed` with the reason.
 */
export function respond(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply, status: number, body?: unknown): FastifyReply {
  const template = request.routeOptions.url;
  if (ctx.validateResponses && template !== undefined && ctx.spec.hasPath(template)) {
    const reason = ctx.spec.responseError(request.method, template, status, body);
    if (reason !== null) {
      status = 500;
      body = { code: "response_validation_failed", message: msg.responseInvalid(reason) };
    }
  }
  reply.code(status);
  return body === undefined ? reply.send() : reply.type("application/json; charset=utf-8").send(JSON.stringify(body));
}

/**
 * Logs a request that is not answered the usual way (a dropped connection: status null; a stream: its status
 * when it opens), once.
 */
export function logNow(ctx: EmulatorContext, request: FastifyRequest, status: number | null): void {
  const info = requestInfo(request, ctx.clock.now());
  if (info.logged) return;
  info.logged = true;
  const entry = { time: info.time, method: request.method, path: request.url, status, durationMs: performance.now() - info.started, faults: info.faults };
  ctx.log.add(entry, `${request.method} ${request.routeOptions.url ?? request.url.split("?")[0]}`);
  ctx.onLog?.(entry);
}

/** Ends the connection at once with a TCP reset, without answering, and logs it with status null. */
export function drop(ctx: EmulatorContext, request: FastifyRequest, reply: FastifyReply): void {
  logNow(ctx, request, null);
  reply.hijack();
  const socket = request.raw.socket;
  if (typeof socket.resetAndDestroy === "function") socket.resetAndDestroy();
  else socket.destroy();
}

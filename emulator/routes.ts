// The six relay auto-config endpoints of the spec, the relay-side key check, and 405 answers for other
// methods. Each handler is thin: parse, guard (auth, limit, fault), service call, respond.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "./context";
import { EmulatorError, msg } from "./errors";
import { finish, guard, parseApiVersion, parseJsonBody, respond, unwrap, type Parsed } from "./pipeline";
import { parsePatchBody } from "./service";

/** Collection route of the API. */
export const CONFIGS_PATH = "/api/v2/account/relay-auto-configs";
/** One config. */
export const CONFIG_PATH = `${CONFIGS_PATH}/:id`;
/** Key reset of one config. */
export const RESET_PATH = `${CONFIG_PATH}/reset`;
/** Relay-side key check (not part of the REST API spec). */
export const RELAY_PATH = "/relay_auto_config";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

function idOf(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

function invalidIf(errors: string[]): void {
  if (errors.length > 0) throw new EmulatorError("invalid_request", msg.many(errors));
}

/** Reads `?expiry=` as epoch ms; undefined when absent. */
function parseExpiry(ctx: EmulatorContext, request: FastifyRequest): Parsed<number | undefined> {
  const raw = (request.query as Record<string, unknown>).expiry;
  if (raw === undefined) return { ok: true, value: undefined };
  const text = Array.isArray(raw) ? raw.join(",") : String(raw);
  const errors = ctx.spec.queryErrors("POST", RESET_PATH, { expiry: text });
  if (errors.length > 0 || !Number.isSafeInteger(Number(text))) {
    return { ok: false, error: new EmulatorError("invalid_request", msg.expiry(text)) };
  }
  return { ok: true, value: Number(text) };
}

/** Registers the API routes, the relay check and the 405 answers on `app`. */
export function registerApiRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get(CONFIGS_PATH, async (request, reply) => {
    const version = parseApiVersion(request);
    const passed = await guard(ctx, request, reply, "read");
    if (passed === null) return reply;
    unwrap(version);
    return finish(ctx, request, reply, passed, 200, { items: await ctx.service.list() });
  });

  app.post(CONFIGS_PATH, async (request, reply) => {
    const version = parseApiVersion(request);
    const body = parseJsonBody(request, true);
    const passed = await guard(ctx, request, reply, "write");
    if (passed === null) return reply;
    unwrap(version);
    const input = unwrap(body);
    invalidIf(ctx.spec.requestBodyErrors("POST", CONFIGS_PATH, input));
    const created = await ctx.service.create(input, (passed.principal as NonNullable<typeof passed.principal>).member);
    return finish(ctx, request, reply, passed, 201, created);
  });

  app.get(CONFIG_PATH, async (request, reply) => {
    const version = parseApiVersion(request);
    const passed = await guard(ctx, request, reply, "read");
    if (passed === null) return reply;
    unwrap(version);
    return finish(ctx, request, reply, passed, 200, await ctx.service.get(idOf(request)));
  });

  app.patch(CONFIG_PATH, async (request, reply) => {
    const version = parseApiVersion(request);
    const body = parseJsonBody(request, true);
    const passed = await guard(ctx, request, reply, "write");
    if (passed === null) return reply;
    unwrap(version);
    const input = unwrap(body);
    await ctx.service.get(idOf(request));
    if (Array.isArray(input)) invalidIf(ctx.spec.componentErrors("JSONPatch", input));
    else if (!(typeof input === "object" && input !== null && "merge" in input)) invalidIf(ctx.spec.requestBodyErrors("PATCH", CONFIG_PATH, input));
    const patched = await ctx.service.patch(idOf(request), parsePatchBody(input));
    return finish(ctx, request, reply, passed, 200, patched);
  });

  app.delete(CONFIG_PATH, async (request, reply) => {
    const version = parseApiVersion(request);
    const passed = await guard(ctx, request, reply, "write");
    if (passed === null) return reply;
    unwrap(version);
    await ctx.service.delete(idOf(request));
    return finish(ctx, request, reply, passed, 204);
  });

  app.post(RESET_PATH, async (request, reply) => {
    const version = parseApiVersion(request);
    const expiry = parseExpiry(ctx, request);
    const passed = await guard(ctx, request, reply, "write");
    if (passed === null) return reply;
    unwrap(version);
    await ctx.service.get(idOf(request));
    const reset = await ctx.service.resetKey(idOf(request), unwrap(expiry));
    return finish(ctx, request, reply, passed, 200, reset);
  });

  app.get(RELAY_PATH, async (request, reply) => {
    const passed = await guard(ctx, request, reply, "relay");
    if (passed === null) return reply;
    const header = request.headers.authorization;
    const view = await ctx.service.relayCheck((Array.isArray(header) ? header[0] : header ?? "").trim());
    if (view === null) return respond(ctx, request, reply, 401, { code: "unauthorized", message: msg.relayUnauthorized() });
    return finish(ctx, request, reply, passed, 200, view);
  });

  const allowed: Record<string, string[]> = {
    [CONFIGS_PATH]: ["GET", "POST"],
    [CONFIG_PATH]: ["GET", "PATCH", "DELETE"],
    [RESET_PATH]: ["POST"],
    [RELAY_PATH]: ["GET"],
  };
  for (const [url, methods] of Object.entries(allowed)) {
    const others = METHODS.filter((method) => !methods.includes(method));
    app.route({
      method: [...others],
      url,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        reply.header("Allow", methods.join(", "));
        return respond(ctx, request, reply, 405, { code: "method_not_allowed", message: msg.methodNotAllowed(request.method, methods) });
      },
    });
  }
}

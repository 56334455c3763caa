// The routes a Relay Proxy calls on LaunchDarkly's streaming and events services, served on the emulator's own
// origin: `GET /relay_auto_config` (the auto-config stream, authorized by the relay key), `GET /all` (an SDK
// stream per environment, authorized by its SDK key), and the event sinks `POST /diagnostic` and `POST /bulk`
// (202, logged, bodies ignored). No API token; rate limits do not apply; latency and faults do.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "./context";
import { msg } from "./errors";
import { guard, logNow, respond } from "./pipeline";
import { registerMethodNotAllowed } from "./routes";
import type { StreamHub } from "./streamhub";

/** The auto-config stream of a relay key. */
export const RELAY_PATH = "/relay_auto_config";
/** The SDK stream of an environment. */
export const SDK_STREAM_PATH = "/all";
/** Diagnostic events of SDK clients. */
export const DIAGNOSTIC_PATH = "/diagnostic";
/** Analytics events. */
export const BULK_PATH = "/bulk";

function credential(request: FastifyRequest): string {
  const header = request.headers.authorization;
  return (Array.isArray(header) ? header[0] : header ?? "").trim();
}

type Opener = (hub: StreamHub, reply: FastifyReply, key: string) => Promise<boolean>;

/** A stream route: guard, then open the stream (logged as 200 when it opens) or answer 401. */
function streamRoute(ctx: EmulatorContext, hub: StreamHub, open: Opener, unauthorized: () => string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const passed = await guard(ctx, request, reply, "relay");
    if (passed === null) return reply;
    reply.hijack();
    if (await open(hub, reply, credential(request))) {
      logNow(ctx, request, 200);
      return reply;
    }
    const body = JSON.stringify({ code: "unauthorized", message: unauthorized() });
    reply.raw.writeHead(401, { "Content-Type": "application/json; charset=utf-8" });
    reply.raw.end(body);
    logNow(ctx, request, 401);
    return reply;
  };
}

/** Registers the streaming and event routes on `app`. */
export function registerStreamRoutes(app: FastifyInstance, ctx: EmulatorContext, hub: StreamHub): void {
  app.get(RELAY_PATH, streamRoute(ctx, hub, (h, reply, key) => h.openAutoConfig(reply.raw, key), msg.relayUnauthorized));
  app.get(SDK_STREAM_PATH, streamRoute(ctx, hub, (h, reply, key) => h.openSdk(reply.raw, key), msg.sdkUnauthorized));
  for (const url of [DIAGNOSTIC_PATH, BULK_PATH]) {
    app.post(url, async (request, reply) => {
      const passed = await guard(ctx, request, reply, "relay");
      if (passed === null) return reply;
      return respond(ctx, request, reply, 202);
    });
  }
  registerMethodNotAllowed(app, ctx, { [RELAY_PATH]: ["GET"], [SDK_STREAM_PATH]: ["GET"], [DIAGNOSTIC_PATH]: ["POST"], [BULK_PATH]: ["POST"] });
}

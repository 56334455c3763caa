// The test control API under /__emulator/, registered only when the app is created with `control: true`
// (`--control`). It manages faults, reads and clears the request log, resets the store, shows the state (no
// secrets), moves the clock, reports stats (streams included), reads and replaces the account, and drops open
// relay streams. Control requests are not logged, limited or faulted.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "./context";
import type { StoredAccount } from "./account";
import { EmulatorError } from "./errors";
import { parseFault, type FaultDefinition } from "./faults";
import { parseJsonBody, unwrap } from "./pipeline";

/** Prefix of every control route. */
export const CONTROL_PREFIX = "/__emulator";

function send(reply: FastifyReply, status: number, body?: unknown): FastifyReply {
  reply.code(status);
  return body === undefined ? reply.send() : reply.type("application/json; charset=utf-8").send(JSON.stringify(body));
}

function bad(reply: FastifyReply, message: string): FastifyReply {
  return send(reply, 400, { code: "invalid_request", message });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonBody(request: FastifyRequest): unknown {
  return unwrap(parseJsonBody(request, false));
}

/** The account without its SDK and mobile keys: ids, keys, names, tags, critical. */
function publicAccount(account: StoredAccount): unknown {
  return {
    projects: account.projects.map(({ environments, ...project }) => ({
      ...project,
      environments: environments.map(({ sdkKey: _sdk, mobileKey: _mobile, ...environment }) => environment),
    })),
  };
}

/** Registers the control routes on `app`. */
export function registerControlRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const p = CONTROL_PREFIX;

  app.get(`${p}/faults`, async (_request, reply) => send(reply, 200, { faults: ctx.faults.list() }));

  app.post(`${p}/faults`, async (request, reply) => {
    const body = jsonBody(request);
    const raw = isObject(body) && Array.isArray(body.faults) ? body.faults : [body];
    let definitions: FaultDefinition[];
    try {
      definitions = raw.map((item) => parseFault(item));
    } catch (error) {
      return bad(reply, (error as Error).message);
    }
    return send(reply, 201, { faults: definitions.map((definition) => ctx.faults.add(definition)) });
  });

  app.delete(`${p}/faults`, async (_request, reply) => {
    ctx.faults.clear();
    return send(reply, 204);
  });

  app.delete(`${p}/faults/:id`, async (request, reply) => {
    const removed = ctx.faults.remove((request.params as { id: string }).id);
    return removed ? send(reply, 204) : send(reply, 404, { code: "not_found", message: "No fault with that id" });
  });

  app.get(`${p}/log`, async (_request, reply) => send(reply, 200, { entries: ctx.log.list() }));

  app.delete(`${p}/log`, async (_request, reply) => {
    ctx.log.clearEntries();
    return send(reply, 204);
  });

  app.post(`${p}/reset`, async (_request, reply) => {
    await ctx.service.clear();
    ctx.faults.clear();
    ctx.log.clear();
    ctx.limiter.reset();
    return send(reply, 204);
  });

  app.get(`${p}/state`, async (_request, reply) => send(reply, 200, { now: ctx.clock.now(), configs: await ctx.service.state() }));

  app.get(`${p}/clock`, async (_request, reply) => send(reply, 200, ctx.clock.state()));

  app.post(`${p}/clock`, async (request, reply) => {
    const body = jsonBody(request);
    if (!isObject(body)) return bad(reply, "body: must be an object with one of set, advanceMs, offsetMs");
    const keys = Object.keys(body);
    const [key] = keys;
    const value = body[key];
    if (keys.length !== 1 || !["set", "advanceMs", "offsetMs"].includes(key)) {
      return bad(reply, "body: must have exactly one of set, advanceMs, offsetMs");
    }
    if (typeof value !== "number" || !Number.isSafeInteger(value)) return bad(reply, `${key}: must be an integer (ms)`);
    if (key === "set") ctx.clock.set(value);
    else if (key === "advanceMs") ctx.clock.advance(value);
    else ctx.clock.setOffset(value);
    await ctx.streams.sync();
    return send(reply, 200, ctx.clock.state());
  });

  app.get(`${p}/stats`, async (_request, reply) =>
    send(reply, 200, {
      ...ctx.log.stats({ faultsFired: ctx.faults.firedTotal, storeWrites: ctx.store.writeCount, configs: (await ctx.service.list()).length }),
      streams: ctx.streams.stats(),
    }),
  );

  app.get(`${p}/account`, async (_request, reply) => send(reply, 200, publicAccount(await ctx.service.currentAccount())));

  app.put(`${p}/account`, async (request, reply) => {
    let account: StoredAccount;
    try {
      account = await ctx.service.replaceAccount(jsonBody(request));
    } catch (error) {
      if (error instanceof EmulatorError) return bad(reply, error.message);
      throw error;
    }
    await ctx.streams.sync();
    return send(reply, 200, publicAccount(account));
  });

  app.post(`${p}/streams/drop`, async (request, reply) => {
    const body = jsonBody(request);
    const configId = isObject(body) && typeof body.configId === "string" ? body.configId : undefined;
    return send(reply, 200, { dropped: ctx.streams.drop(configId) });
  });
}

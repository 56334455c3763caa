// The REST endpoints: the six relay auto-config endpoints, the two read-only account endpoints (projects and
// their environments, paginated), and 405 answers for other methods. Each handler is thin: endpoint() runs parse,
// guard (auth, limit, fault) and finish around the route's service call. The streaming side a relay talks to is in streamroutes.ts.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { EmulatorContext } from "./context";
import { EmulatorError, msg } from "./errors";
import { finish, guard, parseApiVersion, parseJsonBody, respond, unwrap, type Parsed, type Passed } from "./pipeline";
import { DEFAULT_PAGE_LIMIT, environmentsPage, MAX_PAGE_LIMIT, projectsPage, type Page } from "./projects";
import { parsePatchBody } from "./patchbody";

/** Collection route of the API. */
export const CONFIGS_PATH = "/api/v2/account/relay-auto-configs";
/** One config. */
export const CONFIG_PATH = `${CONFIGS_PATH}/:id`;
/** Key reset of one config. */
export const RESET_PATH = `${CONFIG_PATH}/reset`;
/** The account's projects (read-only). */
export const PROJECTS_PATH = "/api/v2/projects";
/** The environments of one project (read-only). */
export const ENVIRONMENTS_PATH = "/api/v2/projects/:projectKey/environments";

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

/** What an API operation answers: a status and a body (none for 204). */
type Answer = [status: number, body?: unknown];

const noInput = (): Parsed<undefined> => ({ ok: true, value: undefined });
const jsonBody = (request: FastifyRequest): Parsed<unknown> => parseJsonBody(request, true);

/**
 * One API route's handler, in the pipeline's order: parse LD-API-Version and the route's input, guard (auth,
 * limit, latency, faults), then report a bad version before a bad input, run `operation`, and finish (which may
 * turn the answer into a commit-then-fail fault).
 */
function endpoint<T>(ctx: EmulatorContext, access: "read" | "write", parse: (request: FastifyRequest) => Parsed<T>,
  operation: (request: FastifyRequest, input: T, passed: Passed) => Promise<Answer>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const version = parseApiVersion(request);
    const input = parse(request);
    const passed = await guard(ctx, request, reply, access);
    if (passed === null) return reply;
    unwrap(version);
    const [status, body] = await operation(request, unwrap(input), passed);
    return finish(ctx, request, reply, passed, status, body);
  };
}

/** Registers the API routes and their 405 answers on `app`. */
export function registerApiRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  app.get(CONFIGS_PATH, endpoint(ctx, "read", noInput, async () => [200, { items: await ctx.service.list() }]));

  app.post(CONFIGS_PATH, endpoint(ctx, "write", jsonBody, async (_request, input, passed) => {
    invalidIf(ctx.spec.requestBodyErrors("POST", CONFIGS_PATH, input));
    return [201, await ctx.service.create(input, (passed.principal as NonNullable<typeof passed.principal>).member)];
  }));

  app.get(CONFIG_PATH, endpoint(ctx, "read", noInput, async (request) => [200, await ctx.service.get(idOf(request))]));

  app.patch(CONFIG_PATH, endpoint(ctx, "write", jsonBody, async (request, input) => {
    await ctx.service.get(idOf(request));
    if (Array.isArray(input)) invalidIf(ctx.spec.componentErrors("JSONPatch", input));
    else if (!(typeof input === "object" && input !== null && "merge" in input)) invalidIf(ctx.spec.requestBodyErrors("PATCH", CONFIG_PATH, input));
    return [200, await ctx.service.patch(idOf(request), parsePatchBody(input))];
  }));

  app.delete(CONFIG_PATH, endpoint(ctx, "write", noInput, async (request) => {
    await ctx.service.delete(idOf(request));
    return [204];
  }));

  // The expiry is reported after the config is found: an unknown id is 404 whatever the expiry.
  app.post(RESET_PATH, endpoint(ctx, "write", noInput, async (request) => {
    const expiry = parseExpiry(ctx, request);
    await ctx.service.get(idOf(request));
    return [200, await ctx.service.resetKey(idOf(request), unwrap(expiry))];
  }));

  app.get(PROJECTS_PATH, endpoint(ctx, "read", (request) => parsePage(ctx, request, "GET", PROJECTS_PATH), async (request, page) => {
    const expand = String((request.query as Record<string, unknown>).expand ?? "").split(",").map((value) => value.trim());
    const account = await ctx.service.currentAccount();
    return [200, projectsPage(account, page, expand.includes("environments"))];
  }));

  app.get(ENVIRONMENTS_PATH, endpoint(ctx, "read", (request) => parsePage(ctx, request, "GET", ENVIRONMENTS_PATH), async (request, page) => {
    const projectKey = (request.params as { projectKey: string }).projectKey;
    const project = (await ctx.service.currentAccount()).projects.find((candidate) => candidate.key === projectKey);
    if (project === undefined) throw new EmulatorError("not_found", msg.notFound());
    return [200, environmentsPage(project, page)];
  }));

  registerMethodNotAllowed(app, ctx, {
    [CONFIGS_PATH]: ["GET", "POST"],
    [CONFIG_PATH]: ["GET", "PATCH", "DELETE"],
    [RESET_PATH]: ["POST"],
    [PROJECTS_PATH]: ["GET"],
    [ENVIRONMENTS_PATH]: ["GET"],
  });
}

/** Reads `limit` and `offset` (spec types, then LaunchDarkly's bounds); refuses `filter` and `sort`. */
function parsePage(ctx: EmulatorContext, request: FastifyRequest, method: string, template: string): Parsed<Page> {
  const query = request.query as Record<string, unknown>;
  const text = (name: string): string | undefined => (query[name] === undefined ? undefined : String(query[name]));
  const errors = ctx.spec.queryErrors(method, template, { limit: text("limit"), offset: text("offset") });
  const limit = text("limit") === undefined ? DEFAULT_PAGE_LIMIT : Number(text("limit"));
  const offset = text("offset") === undefined ? 0 : Number(text("offset"));
  if (errors.length === 0 && (limit < 1 || limit > MAX_PAGE_LIMIT)) errors.push(`limit: must be between 1 and ${MAX_PAGE_LIMIT}, got ${limit}`);
  if (errors.length === 0 && offset < 0) errors.push(`offset: must be 0 or more, got ${offset}`);
  for (const name of ["filter", "sort"]) if (query[name] !== undefined) errors.push(msg.unsupportedQuery(name));
  if (errors.length > 0) return { ok: false, error: new EmulatorError("invalid_request", msg.many(errors)) };
  return { ok: true, value: { limit, offset } };
}

/** Answers 405 (with `Allow`) for every method a route template does not have. */
export function registerMethodNotAllowed(app: FastifyInstance, ctx: EmulatorContext, allowed: Record<string, string[]>): void {
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

// Contract-test support: an ajv validator compiled straight from the OpenAPI spec file, independent of the
// emulator's own emulator/spec.ts, and a `contract` client that checks every answer against the schema the spec
// declares for that operation and status. No hand-written shape checks.

import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import * as fs from "node:fs";
import * as path from "node:path";
import { call, type CallOptions, type Reply } from "../../emulator/support/client";

const SPEC_FILE = path.join(__dirname, "../../../emulator/spec/launchdarkly-relay-openapi.json");

interface Operation {
  responses: Record<string, { content?: { "application/json"?: { schema: { $ref: string } } } }>;
}

const spec = JSON.parse(fs.readFileSync(SPEC_FILE, "utf8")) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

/**
 * Statuses LaunchDarkly answers that the spec does not list for every operation (it omits e.g. 400 on reset and
 * 403 on create), checked against the matching error component.
 */
const UNDECLARED: Record<number, string> = {
  400: "InvalidRequestErrorRep",
  401: "UnauthorizedErrorRep",
  403: "ForbiddenErrorRep",
  404: "NotFoundErrorRep",
  405: "MethodNotAllowedErrorRep",
  422: "PatchFailedErrorRep",
  429: "RateLimitedErrorRep",
  500: "Error",
  502: "Error",
  503: "Error",
};

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const [name, schema] of Object.entries(spec.components.schemas)) {
  ajv.addSchema(JSON.parse(JSON.stringify(schema).replace(/#\/components\/schemas\//g, "")) as object, name);
}

function validator(component: string): ValidateFunction {
  const found = ajv.getSchema(component);
  if (found === undefined) throw new Error(`no component ${component}`);
  return found;
}

/** The spec path template a concrete path belongs to. */
function templateOf(urlPath: string): string | undefined {
  const bare = urlPath.split("?")[0];
  return Object.keys(spec.paths).find((template) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(bare),
  );
}

/** Why `reply` does not match the spec for `method path`, or null. */
export function specMismatch(method: string, urlPath: string, reply: Pick<Reply, "status" | "body">): string | null {
  const template = templateOf(urlPath);
  if (template === undefined) return `${urlPath} is not a spec path`;
  const declared = spec.paths[template][method.toLowerCase()]?.responses[String(reply.status)];
  let component: string | undefined;
  if (declared !== undefined) {
    const ref = declared.content?.["application/json"]?.schema.$ref;
    if (ref === undefined) return reply.body === undefined ? null : `status ${reply.status} must have no body`;
    component = ref.slice(ref.lastIndexOf("/") + 1);
  } else {
    component = UNDECLARED[reply.status];
    if (component === undefined) return `${method} ${template} does not declare ${reply.status}`;
  }
  const validate = validator(component);
  if (validate(reply.body)) return null;
  return `${reply.status} is not a valid ${component}: ${ajv.errorsText(validate.errors)}`;
}

/** Validates `body` against one component schema of the spec (e.g. the relay key check has no operation). */
export function componentMismatch(component: string, body: unknown): string | null {
  const validate = validator(component);
  return validate(body) ? null : ajv.errorsText(validate.errors);
}

/** call(), then a failing expectation unless the answer matches the spec. */
export async function contract(base: string, method: string, urlPath: string, options: CallOptions = {}): Promise<Reply> {
  const reply = await call(base, method, urlPath, options);
  const mismatch = specMismatch(method, urlPath, reply);
  if (mismatch !== null) throw new Error(`${method} ${urlPath} → ${reply.status} does not match the spec: ${mismatch}\n${reply.text}`);
  return reply;
}

// Contract-test support: ajv validators compiled straight from the OpenAPI spec files, independent of the
// emulator's own emulator/spec.ts, and a `contract` client that checks every answer against the schema the spec
// declares for that operation and status. No hand-written shape checks.

import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import * as fs from "node:fs";
import * as path from "node:path";
import { call, type CallOptions, type Reply } from "../../emulator/support/client";

const SPEC_DIR = path.join(__dirname, "../../../emulator/spec");
const SPEC_FILES = ["launchdarkly-relay-openapi.json", "launchdarkly-projects-openapi.json"];

interface Operation {
  responses: Record<string, { content?: { "application/json"?: { schema: { $ref: string } } } }>;
}

interface SpecDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
  /** This document's own compilation (documents share component names with different texts). */
  ajv: Ajv;
}

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

const docs: SpecDoc[] = SPEC_FILES.map((file) => {
  const doc = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, file), "utf8")) as Omit<SpecDoc, "ajv">;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    ajv.addSchema(JSON.parse(JSON.stringify(schema).replace(/#\/components\/schemas\//g, "")) as object, name);
  }
  return { ...doc, ajv };
});

/** The component `component` of `doc` (default: the first document that has it). */
function validator(component: string, doc?: SpecDoc): { validate: ValidateFunction; ajv: Ajv } {
  for (const candidate of doc === undefined ? docs : [doc]) {
    const found = candidate.ajv.getSchema(component);
    if (found !== undefined) return { validate: found, ajv: candidate.ajv };
  }
  throw new Error(`no component ${component}`);
}

/** The spec document and path template a concrete path belongs to. */
function templateOf(urlPath: string): { doc: SpecDoc; template: string } | undefined {
  const bare = urlPath.split("?")[0];
  for (const doc of docs) {
    const template = Object.keys(doc.paths).find((candidate) => new RegExp(`^${candidate.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(bare));
    if (template !== undefined) return { doc, template };
  }
  return undefined;
}

/** Why `reply` does not match the spec for `method path`, or null. */
export function specMismatch(method: string, urlPath: string, reply: Pick<Reply, "status" | "body">): string | null {
  const found = templateOf(urlPath);
  if (found === undefined) return `${urlPath} is not a spec path`;
  const { doc, template } = found;
  const declared = doc.paths[template][method.toLowerCase()]?.responses[String(reply.status)];
  let component: string | undefined;
  if (declared !== undefined) {
    const ref = declared.content?.["application/json"]?.schema.$ref;
    if (ref === undefined) return reply.body === undefined ? null : `status ${reply.status} must have no body`;
    component = ref.slice(ref.lastIndexOf("/") + 1);
  } else {
    component = UNDECLARED[reply.status];
    if (component === undefined) return `${method} ${template} does not declare ${reply.status}`;
  }
  const { validate, ajv } = validator(component, declared === undefined ? undefined : doc);
  if (validate(reply.body)) return null;
  return `${reply.status} is not a valid ${component}: ${ajv.errorsText(validate.errors)}`;
}

/** Validates `body` against one component schema of the spec (e.g. the relay key check has no operation). */
export function componentMismatch(component: string, body: unknown): string | null {
  const { validate, ajv } = validator(component);
  return validate(body) ? null : ajv.errorsText(validate.errors);
}

/** call(), then a failing expectation unless the answer matches the spec. */
export async function contract(base: string, method: string, urlPath: string, options: CallOptions = {}): Promise<Reply> {
  const reply = await call(base, method, urlPath, options);
  const mismatch = specMismatch(method, urlPath, reply);
  if (mismatch !== null) throw new Error(`${method} ${urlPath} → ${reply.status} does not match the spec: ${mismatch}\n${reply.text}`);
  return reply;
}

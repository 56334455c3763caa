// Validation against LaunchDarkly's published OpenAPI subsets (emulator/spec/: relay auto configs, projects).
// Each document's components/schemas are compiled with ajv + ajv-formats under its own id (the documents share
// component names), and requests and responses are checked as two separate steps. Request checks give readable reasons naming the field; response checks (test mode) let the
// app turn a response that drifted from the contract into a 500 that says why.

import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import projectsSpec from "./spec/launchdarkly-projects-openapi.json";
import relaySpec from "./spec/launchdarkly-relay-openapi.json";

/** The bundled LaunchDarkly subsets: relay auto configs, and projects with their environments. */
export const BUNDLED_SPECS = [relaySpec, projectsSpec] as unknown as OpenApiDoc[];

/** The parts of an OpenAPI 3.0 document the validator reads. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: { type?: string } }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

/**
 * Error components used for statuses the spec leaves out of an operation although LaunchDarkly answers them
 * (e.g. 400 on reset, 403 on create, 405 anywhere, injected 5xx). The body is still checked against a schema.
 */
export const UNDECLARED_STATUS_COMPONENT: Readonly<Record<number, string>> = {
  400: "InvalidRequestErrorRep",
  401: "UnauthorizedErrorRep",
  403: "ForbiddenErrorRep",
  404: "NotFoundErrorRep",
  405: "MethodNotAllowedErrorRep",
  409: "StatusConflictErrorRep",
  422: "PatchFailedErrorRep",
  429: "RateLimitedErrorRep",
  500: "Error",
  502: "Error",
  503: "Error",
};

/** `/a/{id}/b` → `/a/:id/b` (the router's template syntax). */
export function routeTemplate(specPath: string): string {
  return specPath.replace(/\{([^}]+)\}/g, ":$1");
}

/** `/policy/0/effect` → `policy[0].effect`; the root is `body`. */
function fieldName(instancePath: string, child?: string): string {
  const tokens = instancePath.split("/").filter((t) => t !== "");
  if (child !== undefined) tokens.push(child);
  if (tokens.length === 0) return "body";
  return tokens.map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : i === 0 ? t : `.${t}`)).join("");
}

/** One ajv error as `field: reason`. */
function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `${fieldName(error.instancePath, String(params.missingProperty))}: is required`;
    case "additionalProperties":
      return `${fieldName(error.instancePath, String(params.additionalProperty))}: is not allowed`;
    case "enum":
      return `${fieldName(error.instancePath)}: must be one of ${(params.allowedValues as unknown[]).join(", ")}`;
    default:
      return `${fieldName(error.instancePath)}: ${error.message ?? error.keyword}`;
  }
}

/** Checks requests and responses against the OpenAPI document. */
export class SpecValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly operations = new Map<string, OpenApiOperation & { doc: string }>();
  private readonly templates = new Set<string>();
  private readonly docs: string[] = [];

  /** @param specs the OpenAPI documents; default the bundled LaunchDarkly subsets. */
  constructor(specs: OpenApiDoc | OpenApiDoc[] = BUNDLED_SPECS) {
    this.ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    addFormats(this.ajv);
    this.ajv.addKeyword("example");
    (Array.isArray(specs) ? specs : [specs]).forEach((spec, index) => {
      const doc = index === 0 ? "ld" : `ld${index}`;
      this.docs.push(doc);
      const defs = JSON.parse(
        JSON.stringify(spec.components.schemas).replace(/"#\/components\/schemas\//g, '"#/$defs/'),
      ) as Record<string, unknown>;
      this.ajv.addSchema({ $id: doc, $defs: defs });
      for (const [specPath, methods] of Object.entries(spec.paths)) {
        for (const [method, operation] of Object.entries(methods)) {
          this.operations.set(`${method.toUpperCase()} ${routeTemplate(specPath)}`, { ...operation, doc });
          this.templates.add(routeTemplate(specPath));
        }
      }
    });
  }

  /** Route templates and their methods, as the spec declares them. */
  routes(): { method: string; template: string }[] {
    return [...this.operations.keys()].map((key) => {
      const [method, template] = key.split(" ");
      return { method, template };
    });
  }

  /** Whether the spec declares this route template (any method). */
  hasPath(template: string): boolean {
    return this.templates.has(template);
  }

  /**
   * Every way `value` fails the component schema `name`, as `field: reason` sentences (empty when valid). The
   * component is looked up in document `doc`, or in the first document that has it.
   */
  componentErrors(name: string, value: unknown, doc?: string): string[] {
    const cacheKey = `${doc ?? ""}#${name}`;
    let validate = this.compiled.get(cacheKey);
    if (validate === undefined) {
      const found = (doc === undefined ? this.docs : [doc]).map((id) => this.ajv.getSchema(`${id}#/$defs/${name}`)).find((schema) => schema !== undefined);
      if (found === undefined) throw new Error(`spec has no component schema ${name}`);
      validate = found;
      this.compiled.set(cacheKey, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(describe);
  }

  /** Errors of a JSON request body against the operation's declared schema (empty when valid or undeclared). */
  requestBodyErrors(method: string, template: string, body: unknown): string[] {
    const operation = this.operations.get(`${method} ${template}`);
    const ref = operation?.requestBody?.content?.["application/json"]?.schema?.$ref;
    return ref === undefined ? [] : this.componentErrors(componentOf(ref), body, operation?.doc);
  }

  /** Errors of query parameters (raw strings) against the operation's declared parameter types. */
  queryErrors(method: string, template: string, query: Record<string, string | undefined>): string[] {
    const params = this.operations.get(`${method} ${template}`)?.parameters ?? [];
    const errors: string[] = [];
    for (const param of params) {
      const raw = query[param.name];
      if (param.in !== "query" || raw === undefined) continue;
      if (param.schema?.type === "integer" && !/^-?\d+$/.test(raw)) {
        errors.push(`${param.name}: must be an integer, got "${raw}"`);
      }
    }
    return errors;
  }

  /**
   * Why a response does not match the spec, or null when it does. `body` is the parsed JSON body, or undefined
   * when the response has none. A status the operation does not declare (or a method the path does not have)
   * is checked against UNDECLARED_STATUS_COMPONENT; a status without one there is a mismatch.
   */
  responseError(method: string, template: string, status: number, body: unknown): string | null {
    if (!this.templates.has(template)) return `${template} is not in the spec`;
    const operation = this.operations.get(`${method} ${template}`);
    const declared = operation?.responses?.[String(status)];
    let component: string | undefined;
    if (declared !== undefined) {
      const ref = declared.content?.["application/json"]?.schema?.$ref;
      if (ref === undefined) {
        return body === undefined ? null : `${method} ${template} ${status} must have no body`;
      }
      component = componentOf(ref);
    } else {
      component = UNDECLARED_STATUS_COMPONENT[status];
      if (component === undefined) return `${method} ${template} does not declare status ${status}`;
    }
    if (body === undefined) return `${method} ${template} ${status} must have a ${component} body`;
    const errors = this.componentErrors(component, body, declared === undefined ? undefined : operation?.doc);
    return errors.length === 0 ? null : `${status} body is not a valid ${component}: ${errors.join("; ")}`;
  }
}

function componentOf(ref: string): string {
  return ref.slice(ref.lastIndexOf("/") + 1);
}

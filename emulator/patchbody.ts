// PATCH request bodies, as the relay-auto-config route takes them: `{ patch, comment? }`, a bare array of JSON
// Patch operations, or `{ merge, comment? }` (JSON Merge Patch). Parsing only; the service applies them.

import { EmulatorError, invalidRequest, msg } from "./errors";
import { checkOperations, PatchError, type PatchOperation } from "./jsonpatch";

/** A parsed PATCH body: JSON Patch operations or a merge patch, with the optional comment. */
export type PatchRequest =
  | { kind: "json"; operations: PatchOperation[]; comment?: string }
  | { kind: "merge"; merge: Record<string, unknown>; comment?: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}


/** Parses a PATCH body: `{ patch, comment? }`, a bare array of operations, or `{ merge, comment? }`. */
export function parsePatchBody(body: unknown): PatchRequest {
  let comment: unknown;
  if (isObject(body)) {
    const extra = Object.keys(body).filter((key) => !["patch", "merge", "comment"].includes(key));
    if (extra.length > 0) throw invalidRequest(extra.map((key) => `${key}: is not allowed`));
    if ("patch" in body && "merge" in body) throw invalidRequest(["body: send either patch or merge, not both"]);
    comment = body.comment;
    if (comment !== undefined && typeof comment !== "string") throw invalidRequest(["comment: must be a string"]);
  }
  const withComment = comment === undefined ? {} : { comment: comment as string };
  if (isObject(body) && "merge" in body) {
    if (!isObject(body.merge)) throw invalidRequest(["merge: must be an object"]);
    return { kind: "merge", merge: body.merge, ...withComment };
  }
  const operations = Array.isArray(body) ? body : isObject(body) ? body.patch : undefined;
  if (!Array.isArray(operations)) {
    throw invalidRequest([isObject(body) ? "patch: is required and must be an array" : "body: must be a JSON Patch array or object"]);
  }
  try {
    return { kind: "json", operations: checkOperations(operations), ...withComment };
  } catch (error) {
    if (error instanceof PatchError) throw new EmulatorError("invalid_request", msg.invalidPatch(error.index, error.message));
    throw error;
  }
}

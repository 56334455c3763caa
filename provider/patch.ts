// JSON Patch (RFC 6902) between the live config and the desired inputs, all pure: compute the minimal
// operations on the normalized `{ name, policy }` view, add race-guard `test` operations so a concurrent
// change makes LaunchDarkly answer 422 instead of being overwritten, and apply a patch without mutating.

import { applyOperation, applyPatch, compare, deepClone, JsonPatchError, Operation } from "fast-json-patch";
import { PatchOperation, Statement } from "./types";
import { normalizePolicy } from "./policy";
import { patchPathMissing } from "./wording";

/** The part of a relay config that the provider manages through PATCH. */
export interface PatchableConfig {
  name: string;
  policy: Statement[];
}

/**
 * The normalized view of a config that patches are computed on: only `name` and `policy` (server fields
 * such as `_id` or `displayKey` are left out), the policy in canonical form. A new object.
 */
export function patchableView(config: PatchableConfig): PatchableConfig {
  return { name: config.name, policy: normalizePolicy(config.policy ?? []) };
}

function toPatchOperation(op: Operation): PatchOperation {
  const out: PatchOperation = { op: op.op as PatchOperation["op"], path: op.path };
  if ("value" in op) out.value = op.value;
  if ("from" in op) out.from = op.from;
  return out;
}

/**
 * The minimal JSON Patch from `live` to `desired`: fast-json-patch `compare` on both normalized views, so
 * only changed paths appear (e.g. `replace /name`, `add /policy/0/actions/1`), and `[]` when nothing
 * differs. Neither argument is mutated; operation values are copies.
 */
export function computePatch(live: PatchableConfig, desired: PatchableConfig): PatchOperation[] {
  return compare(patchableView(live), patchableView(desired)).map(toPatchOperation);
}

/**
 * The `test` operations that hold a whole known document: its `name` and its `policy` (canonical form), so a
 * patch computed from it applies only while LaunchDarkly holds exactly that, and any change made since (by
 * anyone, to any statement) makes LaunchDarkly answer 422 instead of being patched over.
 */
export function wholeDocumentGuard(known: PatchableConfig): PatchOperation[] {
  const view = patchableView(known);
  return [
    { op: "test", path: "/name", value: view.name },
    { op: "test", path: "/policy", value: view.policy },
  ];
}

/** Resolve an RFC 6901 pointer; `found` is false when the path does not exist. */
function resolvePointer(doc: unknown, pointer: string): { found: boolean; value?: unknown } {
  if (pointer === "") return { found: true, value: doc };
  let current: unknown = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= current.length) return { found: false };
      current = current[Number(key)];
    } else if (typeof current === "object" && current !== null && Object.prototype.hasOwnProperty.call(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

function testOp(doc: unknown, path: string, forOp: string): PatchOperation {
  const at = resolvePointer(doc, path);
  if (!at.found) throw new Error(patchPathMissing(forOp, path));
  return { op: "test", path, value: deepClone(at.value) };
}

/**
 * Add race guards to `ops`, computed against `live` as it was read from LaunchDarkly (pass the raw
 * document, not a normalized one, so the tested values are exactly what the server holds):
 * - before every `replace` and `remove` (and the source of a `move`), a `test` of the value at that path;
 * - before every `add`, `copy` or `move` target below the root, a `test` of the parent container, since an
 *   insert into an array shifts its items and an add to an object member overwrites it.
 * Each test holds the value the path has at that point of the patch, so applying the result to an
 * unchanged `live` succeeds, and any concurrent change to a touched path fails a test (HTTP 422).
 * Existing `test` operations are kept. Throws when an operation addresses a path missing from `live`.
 */
export function guardPatch(live: unknown, ops: readonly PatchOperation[]): PatchOperation[] {
  let working: unknown = deepClone(live);
  const out: PatchOperation[] = [];
  const pushTest = (op: PatchOperation) => {
    const last = out[out.length - 1];
    const sameTest = last?.op === "test" && last.path === op.path;
    if (!(sameTest && JSON.stringify(last.value) === JSON.stringify(op.value))) out.push(op);
  };
  for (const op of ops) {
    if (op.op === "replace" || op.op === "remove") pushTest(testOp(working, op.path, op.op));
    if (op.op === "move" && op.from !== undefined) pushTest(testOp(working, op.from, op.op));
    if ((op.op === "add" || op.op === "copy" || op.op === "move") && op.path !== "") {
      const parent = parentPointer(op.path);
      if (parent !== "") pushTest(testOp(working, parent, op.op));
    }
    const copy = deepClone(op) as PatchOperation;
    working = applyOperation(working, copy as Operation, true, true).newDocument;
    out.push(deepClone(op) as PatchOperation);
  }
  return out;
}

/**
 * Apply `ops` to `doc` and return the new document; `doc` and `ops` are left untouched
 * (`mutateDocument=false`, and operation values are copied so the result shares nothing with them).
 * Throws fast-json-patch's `JsonPatchError` when an operation is invalid or a `test` fails (see
 * `isTestFailure`).
 */
export function applyPatchPure<T>(doc: T, ops: readonly PatchOperation[]): T {
  return applyPatch(doc, deepClone(ops) as Operation[], true, false).newDocument;
}

/** Whether an error thrown by `applyPatchPure` is a failed `test` operation (a race guard tripping). */
export function isTestFailure(err: unknown): boolean {
  return err instanceof JsonPatchError && err.name === "TEST_OPERATION_FAILED";
}

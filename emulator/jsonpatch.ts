// JSON Patch (RFC 6902, all six operations) and JSON Merge Patch (RFC 7386), written for the emulator.
// The provider computes its patches with fast-json-patch; the emulator applies them with its own code, so a
// bug in one library cannot hide itself by being on both sides of the wire. Inputs are never mutated.

/** One RFC 6902 operation, checked for shape by checkOperations(). */
export interface PatchOperation {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  value?: unknown;
  from?: string;
}

/**
 * Why a patch was refused: `invalid` means the patch itself is malformed (HTTP 400); `failed` means it is well
 * formed but cannot apply to this document, e.g. a failing `test` or a missing path (HTTP 422).
 */
export class PatchError extends Error {
  constructor(
    readonly kind: "invalid" | "failed",
    readonly index: number,
    message: string,
  ) {
    super(message);
    this.name = "PatchError";
  }
}

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);
const INDEX = /^(0|[1-9][0-9]*)$/;

type Json = unknown;
type Container = Record<string, Json> | Json[];

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Sets an own property safely, even for names such as `__proto__`. */
function define(object: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Splits a JSON Pointer (RFC 6901) into unescaped tokens; throws on bad syntax. */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`"${pointer}" is not a JSON Pointer (must start with "/")`);
  return pointer
    .slice(1)
    .split("/")
    .map((token) => {
      if (/~[^01]|~$/.test(token)) throw new Error(`"${pointer}" has a bad "~" escape`);
      return token.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

/** Checks the shape of every operation; throws PatchError("invalid") naming the first bad one. */
export function checkOperations(ops: readonly Json[]): PatchOperation[] {
  return ops.map((raw, index) => {
    if (!isObject(raw)) throw new PatchError("invalid", index, "must be an object");
    const { op, path, from } = raw;
    if (typeof op !== "string" || !OPS.has(op)) {
      throw new PatchError("invalid", index, "op: must be one of add, remove, replace, move, copy, test");
    }
    if (typeof path !== "string") throw new PatchError("invalid", index, "path: must be a string");
    try {
      parsePointer(path);
    } catch (error) {
      throw new PatchError("invalid", index, `path: ${(error as Error).message}`);
    }
    if ((op === "add" || op === "replace" || op === "test") && !hasOwn(raw, "value")) {
      throw new PatchError("invalid", index, `value: is required for "${op}"`);
    }
    if (op === "move" || op === "copy") {
      if (typeof from !== "string") throw new PatchError("invalid", index, `from: is required for "${op}"`);
      try {
        parsePointer(from);
      } catch (error) {
        throw new PatchError("invalid", index, `from: ${(error as Error).message}`);
      }
    }
    for (const key of Object.keys(raw)) {
      if (!["op", "path", "value", "from"].includes(key)) {
        throw new PatchError("invalid", index, `${key}: is not a patch operation member`);
      }
    }
    return raw as unknown as PatchOperation;
  });
}

/** Deep equality of JSON values (object member order ignored). */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

class Applier {
  constructor(
    public root: Json,
    private readonly index: number,
  ) {}

  private fail(reason: string): never {
    throw new PatchError("failed", this.index, reason);
  }

  /** The value at `tokens`, or fails when the path does not exist. */
  get(tokens: string[], pointer: string): Json {
    let node = this.root;
    for (const token of tokens) {
      if (Array.isArray(node)) {
        if (!INDEX.test(token) || Number(token) >= node.length) this.fail(`path ${pointer} does not exist`);
        node = node[Number(token)];
      } else if (isObject(node)) {
        if (!hasOwn(node, token)) this.fail(`path ${pointer} does not exist`);
        node = node[token];
      } else {
        this.fail(`path ${pointer} does not exist`);
      }
    }
    return node;
  }

  private parent(tokens: string[], pointer: string): Container {
    const parent = this.get(tokens.slice(0, -1), pointer);
    if (!Array.isArray(parent) && !isObject(parent)) this.fail(`path ${pointer} does not exist`);
    return parent;
  }

  add(tokens: string[], pointer: string, value: Json): void {
    if (tokens.length === 0) {
      this.root = value;
      return;
    }
    const parent = this.parent(tokens, pointer);
    const last = tokens[tokens.length - 1];
    if (Array.isArray(parent)) {
      const at = last === "-" ? parent.length : INDEX.test(last) ? Number(last) : -1;
      if (at < 0 || at > parent.length) this.fail(`index in ${pointer} is out of bounds`);
      parent.splice(at, 0, value);
    } else {
      define(parent, last, value);
    }
  }

  remove(tokens: string[], pointer: string): Json {
    if (tokens.length === 0) this.fail("cannot remove the whole document");
    const removed = this.get(tokens, pointer);
    const parent = this.parent(tokens, pointer);
    const last = tokens[tokens.length - 1];
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return removed;
  }

  /** Replaces an existing value in place, keeping member order. */
  replace(tokens: string[], pointer: string, value: Json): void {
    if (tokens.length === 0) {
      this.root = value;
      return;
    }
    this.get(tokens, pointer);
    const parent = this.parent(tokens, pointer);
    const last = tokens[tokens.length - 1];
    if (Array.isArray(parent)) parent[Number(last)] = value;
    else define(parent, last, value);
  }
}

/**
 * Applies RFC 6902 operations to a copy of `doc` and returns the result; `doc` is not changed. The patch is
 * atomic: on the first failing operation a PatchError is thrown and nothing is returned.
 */
export function applyJsonPatch(doc: Json, ops: readonly PatchOperation[]): Json {
  let root = structuredClone(doc);
  ops.forEach((operation, index) => {
    const applier = new Applier(root, index);
    const path = parsePointer(operation.path);
    const value = structuredClone(operation.value);
    switch (operation.op) {
      case "add":
        applier.add(path, operation.path, value);
        break;
      case "remove":
        applier.remove(path, operation.path);
        break;
      case "replace":
        applier.replace(path, operation.path, value);
        break;
      case "move": {
        const from = operation.from as string;
        if (operation.path.startsWith(from + "/")) {
          throw new PatchError("failed", index, `cannot move ${from} into its own child ${operation.path}`);
        }
        if (from !== operation.path) {
          const moved = applier.remove(parsePointer(from), from);
          applier.add(path, operation.path, moved);
        } else {
          applier.get(path, operation.path);
        }
        break;
      }
      case "copy": {
        const from = operation.from as string;
        applier.add(path, operation.path, structuredClone(applier.get(parsePointer(from), from)));
        break;
      }
      case "test":
        if (!jsonEqual(applier.get(path, operation.path), value)) {
          throw new PatchError("failed", index, `test failed: value at ${operation.path || "/"} differs`);
        }
        break;
    }
    root = applier.root;
  });
  return root;
}

/** Applies an RFC 7386 merge patch to a copy of `target` and returns the result; `target` is not changed. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, Json> = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else define(result, key, applyMergePatch(hasOwn(result, key) ? result[key] : undefined, value));
  }
  return result;
}

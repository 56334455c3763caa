// How user-supplied values appear inside messages: quoted, truncated, or named by their kind.

/** Longest echoed value, in characters, before `quote` truncates it. */
const MAX_ECHO = 80;

/**
 * Show a user-supplied value inside a message: JSON-encoded (so whitespace and quotes are visible) and
 * truncated to a readable length. Only for values that cannot be secret.
 */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? "undefined" : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  if (text === undefined) text = String(value);
  return text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO - 1)}…` : text;
}

/** The JSON-ish kind of a value, for "expected X, got Y" messages. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

// The emulator's rules for a relay auto config, beyond what the spec's schemas say: no unknown fields, a
// non-empty name and policy, and in each statement exactly one of resources/notResources and exactly one of
// actions/notActions (an empty list counts as absent). Pure functions returning every failure as `field: reason`.
// Resource specifier grammar is deliberately not checked: LaunchDarkly's own spec examples are looser than any
// grammar we could write, and a stand-in that rejects what the real service accepts would mislead tests.

import type { ConfigInput } from "./types";

const TOP_LEVEL_FIELDS = ["name", "policy"];
const STATEMENT_FIELDS = ["effect", "resources", "notResources", "actions", "notActions"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function present(value: unknown): boolean {
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function stringListErrors(field: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [`${field}: must be an array of strings`];
  return value.flatMap((item, i) =>
    typeof item === "string" && item.trim() !== "" ? [] : [`${field}[${i}]: must be a non-empty string`],
  );
}

function exactlyOne(field: string, statement: Record<string, unknown>, a: string, b: string): string[] {
  const hasA = present(statement[a]);
  const hasB = present(statement[b]);
  if (hasA && hasB) return [`${field}: has both ${a} and ${b}; set exactly one`];
  if (!hasA && !hasB) return [`${field}: has neither ${a} nor ${b}; set exactly one`];
  return [];
}

/** Every reason `value`, one policy statement at `field`, is not valid. */
export function statementErrors(field: string, value: unknown): string[] {
  if (!isObject(value)) return [`${field}: must be an object`];
  const errors: string[] = [];
  for (const key of Object.keys(value)) {
    if (!STATEMENT_FIELDS.includes(key)) errors.push(`${field}.${key}: is not allowed`);
  }
  if (value.effect !== "allow" && value.effect !== "deny") errors.push(`${field}.effect: must be one of allow, deny`);
  for (const key of STATEMENT_FIELDS.slice(1)) errors.push(...stringListErrors(`${field}.${key}`, value[key]));
  errors.push(...exactlyOne(field, value, "resources", "notResources"));
  errors.push(...exactlyOne(field, value, "actions", "notActions"));
  return errors;
}

/** Every reason `value` is not a valid `{ name, policy }` config body (empty when valid). */
export function configInputErrors(value: unknown): string[] {
  if (!isObject(value)) return ["body: must be a JSON object"];
  const errors: string[] = [];
  for (const key of Object.keys(value)) {
    if (!TOP_LEVEL_FIELDS.includes(key)) errors.push(`${key}: is not allowed`);
  }
  if (value.name === undefined) errors.push("name: is required");
  else if (typeof value.name !== "string") errors.push("name: must be a string");
  else if (value.name.trim() === "") errors.push("name: must not be empty");
  if (value.policy === undefined) errors.push("policy: is required");
  else if (!Array.isArray(value.policy)) errors.push("policy: must be an array");
  else if (value.policy.length === 0) errors.push("policy: must have at least one statement");
  else value.policy.forEach((statement, i) => errors.push(...statementErrors(`policy[${i}]`, statement)));
  return errors;
}

/** Copies the writable fields of a valid body, dropping empty lists (they mean "absent"). */
export function normalizeInput(value: ConfigInput): ConfigInput {
  return {
    name: value.name,
    policy: value.policy.map((statement) => {
      const copy: Record<string, unknown> = { effect: statement.effect };
      for (const key of STATEMENT_FIELDS.slice(1)) {
        const list = (statement as unknown as Record<string, unknown>)[key];
        if (Array.isArray(list) && list.length > 0) copy[key] = [...list];
      }
      return copy as unknown as ConfigInput["policy"][number];
    }),
  };
}

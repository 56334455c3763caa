// The one field-level rule every validator shares (statements, rotation, a resource's inputs, a fleet's): fields
// that are not allowed are refused, each named by its property path. Pure.
import { CheckFailure } from "./types";
import { PROVIDER_KEY } from "./wire";
import { unknownField } from "./wording";

/**
 * A failure for each field of `value` that is not in `allowed`, at `<at>.<field>` (or `<field>` when `at` is
 * empty). At the top of a resource's inputs (`topLevel`), Pulumi's own `__provider` is allowed too.
 */
export function unknownFields(value: Record<string, unknown>, allowed: readonly string[], at = "", topLevel = false): CheckFailure[] {
  return Object.keys(value)
    .filter((key) => !(topLevel && key === PROVIDER_KEY) && !allowed.includes(key))
    .map((key) => ({ property: at === "" ? key : `${at}.${key}`, reason: unknownField(key, allowed) }));
}

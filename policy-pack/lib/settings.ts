// The pack's rule settings: builders for `configSchema` properties (each with a type, a description and a
// default, so `getConfig<Required<…>>()` never has a gap) and the `allowedNames` exemption two rules share.

import { analyzableStatements, isRelay, plain, type AnalyzablePolicy, type RelayLike } from "./relay";

/** A string setting. */
export function stringSetting(description: string, defaultValue: string) {
  return { type: "string" as const, description, default: defaultValue };
}

/** A boolean setting. */
export function booleanSetting(description: string, defaultValue: boolean) {
  return { type: "boolean" as const, description, default: defaultValue };
}

/** A whole-number setting of at least 1. */
export function countSetting(description: string, defaultValue: number) {
  return { type: "integer" as const, minimum: 1, description, default: defaultValue };
}

/** `allowedNames`: LaunchDarkly configuration names a rule lets through, e.g. "may deny everything on purpose". */
export function allowedNamesSetting(mayDo: string) {
  return {
    type: "array" as const,
    items: { type: "string" as const },
    description: `LaunchDarkly configuration names (the \`name\` input) that ${mayDo}.`,
    default: [] as string[],
  };
}

/**
 * For a rule with an `allowedNames` setting: the relay configuration it judges (its name and its analyzable
 * statements), or null when the resource is no relay configuration or its name is in `allowedNames`.
 */
export function judgedRelay(args: RelayLike & { getConfig<T extends object>(): T }): ({ name: unknown } & AnalyzablePolicy) | null {
  if (!isRelay(args)) return null;
  const { allowedNames } = args.getConfig<{ allowedNames: string[] }>();
  const name = plain(args.props.name);
  if (typeof name === "string" && allowedNames.includes(name)) return null;
  return { name, ...analyzableStatements(plain(args.props.policy)) };
}

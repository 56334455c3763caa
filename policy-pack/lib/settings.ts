// The pack's rule settings: builders for `configSchema` properties (each with a type, a description and a
// default, so `getConfig<Required<…>>()` never has a gap) and the `allowedNames` exemption two rules share,
// applied configuration by configuration (a fleet entry is exempted by its own name).

import { judgeConfigurations } from "./configurations";
import { analyzableStatements, plain, RELAY_TYPE, type AnalyzablePolicy, type RelayLike } from "./relay";

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

/** What a rule with an `allowedNames` setting judges of a configuration: its name and analyzable statements. */
export type JudgedRelay = { name: unknown } & AnalyzablePolicy;

/**
 * For a rule with an `allowedNames` setting: the relay configuration it judges (its name and its analyzable
 * statements), or null when `args` is no single configuration or its name is in `allowedNames`. `args` is a
 * RelayProxyConfiguration's, or a fleet entry's as `judgeConfigurations` presents it, so a fleet is exempted
 * entry by entry, each by its own `name`.
 */
export function judgedRelay(args: RelayLike & { getConfig<T extends object>(): T }): JudgedRelay | null {
  if (args.type !== RELAY_TYPE) return null;
  const { allowedNames } = args.getConfig<{ allowedNames: string[] }>();
  const name = plain(args.props.name);
  if (typeof name === "string" && allowedNames.includes(name)) return null;
  return { name, ...analyzableStatements(plain(args.props.policy)) };
}

/**
 * For a rule with an `allowedNames` setting: runs `judge` on each configuration `args` holds (see
 * `judgeConfigurations`: a fleet entry's messages name it) whose `name` is not in `allowedNames`.
 */
export function judgeUnexemptConfigurations(
  args: RelayLike & { getConfig<T extends object>(): T },
  reportViolation: (message: string) => void,
  judge: (judged: JudgedRelay, report: (message: string) => void) => void,
): void {
  judgeConfigurations(args, reportViolation, (relay, report) => {
    const judged = judgedRelay(relay);
    if (judged !== null) judge(judged, report);
  });
}

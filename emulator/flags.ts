// Strict flag parsing for the emulator's commands (cli.ts, loadtest.ts) on node:util parseArgs: only the declared
// long flags, as `--flag value` or `--flag=value`, no positional arguments; each mistake is an Error naming the
// argument (unknown, a value given to a switch, a missing value). A value that starts with "-" is written
// `--flag=-value`. commandLine() is the shared handling of a bad command line (exit 2 with the usage) and --help.
import { parseArgs } from "node:util";

/** The declared flags, by name without the dashes. */
export type FlagSpec = Record<string, { type: "string" | "boolean" }>;

/** Parsed flags: a string or true for each flag given (the last one wins when repeated). */
export type FlagValues<S extends FlagSpec> = { [K in keyof S]?: S[K]["type"] extends "string" ? string : boolean };

/** Why `argv` does not parse under `spec`, read from its tokens; undefined when no reason is found. */
function explain(argv: readonly string[], spec: FlagSpec): string | undefined {
  const { tokens } = parseArgs({ args: [...argv], options: spec, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === "positional") return `unknown argument "${argv[token.index]}" (see --help)`;
    if (token.kind !== "option") continue;
    const declared = spec[token.name];
    if (declared === undefined || !token.rawName.startsWith("--")) return `unknown argument "${token.rawName}" (see --help)`;
    if (declared.type === "boolean" && token.inlineValue === true) {
      return `unknown argument "${argv[token.index]}": ${token.rawName} takes no value (see --help)`;
    }
    if (declared.type === "string" && token.value === undefined) return `${token.rawName}: needs a value`;
    if (declared.type === "string" && token.inlineValue === false && token.value?.startsWith("-")) {
      return `${token.rawName}: needs a value, got the flag-like "${token.value}" (write ${token.rawName}=${token.value} for a value starting with "-")`;
    }
  }
  return undefined;
}

/** Parses `argv` strictly against `spec`; throws an Error that names the bad argument. */
export function parseFlags<S extends FlagSpec>(argv: readonly string[], spec: S): FlagValues<S> {
  try {
    return parseArgs({ args: [...argv], options: spec, strict: true, allowPositionals: false }).values as FlagValues<S>;
  } catch (error) {
    throw new Error(explain(argv, spec) ?? (error as Error).message, { cause: error });
  }
}

/**
 * Runs `parse` on behalf of a command: on an Error, prints it and `usage` to stderr and exits 2; when the parsed
 * command asks for help, prints `usage` to stdout and returns undefined; otherwise returns what was parsed.
 */
export function commandLine<T>(parse: () => T, usage: string, wantsHelp: (parsed: T) => boolean): T | undefined {
  let parsed: T;
  try {
    parsed = parse();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  if (!wantsHelp(parsed)) return parsed;
  process.stdout.write(`${usage}\n`);
  return undefined;
}

// The emulator's reach rule: which environments of the account a relay config's policy gives a Relay Proxy,
// written from ../shared/spec/relay-policy-reach.md on its own (the provider has its own implementation; each
// checks the other). An environment is reached when at least one allow statement applies and no deny does.

import type { StoredAccount, StoredEnvironment, StoredProject } from "./account";
import type { Statement } from "./types";

/** One reached environment with its project. */
export interface Reached {
  project: StoredProject;
  environment: StoredEnvironment;
}

/** One `type/name;tag,tag` segment of a specifier. */
interface Segment {
  type: string;
  name: string;
  tags: string[] | null;
}

/** Glob (`*` = any run, possibly empty) to an anchored regular expression; everything else is literal. */
function globRegExp(glob: string): RegExp {
  const body = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

function globMatches(glob: string, value: string): boolean {
  return globRegExp(glob).test(value);
}

function parseSegment(text: string): Segment {
  const slash = text.indexOf("/");
  const type = slash < 0 ? text : text.slice(0, slash);
  const rest = slash < 0 ? "" : text.slice(slash + 1);
  const semicolon = rest.indexOf(";");
  if (semicolon < 0) return { type, name: rest, tags: null };
  return { type, name: rest.slice(0, semicolon), tags: rest.slice(semicolon + 1).split(",").filter((tag) => tag !== "") };
}

/** A segment matches a thing when its name glob matches the key and, with tags, one thing tag matches one glob. */
function segmentMatches(segment: Segment, key: string, tags: readonly string[]): boolean {
  if (!globMatches(segment.name, key)) return false;
  if (segment.tags === null) return true;
  const globs = segment.tags;
  return tags.some((tag) => globs.some((glob) => globMatches(glob, tag)));
}

/** Whether specifier `text` names environment `environment` of `project` (or something inside it). */
export function specifierMatches(text: string, project: StoredProject, environment: StoredEnvironment): boolean {
  const segments = text.split(":").map(parseSegment);
  const proj = segments.findIndex((segment) => segment.type === "proj");
  const env = segments.findIndex((segment) => segment.type === "env");
  if (proj < 0 || env < 0 || env < proj) return false;
  return segmentMatches(segments[proj], project.key, project.tags) && segmentMatches(segments[env], environment.key, environment.tags);
}

/** Whether `statement` applies to the environment (resources or notResources, and not `notActions: ["*"]`). */
export function statementApplies(statement: Statement, project: StoredProject, environment: StoredEnvironment): boolean {
  if (statement.notActions?.includes("*") === true) return false;
  const matches = (list: string[] | undefined): boolean => (list ?? []).some((text) => specifierMatches(text, project, environment));
  return statement.resources !== undefined ? matches(statement.resources) : !matches(statement.notResources);
}

/** The environments `policy` reaches in `account`, in account order. */
export function reachedEnvironments(policy: readonly Statement[], account: StoredAccount): Reached[] {
  const reached: Reached[] = [];
  for (const project of account.projects) {
    for (const environment of project.environments) {
      const applies = (effect: Statement["effect"]): boolean =>
        policy.some((statement) => statement.effect === effect && statementApplies(statement, project, environment));
      if (applies("allow") && !applies("deny")) reached.push({ project, environment });
    }
  }
  return reached;
}

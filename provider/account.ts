// The LaunchDarkly account as reach needs it: projects and their environments with keys, names, tags and the
// `critical` flag, read from `GET /api/v2/projects?expand=environments` and
// `GET /api/v2/projects/{projectKey}/environments` answers. Pure: pages of JSON in, an Account out. SDK and
// mobile keys in those answers are never kept.

/** One environment of the account. */
export interface AccountEnvironment {
  key: string;
  name: string;
  tags: string[];
  critical: boolean;
}

/** One project of the account, with all its environments. */
export interface AccountProject {
  key: string;
  name: string;
  tags: string[];
  environments: AccountEnvironment[];
}

/** The projects and environments of an account. */
export interface Account {
  projects: AccountProject[];
}

/** A page of a listing: its items and, when the server says, how many there are in all. */
export interface Page<T> {
  items: T[];
  totalCount?: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** One `Environment` of the API, or undefined when it lacks a key. */
export function parseEnvironment(value: unknown): AccountEnvironment | undefined {
  if (!isObject(value) || typeof value.key !== "string") return undefined;
  return {
    key: value.key,
    name: typeof value.name === "string" ? value.name : value.key,
    tags: stringList(value.tags),
    critical: value.critical === true,
  };
}

/** A page of `Environments` (`{ items, totalCount }`), or undefined when the body is not one. */
export function parseEnvironmentsPage(value: unknown): Page<AccountEnvironment> | undefined {
  if (!isObject(value) || !Array.isArray(value.items)) return undefined;
  const items = value.items.map(parseEnvironment);
  if (items.some((item) => item === undefined)) return undefined;
  return { items: items as AccountEnvironment[], totalCount: typeof value.totalCount === "number" ? value.totalCount : undefined };
}

/**
 * A page of `Projects` with `expand=environments`: each project with the environments embedded in it and how
 * many it has in all (`environmentsTotal`), so the caller can fetch the rest. Undefined when the body is not one.
 */
export function parseProjectsPage(value: unknown): Page<AccountProject & { environmentsTotal: number }> | undefined {
  if (!isObject(value) || !Array.isArray(value.items)) return undefined;
  const items: (AccountProject & { environmentsTotal: number })[] = [];
  for (const item of value.items) {
    if (!isObject(item) || typeof item.key !== "string") return undefined;
    const embedded = item.environments === undefined ? { items: [] } : parseEnvironmentsPage(item.environments);
    if (embedded === undefined) return undefined;
    items.push({
      key: item.key,
      name: typeof item.name === "string" ? item.name : item.key,
      tags: stringList(item.tags),
      environments: embedded.items,
      environmentsTotal: embedded.totalCount ?? embedded.items.length,
    });
  }
  return { items, totalCount: typeof value.totalCount === "number" ? value.totalCount : undefined };
}

/** Whether a listing with `seen` items so far, the last page holding `got` of `limit`, has more to fetch. */
export function hasMore(page: Page<unknown>, seen: number, limit: number): boolean {
  if (page.totalCount !== undefined) return seen < page.totalCount && page.items.length > 0;
  return page.items.length === limit;
}

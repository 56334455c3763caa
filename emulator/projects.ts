// The account as LaunchDarkly's projects API shows it (`Projects`, `Project`, `Environments`, `Environment` of
// the spec): pure functions from the stored account to paginated representations. `apiKey` is the
// environment's SDK key and `mobileKey` its mobile key, as LaunchDarkly returns them to a token that may read.

import type { StoredEnvironment, StoredProject, StoredAccount } from "./account";

/** `limit` when none is given (LaunchDarkly's default). */
export const DEFAULT_PAGE_LIMIT = 20;
/** Largest `limit` accepted. */
export const MAX_PAGE_LIMIT = 1000;

/** A page request. */
export interface Page {
  limit: number;
  offset: number;
}

const JSON_TYPE = "application/json";

function link(href: string): { href: string; type: string } {
  return { href, type: JSON_TYPE };
}

/** `_links` of a page: self, and next / prev when there are more items on either side. */
function pageLinks(base: string, page: Page, total: number): Record<string, { href: string; type: string }> {
  const at = (offset: number): string => `${base}?limit=${page.limit}&offset=${offset}`;
  const links: Record<string, { href: string; type: string }> = { self: link(at(page.offset)) };
  if (page.offset + page.limit < total) links.next = link(at(page.offset + page.limit));
  if (page.offset > 0) links.prev = link(at(Math.max(0, page.offset - page.limit)));
  return links;
}

/** One environment as `Environment`. */
export function environmentRep(project: StoredProject, environment: StoredEnvironment): Record<string, unknown> {
  return {
    _id: environment._id,
    _links: { self: link(`/api/v2/projects/${project.key}/environments/${environment.key}`) },
    key: environment.key,
    name: environment.name,
    apiKey: environment.sdkKey,
    mobileKey: environment.mobileKey,
    color: "7B42BC",
    defaultTtl: 0,
    secureMode: false,
    defaultTrackEvents: false,
    requireComments: false,
    confirmChanges: false,
    tags: [...environment.tags],
    critical: environment.critical,
  };
}

/** One page of a project's environments as `Environments`. */
export function environmentsPage(project: StoredProject, page: Page): Record<string, unknown> {
  const total = project.environments.length;
  return {
    _links: pageLinks(`/api/v2/projects/${project.key}/environments`, page, total),
    items: project.environments.slice(page.offset, page.offset + page.limit).map((environment) => environmentRep(project, environment)),
    totalCount: total,
  };
}

/** One project as `Project`; with `withEnvironments`, all its environments (`expand=environments`). */
export function projectRep(project: StoredProject, withEnvironments: boolean): Record<string, unknown> {
  const rep: Record<string, unknown> = {
    _id: project._id,
    _links: { self: link(`/api/v2/projects/${project.key}`), environments: link(`/api/v2/projects/${project.key}/environments`) },
    key: project.key,
    name: project.name,
    tags: [...project.tags],
    includeInSnippetByDefault: false,
    defaultClientSideAvailability: { usingEnvironmentId: false, usingMobileKey: true },
  };
  if (withEnvironments) rep.environments = environmentsPage(project, { limit: Math.max(1, project.environments.length), offset: 0 });
  return rep;
}

/** One page of the account's projects as `Projects`. */
export function projectsPage(account: StoredAccount, page: Page, withEnvironments: boolean): Record<string, unknown> {
  const total = account.projects.length;
  return {
    _links: pageLinks("/api/v2/projects", page, total),
    items: account.projects.slice(page.offset, page.offset + page.limit).map((project) => projectRep(project, withEnvironments)),
    totalCount: total,
  };
}

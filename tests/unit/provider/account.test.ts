// Tests provider/account.ts: API pages into the account reach needs (keys, names, tags, critical), never the
// SDK or mobile keys; malformed pages refused; when a listing has more pages.

import { hasMore, parseEnvironmentsPage, parseProjectsPage } from "../../../provider/account";

const environment = (key: string, extra: Record<string, unknown> = {}) => ({
  _id: "0123456789abcdef01234567",
  key,
  name: key.toUpperCase(),
  apiKey: "sdk-00000000-0000-0000-0000-000000000000",
  mobileKey: "mob-00000000-0000-0000-0000-000000000000",
  tags: [],
  critical: false,
  ...extra,
});

describe("parseProjectsPage", () => {
  it("reads projects with their embedded environments and how many each has in all, without keys", () => {
    const page = parseProjectsPage({
      items: [{ key: "web", name: "Web", tags: ["frontend"], environments: { items: [environment("production", { critical: true, tags: ["pci"] })], totalCount: 3 } }],
      totalCount: 7,
    });
    expect(page).toEqual({
      items: [{ key: "web", name: "Web", tags: ["frontend"], environments: [{ key: "production", name: "PRODUCTION", tags: ["pci"], critical: true }], environmentsTotal: 3 }],
      totalCount: 7,
    });
    expect(JSON.stringify(page)).not.toMatch(/sdk-|mob-/);
  });

  it("reads a project without environments (not expanded) as having none", () => {
    expect(parseProjectsPage({ items: [{ key: "p" }] })?.items[0]).toEqual({ key: "p", name: "p", tags: [], environments: [], environmentsTotal: 0 });
  });

  it.each([[null], [{}], [{ items: [{ name: "no key" }] }], [{ items: [{ key: "p", environments: { items: [{ name: "no key" }] } }] }]])("refuses %j", (body) => {
    expect(parseProjectsPage(body)).toBeUndefined();
  });
});

describe("parseEnvironmentsPage", () => {
  it("reads a page of environments", () => {
    expect(parseEnvironmentsPage({ items: [environment("staging")], totalCount: 2 })).toEqual({ items: [{ key: "staging", name: "STAGING", tags: [], critical: false }], totalCount: 2 });
  });
  it("refuses a body without items", () => {
    expect(parseEnvironmentsPage({ totalCount: 1 })).toBeUndefined();
  });
});

describe("hasMore", () => {
  it.each([
    [{ items: [1, 2], totalCount: 5 }, 2, 2, true],
    [{ items: [1], totalCount: 5 }, 5, 2, false],
    [{ items: [], totalCount: 5 }, 3, 2, false],
    [{ items: [1, 2] }, 2, 2, true],
    [{ items: [1] }, 3, 2, false],
  ])("%j after %i seen, limit %i → %p", (page, seen, limit, more) => {
    expect(hasMore(page, seen, limit)).toBe(more);
  });
});

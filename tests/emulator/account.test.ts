// Tests emulator/account.ts: every bad field named, ids and keys in their formats, ids and keys kept across a
// replacement for keys that stay, and a default account as documented.

import { accountErrors, buildAccount, DEFAULT_ACCOUNT, findBySdkKey } from "../../emulator/account";

describe("accountErrors", () => {
  it("accepts the default account and a minimal one", () => {
    expect(accountErrors(DEFAULT_ACCOUNT)).toEqual([]);
    expect(accountErrors({ projects: [] })).toEqual([]);
    expect(accountErrors({ projects: [{ key: "p", name: "P", environments: [] }] })).toEqual([]);
  });

  it.each([
    [null, "account: must be an object with a projects array"],
    [{}, "projects: is required and must be an array"],
    [{ projects: [], owner: "x" }, "owner: is not allowed"],
    [{ projects: [{ key: "p", name: "P" }] }, "projects[0].environments: is required and must be an array"],
    [{ projects: [{ key: "p", name: "P", colour: 1, environments: [] }] }, "projects[0].colour: is not allowed"],
    [{ projects: [{ key: "bad key", name: "P", environments: [] }] }, "projects[0].key: must be letters"],
    [{ projects: [{ key: "p", name: " ", environments: [] }] }, "projects[0].name: is required"],
    [{ projects: [{ key: "p", name: "P", tags: "t", environments: [] }] }, "projects[0].tags: must be an array of strings"],
    [{ projects: [{ key: "p", name: "P", environments: [{ key: "e", name: "E", critical: "yes" }] }] }, "projects[0].environments[0].critical: must be true or false"],
    [{ projects: [{ key: "p", name: "P", environments: [{ key: "e", name: "E", sdkKey: "x" }] }] }, "projects[0].environments[0].sdkKey: is not allowed"],
    [{ projects: [{ key: "p", name: "P", environments: [{ key: "e", name: "E" }, { key: "e", name: "F" }] }] }, 'projects[0].environments[1].key: "e" is used twice'],
    [{ projects: [{ key: "p", name: "P", environments: [] }, { key: "p", name: "Q", environments: [] }] }, 'projects[1].key: "p" is used twice'],
  ])("%j → names the field", (value, expected) => {
    expect(accountErrors(value).join("\n")).toContain(expected);
  });

  it("returns every failure at once", () => {
    const errors = accountErrors({ projects: [{ key: "", name: "", environments: [{ key: "", name: "" }] }] });
    expect(errors).toHaveLength(4);
  });
});

describe("buildAccount", () => {
  it("gives ids, SDK keys and mobile keys in LaunchDarkly's formats", () => {
    const account = buildAccount(DEFAULT_ACCOUNT);
    const environments = account.projects.flatMap((project) => project.environments);
    for (const environment of environments) {
      expect(environment._id).toMatch(/^[0-9a-f]{24}$/);
      expect(environment.sdkKey).toMatch(/^sdk-[0-9a-f-]{36}$/);
      expect(environment.mobileKey).toMatch(/^mob-[0-9a-f-]{36}$/);
    }
    for (const project of account.projects) expect(project._id).toMatch(/^[0-9a-f]{24}$/);
    expect(new Set(environments.map((environment) => environment.sdkKey)).size).toBe(environments.length);
  });

  it("keeps ids and keys of projects and environments whose keys stay; new ones get new ones", () => {
    const first = buildAccount({ projects: [{ key: "p", name: "P", environments: [{ key: "a", name: "A" }, { key: "b", name: "B" }] }] });
    const second = buildAccount({ projects: [{ key: "p", name: "P renamed", tags: ["t"], environments: [{ key: "b", name: "B", critical: true }, { key: "c", name: "C" }] }] }, first);
    const [before, after] = [first.projects[0], second.projects[0]];
    expect(after._id).toBe(before._id);
    expect(after.name).toBe("P renamed");
    expect(after.environments[0]).toEqual({ ...before.environments[1], critical: true });
    expect(after.environments[1]._id).not.toBe(before.environments[0]._id);
    expect(findBySdkKey(second, before.environments[0].sdkKey)).toBeNull();
    expect(findBySdkKey(second, before.environments[1].sdkKey)?.environment.key).toBe("b");
  });
});

describe("DEFAULT_ACCOUNT", () => {
  it("has at least 3 projects, one with tags, 3 environments each, and critical environments", () => {
    expect(DEFAULT_ACCOUNT.projects.length).toBeGreaterThanOrEqual(3);
    expect(DEFAULT_ACCOUNT.projects.some((project) => (project.tags ?? []).length > 0)).toBe(true);
    for (const project of DEFAULT_ACCOUNT.projects) expect(project.environments.length).toBeGreaterThanOrEqual(3);
    expect(DEFAULT_ACCOUNT.projects.flatMap((project) => project.environments).some((environment) => environment.critical === true)).toBe(true);
  });
});

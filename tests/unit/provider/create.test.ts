// Tests for provider/create.ts's pure part: which listed config an ambiguous create made (same content,
// created after the attempt started less the skew margin, not known to the process, the newest).

import { findAdoptable } from "../../../provider/create";
import { RelayAutoConfig } from "../../../provider/types";
import { live, MIN, NONCANONICAL, POLICY, SKEW, T0 } from "../../support/relay-fixtures";

describe("findAdoptable", () => {
  const desired = { name: "edge", policy: POLICY };
  const item = (id: string, creationDate: number, over: Partial<RelayAutoConfig> = {}) =>
    live({ _id: id.padStart(24, "0"), creationDate, lastModified: creationDate, ...over });

  it.each<[string, RelayAutoConfig[], string | undefined]>([
    ["nothing listed", [], undefined],
    ["created after the attempt started", [item("a", T0 + 10)], "a"],
    ["created within the skew window before the start", [item("a", T0 - SKEW + 1)], "a"],
    ["created exactly at the window's edge", [item("a", T0 - SKEW)], "a"],
    ["created before the skew window", [item("a", T0 - SKEW - 1)], undefined],
    ["name differs", [item("a", T0, { name: "edge-2" })], undefined],
    ["name differs in case", [item("a", T0, { name: "EDGE" })], undefined],
    ["policy differs", [item("a", T0, { policy: [POLICY[0]] })], undefined],
    ["policy in non-canonical form matches", [item("a", T0, { policy: NONCANONICAL })], "a"],
    ["newest of several matches wins", [item("a", T0), item("b", T0 + 20), item("c", T0 + 10)], "b"],
    ["newest matching wins over a newer non-matching", [item("a", T0 + 5), item("b", T0 + 50, { name: "x" })], "a"],
    ["old identical config is not adopted, the new one is", [item("old", T0 - 60 * MIN), item("new", T0 + 1)], "new"],
  ])("%s → %p", (_title, items, expected) => {
    const found = findAdoptable(items, desired, T0, SKEW);
    expect(found?._id.replace(/^0+/, "")).toBe(expected);
  });

  it("skips configs already owned by another resource, even when newer", () => {
    const items = [item("mine", T0 + 1), item("other", T0 + 2)];
    const found = findAdoptable(items, desired, T0, SKEW, new Set(["other".padStart(24, "0")]));
    expect(found?._id).toBe("mine".padStart(24, "0"));
  });

  it("returns undefined when every match is owned", () => {
    const items = [item("other", T0 + 2)];
    expect(findAdoptable(items, desired, T0, SKEW, new Set([items[0]._id]))).toBeUndefined();
  });

  it("does not reorder or mutate the listed items", () => {
    const items = [item("a", T0), item("b", T0 + 20)];
    const before = JSON.stringify(items);
    findAdoptable(items, desired, T0, SKEW);
    expect(JSON.stringify(items)).toBe(before);
  });
});

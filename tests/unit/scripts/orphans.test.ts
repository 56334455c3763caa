// Tests scripts/orphans.ts: which live configs a stack export does not know, the pending create they match, and
// that a line names the config by id, name and display key only.

import { describeOrphan, findOrphans } from "../../../scripts/orphans";
import type { RelayAutoConfig } from "../../../provider/types";

const TYPE = "pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration";
const live = (id: string, name: string, creationDate: number): RelayAutoConfig => ({
  _id: id.padStart(24, "0"),
  name,
  policy: [],
  displayKey: id.slice(-4).padStart(4, "0"),
  creationDate,
  lastModified: creationDate,
});

describe("findOrphans", () => {
  const exported = {
    deployment: {
      resources: [
        { urn: "urn:a", type: TYPE, id: "1".padStart(24, "0"), outputs: { configId: "1".padStart(24, "0") } },
        { urn: "urn:stack", type: "pulumi:pulumi:Stack" },
      ],
      pending_operations: [{ type: "creating", resource: { urn: "urn:pulumi:s::p::" + TYPE + "::b", type: TYPE, inputs: { name: "b-relays" } } }],
    },
  };

  it("lists the configs no resource records, oldest first, marking the one that matches a pending create", () => {
    const orphans = findOrphans(exported, [live("3", "other", 30), live("1", "a-relays", 10), live("2", "b-relays", 20)]);
    expect(orphans.map((o) => o.id)).toEqual(["2".padStart(24, "0"), "3".padStart(24, "0")]);
    expect(orphans[0].pendingCreate).toBe("urn:pulumi:s::p::" + TYPE + "::b");
    expect(orphans[1].pendingCreate).toBeUndefined();
  });

  it("knows nothing of an empty or malformed export: every live config is unknown", () => {
    expect(findOrphans({}, [live("1", "a", 1)])).toHaveLength(1);
    expect(findOrphans(null, [live("1", "a", 1)])).toHaveLength(1);
  });

  it("describes an orphan by id, name, display key and creation time, never a key", () => {
    const line = describeOrphan({ id: "0".repeat(24), name: "edge", displayKey: "ab12", creationDate: Date.UTC(2026, 0, 1), pendingCreate: "urn:x" });
    expect(line).toBe(`${"0".repeat(24)}  "edge"  key …ab12  created 2026-01-01T00:00:00.000Z, matches the pending create urn:x`);
  });
});

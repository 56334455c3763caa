// Tests for policy-pack/lib/settings.ts: schema properties carry a type, a description and a default, and
// `judgedRelay` skips other resource types and names listed in `allowedNames`, and judgeUnexemptConfigurations
// applies that to each entry of a fleet.
import {
  allowedNamesSetting,
  booleanSetting,
  countSetting,
  judgedRelay,
  judgeUnexemptConfigurations,
  stringSetting,
} from "../../../../policy-pack/lib/settings";
import { RELAY_FLEET_TYPE, RELAY_TYPE } from "../../../../policy-pack/lib/relay";

const POLICY = [{ effect: "allow", resources: ["proj/web:env/production"], actions: ["*"] }];
const args = (type: string, name: string, allowedNames: string[]) => ({
  type,
  props: { name, policy: POLICY },
  getConfig: <T extends object>() => ({ allowedNames }) as unknown as T,
});

describe("setting builders", () => {
  it.each([
    ["string", stringSetting("d", "x"), { type: "string", description: "d", default: "x" }],
    ["boolean", booleanSetting("d", true), { type: "boolean", description: "d", default: true }],
    ["count", countSetting("d", 3), { type: "integer", minimum: 1, description: "d", default: 3 }],
  ])("%s", (_title, built, expected) => {
    expect(built).toEqual(expected);
  });

  it("allowedNames: a list of names, empty by default, described as what they may do", () => {
    expect(allowedNamesSetting("may do X")).toEqual({
      type: "array",
      items: { type: "string" },
      description: "LaunchDarkly configuration names (the `name` input) that may do X.",
      default: [],
    });
  });
});

describe("judgedRelay", () => {
  it("judges a relay configuration: its name and analyzable statements", () => {
    const judged = judgedRelay(args(RELAY_TYPE, "edge", []));
    expect(judged?.name).toBe("edge");
    expect(judged?.complete).toBe(true);
    expect(judged?.statements.map((s) => s.index)).toEqual([0]);
  });

  it("skips a name in allowedNames, and other resource types", () => {
    expect(judgedRelay(args(RELAY_TYPE, "edge", ["edge"]))).toBeNull();
    expect(judgedRelay(args("aws:s3/bucket:Bucket", "edge", []))).toBeNull();
  });

  it("judges a fleet entry by entry, never the fleet as a whole", () => {
    expect(judgedRelay(args(RELAY_FLEET_TYPE, "edge", []))).toBeNull();
  });
});

describe("judgeUnexemptConfigurations", () => {
  it("judges each fleet entry whose own name is not in allowedNames, naming it in messages", () => {
    const fleet = {
      type: RELAY_FLEET_TYPE,
      props: { configs: { a: { name: "central", policy: POLICY }, b: { name: "edge", policy: POLICY } } },
      getConfig: <T extends object>() => ({ allowedNames: ["central"] }) as unknown as T,
    };
    const messages: string[] = [];
    judgeUnexemptConfigurations(fleet, (m) => void messages.push(m), ({ name, complete }, report) => report(`${name} ${complete}`));
    expect(messages).toEqual(['configs["b"]: edge true']);
  });
});

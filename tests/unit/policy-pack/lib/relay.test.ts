// Tests for policy-pack/lib/relay.ts: type matching, plain copies through the SDK proxy, analyzable statements,
// production reach, and the resolved reach (reading it, and which reached environments count as production).

import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import {
  analyzableStatements,
  isRelay,
  plain,
  RELAY_FLEET_TYPE,
  productionEnvironments,
  productionStatements,
  RELAY_TYPE,
  resolvedReach,
} from "../../../../policy-pack/lib/relay";
import { relayProductionScope } from "../../../../policy-pack/policies/relayProductionScope";
import { Statement } from "../../../../provider/types";
import { baseline, reachOf, runResourcePolicy, UNKNOWN, withInputs } from "../helpers";

const allow = (...resources: string[]): Statement => ({ effect: "allow", resources, actions: ["*"] });

describe("isRelay", () => {
  it("uses the provider's type token", () => {
    expect(RELAY_TYPE).toBe("pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration");
  });

  it("knows the fleet's type token, from the provider", () => {
    expect(RELAY_FLEET_TYPE).toBe("pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfigurations");
    expect(isRelay({ type: RELAY_FLEET_TYPE, props: {} })).toBe(true);
  });

  it.each<[string, boolean]>([
    [RELAY_TYPE, true],
    ["pulumi-nodejs:dynamic:Resource", false],
    ["pulumi-nodejs:dynamic/launchdarkly:Other", false],
  ])("%s → %s", (type, expected) => {
    expect(isRelay({ type, props: {} })).toBe(expected);
  });
});

describe("plain", () => {
  it("copies known values out of the SDK proxy", () => {
    const props = unknownCheckingProxy({ policy: [allow("proj/a:env/b")] });
    const copy = plain<Statement[]>(props.policy)!;
    expect(copy).toEqual([allow("proj/a:env/b")]);
    expect(plain(props.missing)).toBeUndefined();
  });

  it("raises the SDK's UnknownValueError for a value unknown at preview", () => {
    const props = unknownCheckingProxy({ policy: [{ effect: "allow", resources: [UNKNOWN], actions: ["*"] }] });
    expect(() => plain(props.policy)).toThrow(UnknownValueError);
  });

  it("so a rule over an unknown input is reported by the SDK as unable to run, not as a verdict", () => {
    expect(() => runResourcePolicy(relayProductionScope, withInputs({ policy: UNKNOWN }))).toThrow(UnknownValueError);
  });
});

describe("analyzableStatements", () => {
  it("keeps valid statements, normalized, with their indexes", () => {
    const messy = { actions: ["*"], notResources: [], resources: ["proj/a:env/b"], effect: "allow" };
    const result = analyzableStatements([messy, { effect: "allow" }, allow("proj/c")]);
    expect(result.complete).toBe(false);
    expect(result.statements).toEqual([
      { index: 0, statement: allow("proj/a:env/b") },
      { index: 2, statement: allow("proj/c") },
    ]);
    expect(Object.keys(result.statements[0].statement)).toEqual(["effect", "resources", "actions"]);
  });

  it.each<[string, unknown, boolean]>([
    ["the baseline", baseline().policy, true],
    ["an empty list", [], false],
    ["not a list", "allow", false],
    ["undefined", undefined, false],
  ])("%s: complete=%s", (_title, policy, complete) => {
    expect(analyzableStatements(policy).complete).toBe(complete);
  });
});

describe("productionStatements", () => {
  const patterns = ["production", "prod*"];
  const indexed = (...policy: Statement[]) => analyzableStatements(policy).statements;

  it("lists allow statements with the patterns they reach, by index", () => {
    const statements = indexed(allow("proj/a:env/test"), allow("proj/a:env/prod-eu"), allow("proj/a:env/production"));
    expect(productionStatements(statements, patterns)).toEqual([
      { index: 1, patterns: ["prod*"] },
      { index: 2, patterns: ["production", "prod*"] },
    ]);
  });

  it("skips patterns a deny statement removes entirely", () => {
    const statements = indexed(allow("proj/*:env/*"), { effect: "deny", resources: ["proj/*:env/production"], actions: ["*"] });
    expect(productionStatements(statements, patterns)).toEqual([{ index: 0, patterns: ["prod*"] }]);
  });

  it("maps back to the original index when malformed statements are skipped", () => {
    const statements = analyzableStatements([{ effect: "?" }, allow("proj/a:env/production")]).statements;
    expect(productionStatements(statements, patterns)).toEqual([{ index: 1, patterns: ["production", "prod*"] }]);
  });
});

describe("resolvedReach", () => {
  const reach = reachOf({ "proj/web:env/production": true, "proj/web:env/test": false });
  const read = (props: Record<string, unknown>) => resolvedReach(unknownCheckingProxy(props));

  it("lists the reached environments in reach order, with their keys and details", () => {
    expect(read(reach)).toEqual({
      status: "resolved",
      environments: [
        { id: "proj/web:env/production", projectKey: "web", environmentKey: "production", details: reach.reachDetails["proj/web:env/production"] },
        { id: "proj/web:env/test", projectKey: "web", environmentKey: "test", details: reach.reachDetails["proj/web:env/test"] },
      ],
    });
  });

  it("resolves an empty reach (the policy reaches nothing in the account)", () => {
    expect(read({ reach: [], reachDetails: {} })).toEqual({ status: "resolved", environments: [] });
  });

  it.each<[string, Record<string, unknown>]>([
    ["reach unknown", { reach: UNKNOWN, reachDetails: reach.reachDetails }],
    ["reachDetails unknown", { reach: reach.reach, reachDetails: UNKNOWN }],
    ["one environment unknown", { reach: [UNKNOWN], reachDetails: reach.reachDetails }],
  ])("is unknown at preview with %s", (_title, props) => {
    expect(read(props)).toEqual({ status: "unknown" });
  });

  it.each<[string, Record<string, unknown>]>([
    ["both missing", {}],
    ["both null", { reach: null, reachDetails: null }],
    ["reachDetails missing", { reach: reach.reach }],
    ["reach missing", { reachDetails: reach.reachDetails }],
    ["an environment without details", { reach: [...reach.reach, "proj/web:env/staging"], reachDetails: reach.reachDetails }],
    ["details without a boolean critical", { reach: ["proj/web:env/test"], reachDetails: { "proj/web:env/test": { name: "Test" } } }],
    ["an entry that is not an environment", { reach: ["proj/web"], reachDetails: { "proj/web": { critical: false } } }],
    ["an entry with a glob", { reach: ["proj/*:env/test"], reachDetails: { "proj/*:env/test": { critical: false } } }],
    ["reach not a list", { reach: "proj/web:env/test", reachDetails: reach.reachDetails }],
  ])("is absent with %s", (_title, props) => {
    expect(read(props)).toEqual({ status: "absent" });
  });
});

describe("productionEnvironments", () => {
  const resolved = resolvedReach(
    unknownCheckingProxy(
      reachOf({ "proj/web:env/main": true, "proj/web:env/prod-eu": false, "proj/web:env/production": true, "proj/web:env/test": false }),
    ),
  );
  const environments = resolved.status === "resolved" ? resolved.environments : [];

  it("takes keys matching a pattern (the first one that matches) and critical environments", () => {
    expect(productionEnvironments(environments, ["production", "prod*"], true).map((e) => [e.id, e.pattern, e.critical])).toEqual([
      ["proj/web:env/main", undefined, true],
      ["proj/web:env/prod-eu", "prod*", false],
      ["proj/web:env/production", "production", true],
    ]);
  });

  it("ignores criticality when told to", () => {
    expect(productionEnvironments(environments, ["prod*"], false).map((e) => [e.id, e.pattern, e.critical])).toEqual([
      ["proj/web:env/prod-eu", "prod*", false],
      ["proj/web:env/production", "prod*", false],
    ]);
  });
});

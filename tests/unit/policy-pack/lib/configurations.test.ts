// Tests for policy-pack/lib/configurations.ts: the configurations a RelayProxyConfiguration or a
// RelayProxyConfigurations fleet holds (unknown values at preview included), and judging them one by one with
// the fleet entry named in each message.

import { ResourceValidation, unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { judgeConfigurations, relayConfigurations, type ConfigurationArgs } from "../../../../policy-pack/lib/configurations";
import { RELAY_FLEET_TYPE, RELAY_TYPE } from "../../../../policy-pack/lib/relay";
import { relayNoUnrestrictedAccess } from "../../../../policy-pack/policies/relayNoUnrestrictedAccess";
import { baseline, resourceArgs, UNKNOWN, withInputs } from "../helpers";

/** A resource of `type` whose inputs are `props`, behind the SDK's unknown-checking proxy. */
const resource = (type: string, props: Record<string, unknown>) => ({ type, props: unknownCheckingProxy(props) });
const fleet = (configs: unknown) => resource(RELAY_FLEET_TYPE, { configs });
/** Each configuration's place and its `name` input. */
const names = (r: { type: string; props: Record<string, unknown> }) => relayConfigurations(r).map((c) => [c.at, c.props.name]);

describe("relayConfigurations", () => {
  it("holds a RelayProxyConfiguration itself, at no place", () => {
    const single = resource(RELAY_TYPE, withInputs({ name: "edge" }));
    expect(relayConfigurations(single)).toEqual([{ at: "", props: single.props }]);
  });

  it("holds one configuration per fleet entry, in key order, named by its place", () => {
    const configs = { web: withInputs({ name: "web" }), "api.v2_x-1": withInputs({ name: "api" }), edge: withInputs({ name: "edge" }) };
    expect(names(fleet(configs))).toEqual([
      ['configs["api.v2_x-1"]', "api"],
      ['configs["edge"]', "edge"],
      ['configs["web"]', "web"],
    ]);
  });

  it("keeps an entry's inputs behind the proxy, so reading an unknown value raises as for a RelayProxyConfiguration", () => {
    const [entry] = relayConfigurations(fleet({ edge: withInputs({ policy: UNKNOWN }) }));
    expect(entry.props.name).toBe("checkout-production");
    expect(() => entry.props.policy).toThrow(UnknownValueError);
  });

  it.each<[string, unknown]>([
    ["the configs map unknown at preview", UNKNOWN],
    ["no configs map", undefined],
    ["a configs list", [baseline()]],
    ["an empty map", {}],
  ])("holds nothing with %s", (_title, configs) => {
    expect(relayConfigurations(fleet(configs))).toEqual([]);
  });

  it("skips entries unknown as a whole at preview, and entries that are not objects", () => {
    const configs = { a: UNKNOWN, b: null, c: "edge", d: [baseline()], e: withInputs({ name: "edge" }) };
    expect(names(fleet(configs))).toEqual([['configs["e"]', "edge"]]);
  });

  it("holds nothing for other resource types", () => {
    expect(relayConfigurations(resource("aws:s3/bucket:Bucket", { configs: { a: baseline() } }))).toEqual([]);
  });
});

describe("judgeConfigurations", () => {
  const config = { allowedNames: ["central"] };
  const args = (type: string, props: Record<string, unknown>) => ({
    ...resource(type, props),
    getConfig: <T extends object>() => config as unknown as T,
  });

  /** Runs `judge` on every configuration of `target`; what it reported and what it raised. */
  function judged(
    target: ReturnType<typeof args>,
    judge: (relay: ConfigurationArgs, report: (message: string) => void) => void,
  ): { messages: string[]; raised: unknown } {
    const messages: string[] = [];
    try {
      judgeConfigurations(target, (message) => void messages.push(message), judge);
      return { messages, raised: undefined };
    } catch (err) {
      return { messages, raised: err };
    }
  }

  const reportName = (relay: ConfigurationArgs, report: (message: string) => void) => report(`name ${String(relay.props.name)}`);

  it("reports a RelayProxyConfiguration's messages as they are", () => {
    expect(judged(args(RELAY_TYPE, withInputs({ name: "edge" })), reportName)).toEqual({ messages: ["name edge"], raised: undefined });
  });

  it("prefixes a fleet entry's messages with its place", () => {
    const target = args(RELAY_FLEET_TYPE, { configs: { web: withInputs({ name: "w" }), edge: withInputs({ name: "e" }) } });
    expect(judged(target, reportName).messages).toEqual(['configs["edge"]: name e', 'configs["web"]: name w']);
  });

  it("presents each entry as a RelayProxyConfiguration's args, with its place and the rule's config", () => {
    const seen: [string, string, unknown][] = [];
    judged(args(RELAY_FLEET_TYPE, { configs: { edge: baseline() } }), (relay) => {
      seen.push([relay.type, relay.at, relay.getConfig<{ allowedNames: string[] }>().allowedNames]);
    });
    expect(seen).toEqual([[RELAY_TYPE, 'configs["edge"]', ["central"]]]);
  });

  it("judges nothing for other resource types or a configs map unknown at preview", () => {
    expect(judged(args("aws:s3/bucket:Bucket", withInputs({})), reportName).messages).toEqual([]);
    expect(judged(args(RELAY_FLEET_TYPE, { configs: UNKNOWN }), reportName)).toEqual({ messages: [], raised: undefined });
  });

  it("judges every entry when one reads a value unknown at preview, then raises the first UnknownValueError", () => {
    const configs = { a: withInputs({ name: UNKNOWN }), b: withInputs({ name: "b" }), c: withInputs({ name: UNKNOWN }) };
    const { messages, raised } = judged(args(RELAY_FLEET_TYPE, { configs }), reportName);
    expect(messages).toEqual(['configs["b"]: name b']);
    expect(raised).toBeInstanceOf(UnknownValueError);
    expect((raised as UnknownValueError).message).toContain(".configs.a.name can't be known during preview");
  });

  it("keeps a RelayProxyConfiguration's violations reported before an unknown value, as before", () => {
    const { messages, raised } = judged(args(RELAY_TYPE, withInputs({ policy: UNKNOWN })), (relay, report) => {
      report("first");
      void relay.props.policy;
    });
    expect(messages).toEqual(["first"]);
    expect(raised).toBeInstanceOf(UnknownValueError);
  });

  it("lets any other error through at once", () => {
    const configs = { a: baseline(), b: baseline() };
    let calls = 0;
    const { raised } = judged(args(RELAY_FLEET_TYPE, { configs }), () => {
      calls++;
      throw new TypeError("bug");
    });
    expect(raised).toBeInstanceOf(TypeError);
    expect(calls).toBe(1);
  });

  it("is what a rule runs: the SDK's args of a fleet, judged entry by entry", () => {
    const unrestricted = [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }];
    const configs = {
      central: withInputs({ name: "central", policy: unrestricted }),
      pending: withInputs({ policy: UNKNOWN }),
      team: withInputs({ name: "team", policy: unrestricted }),
    };
    const props = { configs };
    const messages: string[] = [];
    const sdkArgs = resourceArgs(relayNoUnrestrictedAccess, props, { type: RELAY_FLEET_TYPE, config });
    const validate = relayNoUnrestrictedAccess.validateResource as ResourceValidation;
    expect(() => validate(sdkArgs, (m) => void messages.push(m))).toThrow(UnknownValueError);
    expect(messages).toEqual([expect.stringMatching(/^configs\["team"\]: policy\[0\] allows every action/)]);
  });
});

// Tests for provider/wire.ts: the type token is the one the engine gives the resource (checked against the
// resource's own module and type names), and the module imports nothing, so it loads without the Pulumi SDK.
import * as fs from "node:fs";
import * as path from "node:path";
import * as wire from "../../../provider/wire";

describe("wire constants", () => {
  it("builds the type token the engine records for a dynamic resource", () => {
    expect(wire.RELAY_PROXY_CONFIGURATION_TYPE).toBe("pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration");
  });

  it("imports nothing, so the policy pack and scripts read it without loading @pulumi/pulumi", () => {
    const source = fs.readFileSync(path.join(__dirname, "../../../provider/wire.ts"), "utf8");
    expect(source).not.toMatch(/^\s*import\b|require\(/m);
  });

  it("is where the policy pack takes the type token from", () => {
    const pack = fs.readFileSync(path.join(__dirname, "../../../policy-pack/lib/relay.ts"), "utf8");
    expect(pack).toMatch(/from "\.\.\/\.\.\/provider\/wire"/);
    expect(pack).not.toMatch(/provider\/resource"/);
  });
});

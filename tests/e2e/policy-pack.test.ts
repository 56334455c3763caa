// The relay-guardrails policy pack through the real engine: `pulumi preview --policy-pack <repo>/policy-pack`
// loads the pack (main index.ts, compiled by the SDK's ts-node) and runs it against a program. The program
// declares a stand-in dynamic resource with the provider's type token
// (pulumi-nodejs:dynamic/launchdarkly:RelayProxyConfiguration): at preview, policies only see inputs, so the
// stand-in exercises exactly what the real resource would. Its inputs come from the `relays` stack config,
// one preview per case on one stack.
import * as fs from "fs";
import * as path from "path";
import { createEngineStack, CliResult, EngineStack, repoRoot } from "./harness";

const packDir = path.join(repoRoot, "policy-pack");

const program = `
const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) { return { id: "stand-in", outs: inputs }; },
};
class RelayProxyConfiguration extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(provider, name, args, opts, "launchdarkly", "RelayProxyConfiguration");
  }
}
for (const { resource, ...args } of JSON.parse(new pulumi.Config().require("relays"))) {
  new RelayProxyConfiguration(resource, args);
}
`;

interface Relay {
  resource: string;
  name: string;
  policy: { effect: string; resources?: string[]; notResources?: string[]; actions?: string[] }[];
  rotation?: { trigger: string; gracePeriod?: string };
}

const compliant = (resource: string, name: string): Relay => ({
  resource,
  name,
  policy: [{ effect: "allow", resources: ["proj/checkout:env/production", "proj/*:env/test"], actions: ["*"] }],
  rotation: { trigger: "2025-q1", gracePeriod: "1h" },
});

const ruleNames = [
  "relay-no-unrestricted-access",
  "relay-production-scope",
  "relay-critical-environments",
  "relay-key-rotation",
  "relay-policy-well-formed",
  "relay-name-convention",
  "relay-deny-only",
  "relay-max-reach",
  "relay-unique-names",
];

describe("relay-guardrails policy pack through the real engine", () => {
  let env: EngineStack;

  /** Previews `relays` with the pack (and optionally a policy pack config file); returns code and all output. */
  async function preview(relays: Relay[], packConfig?: object): Promise<CliResult & { out: string }> {
    await env.stack.setConfig("relays", { value: JSON.stringify(relays) });
    const args = ["preview", "--policy-pack", packDir];
    if (packConfig !== undefined) {
      const file = path.join(env.workDir, "policy-config.json");
      fs.writeFileSync(file, JSON.stringify(packConfig));
      args.push("--policy-pack-config", file);
    }
    const result = await env.cli(args);
    return { ...result, out: `${result.stdout}\n${result.stderr}` };
  }

  beforeAll(async () => {
    env = await createEngineStack({ project: "guardrails", files: { "index.js": program } });
  });
  afterAll(async () => {
    await env?.dispose();
  });

  it("passes a compliant program without violations", async () => {
    const result = await preview([compliant("web", "checkout-production"), compliant("api", "checkout-api")]);
    expect(result.out).toContain("relay-guardrails@v0.1.0");
    for (const rule of ruleNames) expect(result.out).not.toContain(rule);
    expect(result.code).toBe(0);
  }, 120000);

  it("fails a violating program with the rule names and what to change", async () => {
    const wide: Relay = {
      ...compliant("wide", "fleet"),
      policy: [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }],
    };
    const result = await preview([wide, compliant("web", "checkout"), compliant("web-copy", "checkout")]);
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/\[mandatory\].*relay-no-unrestricted-access/);
    expect(result.out).toContain('policy[0] allows every action in every project and environment (resources ["proj/*:env/*"])');
    expect(result.out).toMatch(/\[mandatory\].*relay-production-scope/);
    expect(result.out).toContain('Name each project explicitly, e.g. "proj/my-project:env/*"');
    // The stack policy sees both stand-ins' names at preview.
    expect(result.out).toMatch(/\[mandatory\].*relay-unique-names/);
    expect(result.out).toContain('name "checkout" of "web" is also used by "web-copy"');
  }, 120000);

  it("prints advisory violations as warnings and lets the preview pass", async () => {
    const { rotation: _rotation, ...unrotated } = compliant("web", "Checkout Production");
    const result = await preview([unrotated]);
    expect(result.out).toMatch(/\[advisory\].*relay-key-rotation/);
    expect(result.out).toContain("rotation is not configured");
    expect(result.out).toMatch(/\[advisory\].*relay-name-convention/);
    expect(result.out).toContain('Rename the configuration, e.g. "checkout-production"');
    expect(result.out).not.toContain("[mandatory]");
    expect(result.code).toBe(0);
  }, 120000);

  it("takes thresholds and enforcement levels from --policy-pack-config", async () => {
    const relay: Relay = {
      resource: "fleet",
      name: "fleet",
      policy: [{ effect: "allow", resources: ["proj/*:env/*"], actions: ["*"] }],
      rotation: { trigger: "t1", gracePeriod: "2h" },
    };
    const defaults = await preview([relay]);
    expect(defaults.out).not.toContain("longer than maxGracePeriod");

    const result = await preview([relay], {
      "relay-no-unrestricted-access": { allowedNames: ["fleet"] },
      "relay-production-scope": "advisory",
      "relay-key-rotation": { enforcementLevel: "mandatory", maxGracePeriod: "1h" },
    });
    expect(result.code).not.toBe(0);
    expect(result.out).not.toContain("relay-no-unrestricted-access");
    expect(result.out).toMatch(/\[advisory\].*relay-production-scope/);
    expect(result.out).toMatch(/\[mandatory\].*relay-key-rotation/);
    expect(result.out).toContain('rotation.gracePeriod "2h" is longer than maxGracePeriod "1h"');
  }, 120000);
});

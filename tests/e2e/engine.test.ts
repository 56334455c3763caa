// Walking skeleton through the real engine: a trivial dynamic resource goes up, previews clean,
// shows an update when an input changes, and is destroyed.
import * as fs from "fs";
import { createEngineStack, EngineStack } from "./harness";

const program = `
const pulumi = require("@pulumi/pulumi");
const provider = {
  async create(inputs) { return { id: "thing-1", outs: inputs }; },
  async update(id, olds, news) { return { outs: news }; },
  async diff(id, olds, news) { return { changes: olds.value !== news.value }; },
};
class Thing extends pulumi.dynamic.Resource {
  constructor(name, args) { super(provider, name, args, {}, "e2e", "Thing"); }
}
const thing = new Thing("thing", { value: new pulumi.Config().require("value") });
exports.value = thing.value;
`;

describe("real pulumi engine", () => {
  let env: EngineStack;

  beforeAll(async () => {
    env = await createEngineStack({ project: "skeleton", files: { "index.js": program }, config: { value: { value: "one" } } });
  });
  afterAll(async () => {
    await env?.dispose();
  });

  it("runs up, a clean preview, an update preview and destroy", async () => {
    const up = await env.stack.up({ color: "never" });
    expect(up.summary.result).toBe("succeeded");
    expect(up.outputs.value.value).toBe("one");

    const state = JSON.parse(fs.readFileSync(env.stateFile(), "utf8"));
    const types = state.checkpoint.latest.resources.map((r: { type: string }) => r.type);
    expect(types).toContain("pulumi-nodejs:dynamic/e2e:Thing");

    const clean = await env.stack.preview({ color: "never" });
    expect(clean.changeSummary.same).toBe(2);
    expect(clean.changeSummary.update ?? 0).toBe(0);

    await env.stack.setConfig("value", { value: "two" });
    const changed = await env.stack.preview({ color: "never", diff: true });
    expect(changed.changeSummary.update).toBe(1);
    expect(changed.stdout).toContain('"one" => "two"');

    const destroyed = await env.stack.destroy({ color: "never" });
    expect(destroyed.summary.resourceChanges?.delete).toBe(2);
    const after = JSON.parse(fs.readFileSync(env.stateFile(), "utf8"));
    expect(after.checkpoint.latest.resources ?? []).toHaveLength(0);
  }, 180000);
});

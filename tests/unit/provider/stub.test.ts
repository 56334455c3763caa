// Tests for provider/stub.ts: which provider Pulumi serializes. Run from the repository (not under
// node_modules), the fallback object of functions that load the handlers by package name; the node_modules
// test on real paths.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isUnderNodeModules, relayProvider, serializableProvider } from "../../../provider/stub";

describe("isUnderNodeModules", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stub-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is true for a file inside a node_modules directory, false elsewhere", () => {
    const inside = path.join(dir, "node_modules", "pkg", "index.js");
    const outside = path.join(dir, "src", "index.js");
    for (const file of [inside, outside]) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, "");
    }
    expect(isUnderNodeModules(inside)).toBe(true);
    expect(isUnderNodeModules(outside)).toBe(false);
  });

  it("follows links: a linked package is judged by where it really is", () => {
    const real = path.join(dir, "linked-src", "index.js");
    fs.mkdirSync(path.dirname(real), { recursive: true });
    fs.writeFileSync(real, "");
    const link = path.join(dir, "node_modules", "linked");
    fs.symlinkSync(path.dirname(real), link);
    expect(isUnderNodeModules(path.join(link, "index.js"))).toBe(false);
  });
});

describe("serializableProvider", () => {
  it("outside node_modules, hands Pulumi the fallback with every lifecycle method", () => {
    const provider = serializableProvider();
    expect(provider).toBe(relayProvider);
    expect(Object.keys(provider).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
  });

  it("the fallback's methods load the handlers by package name at call time", async () => {
    for (const method of Object.values(relayProvider)) expect(String(method)).toMatch(/require\(handlers\)/);
    // The package refers to itself by name through its exports map: a call reaches the compiled handlers
    // (dist/, built by make), whose check names the bad property.
    const result = await relayProvider.check!({} as never, { name: 5 } as never);
    expect((result.failures ?? []).map((f) => f.property)).toContain("name");
  });
});

// Tests for provider/index.ts, the package's entry point a program requires: it loads the resource classes and
// nothing a program run does not need (the HTTP client, axios and settings load with the first data-source call,
// provider/data.ts). Run on the compiled package (dist/, built by make) in a fresh node process.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const DIST = path.resolve(__dirname, "../../../dist/provider");

/** The modules a fresh node process holds after requiring @pulumi/pulumi and then `script`'s modules. */
function loadedBy(script: string): string[] {
  const probe = `
    require("@pulumi/pulumi");
    const before = new Set(Object.keys(require.cache));
    (async () => {
      ${script}
      const added = Object.keys(require.cache).filter((k) => !before.has(k));
      process.stdout.write(JSON.stringify(added));
    })().catch((err) => { process.stderr.write(String(err)); process.exit(1); });`;
  // No setting from the caller's shell reaches the probe: without a token the data-source call fails before any
  // request (and the host is a closed local port besides).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(LAUNCHDARKLY_|PULUMI_)/.test(name)));
  env.LAUNCHDARKLY_API_HOST = "http://127.0.0.1:9";
  const run = spawnSync(process.execPath, ["-e", probe], { cwd: path.resolve(__dirname, "../../.."), encoding: "utf8", env });
  expect(run.stderr).toBe("");
  return (JSON.parse(run.stdout) as string[]).map((file) => path.relative(DIST, file));
}

describe("the package's entry point", () => {
  it("loads the resource classes and neither the HTTP client, axios nor the settings", () => {
    const loaded = loadedBy(`const pkg = require(${JSON.stringify(DIST)}); if (typeof pkg.RelayProxyConfigurations !== "function") throw new Error("no fleet class");`);
    expect(loaded).toEqual(expect.arrayContaining(["index.js", "resource.js", path.join("fleet", "resource.js"), "data.js"]));
    const heavy = ["clients.js", "settings.js", "data-read.js", path.join("client", "client.js"), path.join("client", "send.js")];
    expect(loaded.filter((file) => heavy.includes(file) || file.includes(`axios${path.sep}`))).toEqual([]);
  });

  it("a data-source call loads what it needs", () => {
    const loaded = loadedBy(`const pkg = require(${JSON.stringify(DIST)}); await pkg.listRelayProxyConfigurations().catch(() => undefined);`);
    expect(loaded).toEqual(expect.arrayContaining(["data-read.js", path.join("client", "client.js"), "settings.js"]));
    expect(loaded.some((file) => file.includes(`axios${path.sep}`))).toBe(true);
  });
});

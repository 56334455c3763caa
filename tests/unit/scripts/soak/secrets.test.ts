// scanForSecrets: a secret in an ordinary line is a leak; in Pulumi's own RPC tracing it is counted apart.
// scanCollected: the soak's final scan names where the token or a key appeared (the key by its last 4 characters),
// counts tracing lines apart, and redacts every secret in its opt-in dump.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { scanCollected, scanForSecrets } from "../../../../scripts/soak/secrets";

// Built at run time so no key-shaped literal sits in the repository.
const KEY = ["rel", "a".repeat(8), "b".repeat(4), "c".repeat(4), "d".repeat(4), "e".repeat(12)].join("-");

describe("scanForSecrets", () => {
  it.each([
    ["a provider warning", `warning: key ${KEY} rejected`, { leaks: 1, upstreamTracing: 0 }],
    ["engine v=9 property tracing", `{"msg":"Unmarshaling property for RPC[Provider.Create]: fullKey={${KEY}}"}`, { leaks: 0, upstreamTracing: 1 }],
    ["SDK debug RegisterResource tracing", `debug: RegisterResource RPC finished: resource:edge; err: null, resp: ${KEY}`, { leaks: 0, upstreamTracing: 1 }],
    ["a line without the secret", "Unmarshaling property for RPC[x]: name={edge}", { leaks: 0, upstreamTracing: 0 }],
  ])("%s", (_case, text, expected) => {
    expect(scanForSecrets(text, [KEY])).toEqual(expected);
  });

  it("counts each line once and ignores empty secrets", () => {
    expect(scanForSecrets(`${KEY} ${KEY}\nplain\n${KEY}`, [KEY, ""])).toEqual({ leaks: 2, upstreamTracing: 0 });
  });
});

describe("scanCollected", () => {
  const TOKEN = ["soak", "writer", "x".repeat(10)].join("-");
  const texts = [
    { where: "up output", text: `created\nwarning: ${KEY}` },
    { where: "engine tracing", text: `Marshaling property for RPC[x]: fullKey={${KEY}}\nMarshaling property for RPC[y]: token=${TOKEN}` },
    { where: "state file", text: "nothing secret" },
  ];

  it("names each place a secret appears, never the secret, and counts the tracing lines apart", () => {
    const found = scanCollected(texts, TOKEN, [KEY]);
    expect(found.hits).toEqual([
      { where: "up output", what: `relay key …${KEY.slice(-4)}` },
      { where: "engine tracing", what: "the API token" },
    ]);
    expect(found.upstreamTracingLines).toBe(1);
    expect(found.scannedBytes).toBe(texts.reduce((n, t) => n + t.text.length, 0));
    expect(JSON.stringify(found)).not.toContain(KEY);
  });

  it("appends the leaking lines, redacted, to the dump file when asked", () => {
    const dump = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "soak-dump-")), "leaks.txt");
    scanCollected(texts, TOKEN, [KEY], dump);
    expect(fs.readFileSync(dump, "utf8")).toBe("up output: warning: <secret>\n");
    fs.rmSync(path.dirname(dump), { recursive: true, force: true });
  });
});

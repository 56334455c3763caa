// scanForSecrets: a secret in an ordinary line is a leak; in Pulumi's own RPC tracing it is counted apart.
import { scanForSecrets } from "../../../../scripts/soak/secrets";

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

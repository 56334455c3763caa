// Tests for provider/client/redact.ts.

import { REDACTED, redact } from "../../../../provider/client/redact";
import { fakeApiToken, fakeRelayKey } from "../../../support/fake-secrets";

const TOKEN = fakeApiToken("3");
const RELAY_KEY = fakeRelayKey("4");

describe("redact", () => {
  it("masks the whole token wherever it appears", () => {
    expect(redact(`bad token ${TOKEN}!`, [TOKEN])).toBe(`bad token ${REDACTED}!`);
  });

  it("masks a custom-shaped token passed as a secret", () => {
    const token = "my-very-secret-token-value";
    expect(redact(`Authorization: ${token}`, [token])).toBe(`Authorization: ${REDACTED}`);
  });

  it("masks every word of a multi-word Authorization value, not just the first", () => {
    const value = "Bearer s3cr3tv4lue";
    expect(redact("got s3cr3tv4lue from header", [value])).toBe(`got ${REDACTED} from header`);
    expect(redact(`header was ${value}`, [value])).toBe(`header was ${REDACTED}`);
  });

  it.each([
    ["a relay key", RELAY_KEY],
    ["an API token not listed as a secret", fakeApiToken("5")],
    ["an SDK key", "sdk-11111111-2222-3333-4444-555555555555"],
  ])("masks %s by shape", (_title, key) => {
    expect(redact(`key ${key} rejected`, [])).toBe(`key ${REDACTED} rejected`);
  });

  it("leaves ordinary text alone", () => {
    const text = 'relay config "edge-relays" rel-ay; LD-API-Version api-version /api/v2';
    expect(redact(text, [TOKEN, "ab"])).toBe(text);
  });

  it("passes undefined through", () => {
    expect(redact(undefined, [TOKEN])).toBeUndefined();
  });
});

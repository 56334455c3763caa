// Tests for provider/client/errors.ts: message wording, fields, and that no secret survives anywhere.

import { inspect } from "node:util";

import { LaunchDarklyError, isLaunchDarklyError } from "../../../../provider/client/errors";
import { fakeApiToken, fakeRelayKey } from "../../../support/fake-secrets";

const TOKEN = fakeApiToken("3");
const RELAY_KEY = fakeRelayKey("4");
const ID = "0123456789abcdef01234567";

function expectNoSecrets(err: LaunchDarklyError): void {
  for (const text of [err.message, String(err.stack), JSON.stringify(err), inspect(err), String(err)]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(RELAY_KEY);
  }
}

describe("LaunchDarklyError", () => {
  it("reads operation, name, id, status, code and LaunchDarkly's message", () => {
    const err = new LaunchDarklyError(
      {
        operation: "update",
        kind: "http",
        retryable: false,
        configId: ID,
        configName: "edge-relays",
        status: 403,
        code: "forbidden",
        ldMessage: "Forbidden. Access to the requested resource was denied.",
      },
      [TOKEN],
    );
    expect(err.message).toBe(
      `update relay config "edge-relays" (${ID}): HTTP 403 forbidden: Forbidden. Access to the requested resource was denied.`,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("LaunchDarklyError");
    expect(String(err.stack)).toMatch(/^LaunchDarklyError: update relay config/);
    expect(isLaunchDarklyError(err)).toBe(true);
    expect(isLaunchDarklyError(new Error("x"))).toBe(false);
    expect(err).toMatchObject({ operation: "update", status: 403, code: "forbidden", retryable: false, attempts: 1 });
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: "LaunchDarklyError", message: err.message, status: 403 });
  });

  it.each([
    [{ operation: "list" as const }, "list relay configs: "],
    [{ operation: "get" as const, configId: ID }, `get relay config ${ID}: `],
    [{ operation: "create" as const, configName: "edge" }, 'create relay config "edge": '],
    [{ operation: "reset" as const, configId: ID, configName: "edge" }, `reset the key of relay config "edge" (${ID}): `],
    [{ operation: "delete" as const, configId: ID }, `delete relay config ${ID}: `],
  ])("names the target: %o", (target, prefix) => {
    const err = new LaunchDarklyError({ ...target, kind: "http", retryable: false, status: 500 });
    expect(err.message).toBe(`${prefix}HTTP 500`);
  });

  it("describes network failures by host and code", () => {
    const err = new LaunchDarklyError({
      operation: "get",
      configId: ID,
      kind: "network",
      retryable: true,
      host: "https://app.launchdarkly.com",
      networkCode: "ECONNREFUSED",
      attempts: 3,
    });
    expect(err.message).toBe(`get relay config ${ID}: cannot reach https://app.launchdarkly.com: ECONNREFUSED (after 3 attempts)`);
  });

  it("hints at NODE_EXTRA_CA_CERTS for untrusted certificates", () => {
    const err = new LaunchDarklyError({
      operation: "list",
      kind: "network",
      retryable: false,
      host: "https://127.0.0.1:8443",
      networkCode: "SELF_SIGNED_CERT_IN_CHAIN",
    });
    expect(err.message).toContain("NODE_EXTRA_CA_CERTS");
  });

  it("describes timeouts", () => {
    const err = new LaunchDarklyError({
      operation: "create",
      configName: "edge",
      kind: "timeout",
      retryable: false,
      host: "https://app.launchdarkly.com",
      networkCode: "ETIMEDOUT",
      timeoutMs: 30000,
      outcomeUnknown: true,
    });
    expect(err.message).toBe('create relay config "edge": no response from https://app.launchdarkly.com within 30s (timeout)');
    expect(err.outcomeUnknown).toBe(true);
  });

  it("redacts the token and relay keys from every text field, the message, stack and JSON", () => {
    const err = new LaunchDarklyError(
      {
        operation: "reset",
        kind: "http",
        retryable: false,
        configId: ID,
        configName: `named ${TOKEN}`,
        status: 401,
        code: `unauthorized ${TOKEN}`,
        ldMessage: `token ${TOKEN} is invalid; old key ${RELAY_KEY}`,
      },
      [TOKEN],
    );
    expectNoSecrets(err);
    expect(err.message).toContain("[redacted]");
    expect(err.ldMessage).toBe("token [redacted] is invalid; old key [redacted]");
  });

  it("keeps no cause and no axios fields", () => {
    const err = new LaunchDarklyError({ operation: "list", kind: "network", retryable: true, networkCode: "ECONNRESET" });
    expect(err.cause).toBeUndefined();
    expect(Object.keys(err)).not.toEqual(expect.arrayContaining(["config"]));
    expect(Object.keys(err)).not.toEqual(expect.arrayContaining(["request"]));
    expect(Object.keys(err)).not.toEqual(expect.arrayContaining(["response"]));
  });
});

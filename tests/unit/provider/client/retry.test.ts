// Tests for provider/client/retry.ts: the retry decision table by method and outcome.

import {
  isGuarded,
  isNotSentCode,
  isPermanentNetworkCode,
  isRetryable,
  type HttpMethod,
} from "../../../../provider/client/retry";

const transient = ["network", "timeout", 500, 502, 503, 504] as const;
const never = [400, 401, 403, 404, 409, 422] as const;
const methods: HttpMethod[] = ["GET", "DELETE", "PATCH", "POST"];

describe("isRetryable", () => {
  describe.each(["GET", "DELETE"] as const)("%s", (method) => {
    it.each(transient)("retries %s", (outcome) => {
      expect(isRetryable(method, outcome, { guarded: false })).toBe(true);
    });
  });

  describe("PATCH", () => {
    it.each(transient)("retries %s when guarded by a test op", (outcome) => {
      expect(isRetryable("PATCH", outcome, { guarded: true })).toBe(true);
    });
    it.each(transient)("does not retry %s when unguarded", (outcome) => {
      expect(isRetryable("PATCH", outcome, { guarded: false })).toBe(false);
    });
  });

  describe("POST (create, reset)", () => {
    it.each(transient)("never retries %s, guarded or not", (outcome) => {
      expect(isRetryable("POST", outcome, { guarded: false })).toBe(false);
      expect(isRetryable("POST", outcome, { guarded: true })).toBe(false);
    });
  });

  describe.each(methods)("%s", (method) => {
    it.each(never)("never retries %s", (status) => {
      expect(isRetryable(method, status, { guarded: true })).toBe(false);
    });
    it.each([200, 201, 204, 301, 405, 418])("does not retry %s", (status) => {
      expect(isRetryable(method, status, { guarded: true })).toBe(false);
    });
    it("retries 429, which LaunchDarkly rejects before acting", () => {
      expect(isRetryable(method, 429, { guarded: false })).toBe(true);
    });
  });
});

describe("isGuarded", () => {
  it.each([
    ["no ops", [], false],
    ["replace only", [{ op: "replace", path: "/name", value: "x" }], false],
    ["a test op", [{ op: "test", path: "/name", value: "x" }, { op: "replace", path: "/name", value: "y" }], true],
  ] as const)("%s → %s", (_title, ops, expected) => {
    expect(isGuarded([...ops])).toBe(expected);
  });
});

describe("network codes", () => {
  it.each([
    "ENOTFOUND",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "CERT_HAS_EXPIRED",
    "ERR_TLS_CERT_ALTNAME_INVALID",
  ])(
    "%s is permanent and not sent",
    (code) => {
      expect(isPermanentNetworkCode(code)).toBe(true);
      expect(isNotSentCode(code)).toBe(true);
    },
  );
  it.each(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ERR_NETWORK"])("%s is transient and may have been sent", (code) => {
    expect(isPermanentNetworkCode(code)).toBe(false);
    expect(isNotSentCode(code)).toBe(false);
  });
  it.each(["ECONNREFUSED", "EAI_AGAIN", "EHOSTUNREACH"])("%s is transient and certainly not sent", (code) => {
    expect(isPermanentNetworkCode(code)).toBe(false);
    expect(isNotSentCode(code)).toBe(true);
  });
});

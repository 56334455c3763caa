// Tests for policy-pack/policies/index.ts: the rule list and the metadata every rule must carry (stable
// kebab-case names, full-sentence descriptions, severity, remediation steps, a complete config schema).

import { policies } from "../../../../policy-pack/policies";
import { configFor } from "../helpers";

const expected: [string, string][] = [
  ["relay-no-unrestricted-access", "mandatory"],
  ["relay-production-scope", "mandatory"],
  ["relay-critical-environments", "mandatory"],
  ["relay-key-rotation", "advisory"],
  ["relay-policy-well-formed", "mandatory"],
  ["relay-name-convention", "advisory"],
  ["relay-deny-only", "advisory"],
  ["relay-max-reach", "advisory"],
  ["relay-unique-names", "mandatory"],
];

describe("relay-guardrails rules", () => {
  it("lists every rule once, with its default enforcement level", () => {
    expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual(expected);
  });

  describe.each(policies.map((p) => [p.name, p] as const))("%s", (_name, policy) => {
    it("has a kebab-case name starting with relay-", () => {
      expect(policy.name).toMatch(/^relay(-[a-z]+)+$/);
    });

    it("has a full-sentence description, a severity and remediation steps", () => {
      expect(policy.description).toMatch(/^[A-Z].*\.$/);
      expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
      expect(policy.remediationSteps?.length).toBeGreaterThan(20);
    });

    it("gives every config property a type, a description and a default", () => {
      const properties = Object.entries(policy.configSchema?.properties ?? {});
      expect(properties.length).toBeGreaterThan(0);
      for (const [, schema] of properties) {
        expect(schema).toEqual(expect.objectContaining({ type: expect.anything(), description: expect.any(String) }));
        expect(schema).toHaveProperty("default");
      }
      expect(Object.keys(configFor(policy))).toEqual(properties.map(([key]) => key));
    });
  });
});

// Jest: ts-jest for every suite. Unit and contract suites are fast; e2e suites drive the real engine.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tests/tsconfig.json" }] },
  testTimeout: 30000,
  // E2e suites spend their time waiting on engine processes: run a few at once even on 2 cores.
  maxWorkers: 3,
  // The pure core is held to a coverage floor on every `make test` (coverage is collected for these files only).
  collectCoverageFrom: [
    "provider/specifier.ts", "provider/policy.ts", "provider/inputs.ts", "provider/diff.ts", "provider/duration.ts",
    "provider/patch.ts", "provider/rotation.ts", "provider/scope.ts",
  ],
  coverageReporters: ["text-summary"],
  coverageThreshold: {
    "./provider/specifier.ts": { lines: 90, branches: 85 },
    "./provider/policy.ts": { lines: 90, branches: 85 },
    "./provider/inputs.ts": { lines: 90, branches: 85 },
    "./provider/diff.ts": { lines: 90, branches: 85 },
    "./provider/duration.ts": { lines: 90, branches: 85 },
    "./provider/patch.ts": { lines: 90, branches: 85 },
    "./provider/rotation.ts": { lines: 90, branches: 85 },
  },
};

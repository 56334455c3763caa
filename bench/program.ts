// The program the lifecycle and rate-limited benchmarks run: N configs from stack config `bench:n`;
// `bench:variant` adds one statement (and a comment) to each, `bench:trigger` rotates every key. With
// BENCH_PROGRAM_TIMINGS set (a file path), it writes when its process started, when its own first line ran,
// when it had required @pulumi/pulumi, then our package, and when it had declared every resource (epoch ms;
// bench/breakdown.ts).

/** The program's source (JavaScript). */
export const PROGRAM = `
const programStartMs = Date.now();
const pulumi = require("@pulumi/pulumi");
const sdkMs = Date.now();
const { RelayProxyConfiguration } = require("pulumi-launchdarkly-relay");
const requiredMs = Date.now();
const config = new pulumi.Config("bench");
const n = Number(config.require("n"));
const variant = Number(config.get("variant") || "0");
const trigger = config.get("trigger") || "t0";
const count = [];
for (let i = 0; i < n; i++) {
  const policy = [{ effect: "allow", resources: ["proj/p" + i + ":env/production"], actions: ["*"] }];
  if (variant > 0) policy.push({ effect: "deny", resources: ["proj/p" + i + ":env/production:flag/*"], actions: ["updateFlag"] });
  const r = new RelayProxyConfiguration("relay-" + i, {
    name: "bench-relay-" + i,
    policy,
    comment: variant > 0 ? "bench update " + variant : undefined,
    rotation: { trigger, gracePeriod: "1h" },
  });
  count.push(r.displayKey);
}
exports.count = n;
if (process.env.BENCH_PROGRAM_TIMINGS) {
  const processStartMs = Math.round(Date.now() - process.uptime() * 1000);
  require("fs").writeFileSync(process.env.BENCH_PROGRAM_TIMINGS, JSON.stringify({ processStartMs, programStartMs, sdkMs, requiredMs, declaredMs: Date.now() }));
}
`;

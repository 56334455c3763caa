// The programs the benchmarks run (`make bench` and `make bench-peers`), in two shapes of the same N configs
// (stack config `bench:n`): N RelayProxyConfiguration resources `relay-<i>`, or one RelayProxyConfigurations
// fleet `fleet` with entries `relay-<i>`. Config i allows `proj/p<i>:env/production`; `bench:variant` ≥ 1 adds a
// deny statement to each and the comment `bench update <variant>`; a new `bench:trigger` rotates every key
// (grace 1 h). Both shapes build each configuration with the same code, so requests per configuration compare.
// With BENCH_PROGRAM_TIMINGS set (a file path), the program writes when its process started, when its own first
// line ran, when it had required @pulumi/pulumi, then our package, and when it had declared every resource
// (epoch ms; bench/breakdown.ts).

/** How the N configs are declared: N resources, or one fleet of N entries. */
export type Shape = "resources" | "fleet";

/** Every shape, in the order the lifecycle runs them. */
export const SHAPES: readonly Shape[] = ["resources", "fleet"];

/** The configs, in `configs` (arguments of config i at index i). */
const CONFIGS = `
const programStartMs = Date.now();
const pulumi = require("@pulumi/pulumi");
const sdkMs = Date.now();
const relay = require("pulumi-launchdarkly-relay");
const requiredMs = Date.now();
const config = new pulumi.Config("bench");
const n = Number(config.require("n"));
const variant = Number(config.get("variant") || "0");
const rotation = { trigger: config.get("trigger") || "t0", gracePeriod: "1h" };
const configs = [];
for (let i = 0; i < n; i++) {
  const policy = [{ effect: "allow", resources: ["proj/p" + i + ":env/production"], actions: ["*"] }];
  if (variant > 0) policy.push({ effect: "deny", resources: ["proj/p" + i + ":env/production:flag/*"], actions: ["updateFlag"] });
  configs.push({ name: "bench-relay-" + i, policy, ...(variant > 0 ? { comment: "bench update " + variant } : {}), rotation });
}
`;

/** The declarations of each shape. */
const DECLARE: Record<Shape, string> = {
  resources: `configs.forEach((args, i) => new relay.RelayProxyConfiguration("relay-" + i, args));`,
  fleet: `new relay.RelayProxyConfigurations("fleet", { configs: Object.fromEntries(configs.map((args, i) => ["relay-" + i, args])) });`,
};

const TIMINGS = `
exports.count = n;
if (process.env.BENCH_PROGRAM_TIMINGS) {
  const processStartMs = Math.round(Date.now() - process.uptime() * 1000);
  require("fs").writeFileSync(process.env.BENCH_PROGRAM_TIMINGS, JSON.stringify({ processStartMs, programStartMs, sdkMs, requiredMs, declaredMs: Date.now() }));
}
`;

/** The program's source (JavaScript) in `shape`. */
export function programFor(shape: Shape): string {
  return `${CONFIGS}${DECLARE[shape]}\n${TIMINGS}`;
}

/** `shape` if it is one, else an error naming the shapes. */
export function parseShape(shape: string): Shape {
  if ((SHAPES as readonly string[]).includes(shape)) return shape as Shape;
  throw new Error(`unknown shape ${JSON.stringify(shape)}: one of ${SHAPES.join(", ")}`);
}

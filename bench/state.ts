// Live state per configuration, split by owner: the engine's own fields of a resource (urn, type, id, parent,
// provider, created/modified, sourcePosition, stackTrace, propertyDependencies, …) and ours (the inputs and
// outputs our provider returns), with the serialized provider (`__provider`, in inputs and in outputs) apart.
// A RelayProxyConfiguration holds one configuration, a RelayProxyConfigurations fleet as many as its entries
// (`outputs.configs`): every figure is divided by the configurations, so the two shapes compare. Bytes are those
// of the checkpoint file's compact JSON as the engine writes it (no HTML escaping: `=>` stays as is).
import { RELAY_PROXY_CONFIGURATION_TYPE, RELAY_PROXY_CONFIGURATIONS_TYPE } from "../provider/wire";

/** Average bytes per configuration in a checkpoint, by owner and by field. */
export interface StateSplit {
  /** Relay resources (RelayProxyConfiguration or RelayProxyConfigurations). */
  resources: number;
  /** Configurations they hold: one per RelayProxyConfiguration, the entries of each fleet. */
  configurations: number;
  /** The whole file / configurations (stack, default provider, manifest and secrets provider included). */
  fileBytesPerResource: number;
  /** The relay resources' JSON objects / configurations. */
  resourceBytes: number;
  engineBytes: number;
  /** Inputs without `__provider`. */
  inputsBytes: number;
  /** Outputs without `__provider`. */
  outputsBytes: number;
  /** Both copies of `__provider` (inputs and outputs). */
  providerBytes: number;
  /** The engine's fields by name. */
  engineFields: Record<string, number>;
  /** Our outputs by name (the largest first). */
  outputFields: Record<string, number>;
}

/** Compact JSON, as the engine writes the checkpoint. */
function goJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Bytes of `"key":value,` in a compact JSON object. */
function member(key: string, value: unknown): number {
  return Buffer.byteLength(`${goJson(key)}:${goJson(value)},`);
}

const round = (x: number): number => Math.round(x);

/**
 * The configurations a checkpoint resource holds: 1 for a RelayProxyConfiguration, its entries for a fleet
 * (RelayProxyConfigurations), null for any other resource.
 */
export function configurationsOf(r: { type?: unknown; outputs?: { configs?: unknown } | null }): number | null {
  if (r.type === RELAY_PROXY_CONFIGURATION_TYPE) return 1;
  if (r.type !== RELAY_PROXY_CONFIGURATIONS_TYPE) return null;
  const configs = r.outputs?.configs;
  return configs && typeof configs === "object" ? Object.keys(configs).length : 0;
}

/** The split of the relay resources in a checkpoint file's text, per configuration; null without any. */
export function stateSplit(text: string): StateSplit | null {
  const all = (JSON.parse(text).checkpoint?.latest?.resources ?? []) as Array<Record<string, any>>;
  const rs = all.filter((r) => configurationsOf(r) !== null);
  const n = rs.reduce((sum, r) => sum + (configurationsOf(r) as number), 0);
  if (rs.length === 0 || n === 0) return null;
  const engineFields: Record<string, number> = {};
  const outputFields: Record<string, number> = {};
  let total = 0, inputs = 0, outputs = 0, provider = 0;
  for (const r of rs) {
    total += Buffer.byteLength(goJson(r));
    for (const [k, v] of Object.entries(r)) {
      if (k === "inputs" || k === "outputs") continue;
      engineFields[k] = (engineFields[k] ?? 0) + member(k, v);
    }
    for (const [k, bag] of [["inputs", r.inputs], ["outputs", r.outputs]] as const) {
      if (!bag) continue;
      const p = bag.__provider === undefined ? 0 : member("__provider", bag.__provider);
      provider += p;
      const rest = member(k, bag) - p;
      if (k === "inputs") inputs += rest;
      else {
        outputs += rest;
        for (const [f, v] of Object.entries(bag)) if (f !== "__provider") outputFields[f] = (outputFields[f] ?? 0) + member(f, v);
      }
    }
  }
  const per = (rec: Record<string, number>) =>
    Object.fromEntries(Object.entries(rec).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v / n)]));
  return {
    resources: rs.length,
    configurations: n,
    fileBytesPerResource: round(Buffer.byteLength(text) / n),
    resourceBytes: round(total / n),
    engineBytes: round((total - inputs - outputs - provider) / n),
    inputsBytes: round(inputs / n),
    outputsBytes: round(outputs / n),
    providerBytes: round(provider / n),
    engineFields: per(engineFields),
    outputFields: per(outputFields),
  };
}

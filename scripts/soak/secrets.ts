// Where secrets may and may not appear in captured output. Pulumi's own RPC tracing prints every property value
// of every resource at high verbosity (the engine's "Marshaling/Unmarshaling property for RPC" at v=9, and
// @pulumi/pulumi's debug "RegisterResource RPC finished … resp:"), secrets included, for any provider. Those
// lines are counted apart; any other line carrying a token or key is a leak. scanCollected() is the soak's final
// scan of everything it collected.
import * as fs from "fs";

/** Lines of upstream RPC tracing that print property values verbatim. */
export const UPSTREAM_RPC_TRACING: readonly RegExp[] = [
  /(Unm|M)arshaling property for RPC\[/,
  /(RegisterResource|RegisterResourceOutputs|ReadResource) RPC finished: /,
];

/** What a scan of one text found, in counts only (never the secret). */
export interface SecretScan {
  /** Lines outside upstream tracing that contain a secret. */
  leaks: number;
  /** Lines of upstream RPC tracing that contain a secret. */
  upstreamTracing: number;
}

/** Scans a text line by line for any of `secrets`. */
export function scanForSecrets(text: string, secrets: readonly string[]): SecretScan {
  const scan: SecretScan = { leaks: 0, upstreamTracing: 0 };
  for (const line of text.split("\n")) {
    if (!secrets.some((s) => s.length > 0 && line.includes(s))) continue;
    if (UPSTREAM_RPC_TRACING.some((re) => re.test(line))) scan.upstreamTracing++;
    else scan.leaks++;
  }
  return scan;
}

/** The leaking lines of a text (outside upstream tracing), each secret replaced by `<secret>`: for diagnosis. */
export function redactedLeakLines(text: string, secrets: readonly string[]): string[] {
  const live = secrets.filter((s) => s.length > 0);
  return text
    .split("\n")
    .filter((line) => live.some((s) => line.includes(s)) && !UPSTREAM_RPC_TRACING.some((re) => re.test(line)))
    .map((line) => live.reduce((acc, s) => acc.split(s).join("<secret>"), line));
}

/** What the final scan of a soak's collected texts found (counts and places only, never a secret). */
export interface CollectedScan {
  hits: { where: string; what: string }[];
  scannedBytes: number;
  /** Lines of upstream tracing that print a relay key. */
  upstreamTracingLines: number;
}

/**
 * Scans each collected text for the API token (anywhere, upstream tracing included) and for each relay key
 * (outside upstream tracing; tracing lines are counted apart). With `dumpFile`, the leaking lines are appended
 * to it with every secret redacted (opt-in diagnosis: SOAK_LEAK_DUMP).
 */
export function scanCollected(texts: readonly { where: string; text: string }[], token: string, keys: Iterable<string>, dumpFile?: string): CollectedScan {
  const relayKeys = [...keys];
  const found: CollectedScan = { hits: [], scannedBytes: 0, upstreamTracingLines: 0 };
  for (const { where, text } of texts) {
    found.scannedBytes += text.length;
    const tokenScan = scanForSecrets(text, [token]);
    if (tokenScan.leaks + tokenScan.upstreamTracing > 0) found.hits.push({ where, what: "the API token" });
    for (const k of relayKeys) {
      const scan = scanForSecrets(text, [k]);
      if (scan.leaks > 0) {
        found.hits.push({ where, what: `relay key …${k.slice(-4)}` });
        if (dumpFile) fs.appendFileSync(dumpFile, redactedLeakLines(text, [token, ...relayKeys]).map((l) => `${where}: ${l.slice(0, 2000)}\n`).join(""));
      }
      found.upstreamTracingLines += scan.upstreamTracing;
    }
  }
  return found;
}

// Secret redaction for any text that might echo input back: LaunchDarkly error messages, network error
// descriptions, config names. The whole Authorization value is a secret (LaunchDarkly tokens carry no scheme
// word, so "keep the first word" redaction would leak them), and so is anything shaped like a key or token.

/** What a redacted secret is replaced with. */
export const REDACTED = "[redacted]";

/** Shortest secret, in characters, that `redact` replaces verbatim (shorter strings would mangle normal text). */
const MIN_SECRET_LENGTH = 6;

/**
 * Key and token shapes LaunchDarkly issues: relay keys `rel-<uuid>`, API tokens `api-<uuid>`, SDK keys
 * `sdk-<uuid>`, mobile keys `mob-<uuid>`. Masked wherever they appear, whether or not the caller listed them.
 */
const KEY_PATTERN = /\b(?:rel|api|sdk|mob)-[0-9A-Za-z][0-9A-Za-z_-]{15,}/g;

/**
 * Replace every occurrence of each secret, every whitespace-separated word of a secret (so a token typed as
 * `Bearer api-…` is masked even when only its second word is echoed), and every key-shaped string, with
 * `[redacted]`. Returns `undefined` unchanged.
 */
export function redact(text: string, secrets: readonly string[]): string;
export function redact(text: string | undefined, secrets: readonly string[]): string | undefined;
export function redact(text: string | undefined, secrets: readonly string[]): string | undefined {
  if (text === undefined) return undefined;
  let out = text;
  for (const secret of expandSecrets(secrets)) {
    out = out.split(secret).join(REDACTED);
  }
  return out.replace(KEY_PATTERN, REDACTED);
}

/** The secrets themselves plus their long words, longest first so a whole value is masked before its parts. */
function expandSecrets(secrets: readonly string[]): string[] {
  const all = new Set<string>();
  for (const secret of secrets) {
    const trimmed = secret.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) all.add(trimmed);
    for (const word of trimmed.split(/\s+/)) {
      if (word.length >= MIN_SECRET_LENGTH) all.add(word);
    }
  }
  return [...all].sort((a, b) => b.length - a.length);
}

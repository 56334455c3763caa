// Key- and token-shaped test values, built at run time so that no secret-looking literal sits in the
// repository (the repository is scanned for real relay keys and API tokens).

/** A relay key of LaunchDarkly's shape (`rel-` + a UUID) whose hex digits are all `digit`. */
export function fakeRelayKey(digit: string, last4 = digit.repeat(4)): string {
  const d = digit.slice(0, 1);
  return ["rel", d.repeat(8), d.repeat(4), d.repeat(4), d.repeat(4), d.repeat(8) + last4].join("-");
}

/** An API access token of LaunchDarkly's shape (`api-` + a UUID). */
export function fakeApiToken(digit: string): string {
  const d = digit.slice(0, 1);
  return ["api", d.repeat(8), d.repeat(4), d.repeat(4), d.repeat(4), d.repeat(12)].join("-");
}

// The reach cases of ../shared/spec/relay-policy-reach.md as test data (tests/fixtures/reach/): the account
// they are stated on and each case by its title, for the emulator's, the provider's and the end-to-end tests.

import type { AccountInput } from "../../emulator/account";
import accountInput from "../fixtures/reach/account.json";
import table from "../fixtures/reach/cases.json";

/** One case: a policy and the environments it reaches, sorted `proj/…:env/…`. */
export interface ReachCase {
  title: string;
  policy: { effect: string; resources?: string[]; notResources?: string[]; actions?: string[]; notActions?: string[] }[];
  reached: string[];
}

/** The account the cases are stated on. */
export const REACH_ACCOUNT = accountInput as AccountInput;

/** Every case, in the spec's order. */
export const REACH_CASES: ReachCase[] = table.cases;

/** The case titled `title`; throws for an unknown title. */
export function reachCase(title: string): ReachCase {
  const found = REACH_CASES.find((c) => c.title === title);
  if (found === undefined) throw new Error(`no reach case "${title}"`);
  return found;
}

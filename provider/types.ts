// Domain types shared by the provider's modules: policy statements, the resource's inputs and outputs,
// and the LaunchDarkly API representation of a Relay Proxy automatic configuration.

/** Whether a statement allows or denies what it names. */
export type Effect = "allow" | "deny";

/**
 * One statement of a relay policy, as LaunchDarkly stores it. Exactly one of `resources`/`notResources`
 * and exactly one of `actions`/`notActions` is set.
 */
export interface Statement {
  effect: Effect;
  resources?: string[];
  notResources?: string[];
  actions?: string[];
  notActions?: string[];
}

/** One `type/name;tag,tag` segment of a resource specifier such as `proj/my-proj;mobile:env/prod*`. */
export interface SpecifierSegment {
  /** Resource type, e.g. `proj`, `env`. */
  type: string;
  /** Name or glob, e.g. `my-proj`, `prod*`, `*`. */
  name: string;
  /** Tags after `;`, empty when none. */
  tags: string[];
}

/** A parsed resource specifier: its segments in order (`proj/...:env/...`). */
export interface ResourceSpecifier {
  segments: SpecifierSegment[];
}

/** A validation failure, mapping one-to-one onto Pulumi's CheckFailure. */
export interface CheckFailure {
  property: string;
  reason: string;
}

/** Key rotation settings: changing `trigger` resets the key; the old key lives on for `gracePeriod`. */
export interface RotationInput {
  /** Any string; a new value rotates the key. */
  trigger: string;
  /** How long the previous key keeps working: `90m`, `24h`, `7d`, or milliseconds. Default 0 (immediately). */
  gracePeriod?: string | number;
  /**
   * Allow a rotation while the key before the current one is still in its grace period. LaunchDarkly may keep
   * only one previous key, so such a rotation can stop that key at once. Default false: refused at preview.
   */
  allowEarlyRotation?: boolean;
}

/** What guardrails need to know of one environment a relay config reaches (no key: never an SDK key). */
export interface ReachedEnvironment {
  /** The environment's name, e.g. `Production`. */
  name: string;
  /** LaunchDarkly's `critical` flag of the environment. */
  critical: boolean;
  /** The environment's tags. */
  tags: string[];
  /** The project's name. */
  projectName: string;
  /** The project's tags. */
  projectTags: string[];
}

/**
 * The environments a policy reaches in the live account, resolved by `check` (never set by users): `reach` is
 * the sorted list of `proj/<projectKey>:env/<environmentKey>`, `reachDetails` the same keys with what guardrails
 * need. Both absent when reach is not resolved (setting off, account unreadable); unknown at preview when the
 * policy is.
 */
export interface ResolvedReach {
  reach?: string[];
  reachDetails?: Record<string, ReachedEnvironment>;
}

/** Inputs of a RelayProxyConfiguration, as the provider sees them after `check`. */
export interface RelayInputs extends ResolvedReach {
  name: string;
  policy: Statement[];
  comment?: string;
  rotation?: RotationInput;
  /** Adopt this existing config (24 hex `_id`) on create instead of POSTing a new one. */
  adoptConfigId?: string;
}

/** Member summary of the config's creator, as the API returns it. */
export interface MemberSummary {
  _id: string;
  email: string;
  role: string;
  firstName?: string;
  lastName?: string;
  _links: Record<string, { href?: string; type?: string }>;
}

/** The API's RelayAutoConfigRep. `fullKey` is present only in create and reset responses. */
export interface RelayAutoConfig {
  _id: string;
  name: string;
  policy: Statement[];
  displayKey: string;
  creationDate: number;
  lastModified: number;
  fullKey?: string;
  _creator?: MemberSummary;
  _access?: unknown;
}

/** The body of a create request (RelayAutoConfigPost). */
export interface RelayAutoConfigPost {
  name: string;
  policy: Statement[];
}

/** One RFC 6902 operation. */
export interface PatchOperation {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  value?: unknown;
  from?: string;
}

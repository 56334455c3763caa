// The account the emulator stands in for: projects and their environments, each environment with an `_id`
// (24 hex), an SDK key (`sdk-<uuid>`) and a mobile key (`mob-<uuid>`). An account file has exactly the shape of
// AccountInput; accountErrors() names every field that breaks it. buildAccount() turns an input into the stored
// account, keeping the ids and keys of projects and environments whose keys stay (so a replaced account does not
// invalidate the SDK keys of environments that remain). DEFAULT_ACCOUNT is what an emulator serves without one.

import { randomBytes, randomUUID } from "node:crypto";

/** One environment as an account file declares it. */
export interface EnvironmentInput {
  key: string;
  name: string;
  tags?: string[];
  critical?: boolean;
}

/** One project as an account file declares it. */
export interface ProjectInput {
  key: string;
  name: string;
  tags?: string[];
  environments: EnvironmentInput[];
}

/** The shape of `--account <file.json>` and of `PUT /__emulator/account`. */
export interface AccountInput {
  projects: ProjectInput[];
}

/** An environment as stored: the input plus its id and keys (secrets: never logged). */
export interface StoredEnvironment {
  _id: string;
  key: string;
  name: string;
  tags: string[];
  critical: boolean;
  sdkKey: string;
  mobileKey: string;
}

/** A project as stored. */
export interface StoredProject {
  _id: string;
  key: string;
  name: string;
  tags: string[];
  environments: StoredEnvironment[];
}

/** The stored account. */
export interface StoredAccount {
  projects: StoredProject[];
}

/** Production (critical), staging and test: the environments of each product project of the default account. */
function productEnvironments(): EnvironmentInput[] {
  return [
    { key: "production", name: "Production", critical: true },
    { key: "staging", name: "Staging" },
    { key: "test", name: "Test" },
  ];
}

/**
 * The account served without `--account`: three projects (two tagged), three environments each, the production
 * ones critical, one environment tagged `restricted`.
 */
export const DEFAULT_ACCOUNT: AccountInput = {
  projects: [
    {
      key: "web",
      name: "Web",
      tags: ["frontend"],
      environments: productEnvironments(),
    },
    {
      key: "mobile",
      name: "Mobile",
      tags: ["frontend", "federal"],
      environments: productEnvironments(),
    },
    {
      key: "internal",
      name: "Internal tools",
      environments: [
        { key: "production", name: "Production", tags: ["restricted"], critical: true },
        { key: "staging", name: "Staging" },
        { key: "development", name: "Development" },
      ],
    },
  ],
};

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// `_id` is accepted and ignored (ids are the emulator's), so what `GET /__emulator/account` shows can be sent back.
const PROJECT_FIELDS = ["_id", "key", "name", "tags", "environments"];
const ENVIRONMENT_FIELDS = ["_id", "key", "name", "tags", "critical"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unknownFields(field: string, value: Record<string, unknown>, allowed: string[]): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `${field}.${key}: is not allowed`);
}

function keyErrors(field: string, value: unknown): string[] {
  if (typeof value !== "string") return [`${field}: is required and must be a string`];
  return KEY.test(value) ? [] : [`${field}: must be letters, digits, ".", "_" or "-", starting with a letter or digit`];
}

function nameErrors(field: string, value: unknown): string[] {
  return typeof value === "string" && value.trim() !== "" ? [] : [`${field}: is required and must be a non-empty string`];
}

function tagErrors(field: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [`${field}: must be an array of strings`];
  return value.flatMap((tag, i) => (typeof tag === "string" && KEY.test(tag) ? [] : [`${field}[${i}]: must be a tag (letters, digits, ".", "_", "-")`]));
}

function duplicateErrors(field: string, items: unknown[]): string[] {
  const seen = new Set<string>();
  const errors: string[] = [];
  items.forEach((item, i) => {
    const key = isObject(item) ? item.key : undefined;
    if (typeof key !== "string") return;
    if (seen.has(key)) errors.push(`${field}[${i}].key: "${key}" is used twice`);
    seen.add(key);
  });
  return errors;
}

function environmentErrors(field: string, value: unknown): string[] {
  if (!isObject(value)) return [`${field}: must be an object`];
  return [
    ...unknownFields(field, value, ENVIRONMENT_FIELDS),
    ...keyErrors(`${field}.key`, value.key),
    ...nameErrors(`${field}.name`, value.name),
    ...tagErrors(`${field}.tags`, value.tags),
    ...(value.critical === undefined || typeof value.critical === "boolean" ? [] : [`${field}.critical: must be true or false`]),
  ];
}

function projectErrors(field: string, value: unknown): string[] {
  if (!isObject(value)) return [`${field}: must be an object`];
  const errors = [
    ...unknownFields(field, value, PROJECT_FIELDS),
    ...keyErrors(`${field}.key`, value.key),
    ...nameErrors(`${field}.name`, value.name),
    ...tagErrors(`${field}.tags`, value.tags),
  ];
  if (!Array.isArray(value.environments)) return [...errors, `${field}.environments: is required and must be an array`];
  value.environments.forEach((environment, i) => errors.push(...environmentErrors(`${field}.environments[${i}]`, environment)));
  return [...errors, ...duplicateErrors(`${field}.environments`, value.environments)];
}

/** Every way `value` is not an account (`field: reason`, empty when it is one). */
export function accountErrors(value: unknown): string[] {
  if (!isObject(value)) return ["account: must be an object with a projects array"];
  const errors = unknownFields("account", value, ["projects"]).map((error) => error.replace(/^account\./, ""));
  if (!Array.isArray(value.projects)) return [...errors, "projects: is required and must be an array"];
  value.projects.forEach((project, i) => errors.push(...projectErrors(`projects[${i}]`, project)));
  return [...errors, ...duplicateErrors("projects", value.projects)];
}

function newId(): string {
  return randomBytes(12).toString("hex");
}

/**
 * The stored account for `input` (already checked with accountErrors). Projects and environments whose keys
 * exist in `previous` keep their `_id` and keys; new ones get fresh ones.
 */
export function buildAccount(input: AccountInput, previous: StoredAccount | null = null): StoredAccount {
  // What a project and an environment both have: the id kept from before (or a new one), key, name and tags.
  const identity = (declared: { key: string; name: string; tags?: string[] }, before: { _id: string } | undefined) =>
    ({ _id: before?._id ?? newId(), key: declared.key, name: declared.name, tags: [...(declared.tags ?? [])] });
  return {
    projects: input.projects.map((project) => {
      const before = previous?.projects.find((candidate) => candidate.key === project.key);
      return {
        ...identity(project, before),
        environments: project.environments.map((environment) => {
          const old = before?.environments.find((candidate) => candidate.key === environment.key);
          return {
            ...identity(environment, old),
            critical: environment.critical ?? false,
            sdkKey: old?.sdkKey ?? `sdk-${randomUUID()}`,
            mobileKey: old?.mobileKey ?? `mob-${randomUUID()}`,
          };
        }),
      };
    }),
  };
}

/** The environment whose SDK key is `sdkKey`, with its project, or null. */
export function findBySdkKey(account: StoredAccount, sdkKey: string): { project: StoredProject; environment: StoredEnvironment } | null {
  for (const project of account.projects) {
    const environment = project.environments.find((candidate) => candidate.sdkKey === sdkKey);
    if (environment !== undefined) return { project, environment };
  }
  return null;
}

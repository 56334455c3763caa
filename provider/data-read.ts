// What the program-side data sources do (provider/data.ts loads it on their first call): read relay
// configurations from LaunchDarkly during a Pulumi program run, with the same settings as the provider (stack
// config `launchdarkly:*`, then the environment). Keys are never returned (LaunchDarkly only shows them at create
// and reset).
import * as pulumi from "@pulumi/pulumi";
import { clientFor } from "./clients";
import type { RelayClient } from "./client";
import { normalizePolicy } from "./policy";
import { SECRET_SETTING_KEYS, SETTING_ENV } from "./settings";
import type { RelayAutoConfig } from "./types";
import { configMissing } from "./wording";
import type { RelayProxyConfigurationInfo } from "./data";

/** The plain value of a secret config output (config values are always known, also at preview). */
function unwrap(output: pulumi.Output<string>): Promise<string> {
  return new Promise((resolve) => output.apply((value) => (resolve(value), value)));
}

/**
 * The stack's `launchdarkly:*` settings, each read once: credentials with the secret-aware `getSecret` (so the
 * SDK never warns that a secret was read as plain text), everything else with `get`.
 */
async function stackSettings(): Promise<Map<string, string>> {
  const config = new pulumi.Config("launchdarkly");
  const values = new Map<string, string>();
  for (const key of Object.keys(SETTING_ENV)) {
    const secret = (SECRET_SETTING_KEYS as readonly string[]).includes(key);
    const value = secret ? await unwrapOptional(config.getSecret(key)) : config.get(key);
    if (value !== undefined) values.set(`launchdarkly:${key}`, value);
  }
  return values;
}

async function unwrapOptional(output: pulumi.Output<string> | undefined): Promise<string | undefined> {
  return output === undefined ? undefined : unwrap(output);
}

async function clientFromStack(): Promise<RelayClient> {
  const values = await stackSettings();
  return clientFor((key) => values.get(key), process.env).api;
}

function toInfo(c: RelayAutoConfig): RelayProxyConfigurationInfo {
  const info: RelayProxyConfigurationInfo = {
    configId: c._id,
    name: c.name,
    policy: normalizePolicy(c.policy ?? []),
    displayKey: c.displayKey,
    creationDate: c.creationDate,
    lastModified: c.lastModified,
  };
  if (c._creator?.email) info.creator = c._creator.email;
  return info;
}

/** One configuration by id; rejects when it does not exist. */
export async function getConfiguration(id: string): Promise<RelayProxyConfigurationInfo> {
  const found = await (await clientFromStack()).get(id);
  if (!found) throw new Error(configMissing(id));
  return toInfo(found);
}

/** Every configuration of the account. */
export async function listConfigurations(): Promise<RelayProxyConfigurationInfo[]> {
  return (await (await clientFromStack()).list()).map(toInfo);
}

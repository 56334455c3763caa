// Program-side data sources: read relay configurations from LaunchDarkly during a Pulumi program run, with
// the same settings as the provider (stack config `launchdarkly:*`, then the environment). Keys are never
// returned (LaunchDarkly only shows them at create and reset).
import * as pulumi from "@pulumi/pulumi";
import { createRelayClient } from "./client";
import { normalizePolicy } from "./policy";
import { resolveSettings } from "./settings";
import { RelayAutoConfig, Statement } from "./types";

/** A relay configuration as a data source returns it. */
export interface RelayProxyConfigurationInfo {
  configId: string;
  name: string;
  policy: Statement[];
  displayKey: string;
  creationDate: number;
  lastModified: number;
  creator?: string;
}

function clientFromStack() {
  const config = new pulumi.Config("launchdarkly");
  const { settings, failures } = resolveSettings((key) => config.get(key.replace(/^launchdarkly:/, "")), process.env);
  if (failures.length > 0) throw new Error(failures.map((f) => f.reason).join("; "));
  return createRelayClient({ apiHost: settings.apiHost, token: settings.token as string, timeoutMs: settings.timeoutMs });
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
export async function getRelayProxyConfiguration(id: string): Promise<RelayProxyConfigurationInfo> {
  const found = await clientFromStack().get(id);
  if (!found) throw new Error(`relay config ${id} does not exist in LaunchDarkly`);
  return toInfo(found);
}

/** Every configuration of the account. */
export async function listRelayProxyConfigurations(): Promise<RelayProxyConfigurationInfo[]> {
  return (await clientFromStack().list()).map(toInfo);
}

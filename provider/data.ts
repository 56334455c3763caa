// Program-side data sources: read relay configurations from LaunchDarkly during a Pulumi program run, with the
// same settings as the provider. What they need (the HTTP client, settings, axios) loads on the first call
// (provider/data-read.ts), so a program that only declares resources never loads it.
import type { Statement } from "./types";

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

/** One configuration by id; rejects when it does not exist. */
export async function getRelayProxyConfiguration(id: string): Promise<RelayProxyConfigurationInfo> {
  return (await import("./data-read")).getConfiguration(id);
}

/** Every configuration of the account. */
export async function listRelayProxyConfigurations(): Promise<RelayProxyConfigurationInfo[]> {
  return (await import("./data-read")).listConfigurations();
}

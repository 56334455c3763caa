// Relay configs in LaunchDarkly that a stack does not know: what a crash between a create's POST and the state
// write leaves behind (the config exists, with a live key nobody holds). Reads the stack's export
// (`pulumi stack export --file state.json`), lists the account's configs with the provider's own settings
// (LAUNCHDARKLY_API_HOST, LAUNCHDARKLY_ACCESS_TOKEN), and prints every config no resource of the stack records,
// marking those that match a pending create of the stack by name. With --delete, deletes them. Never prints a
// key or the token.
//
//   pulumi stack export --file state.json && node dist/scripts/orphans.js state.json [--delete]
//
// A config that belongs to another stack (or to no stack, on purpose) is also "unknown" here: read the list before
// deleting, or adopt one into the stack with `adoptConfigId` instead.

import * as fs from "node:fs";
import { createRelayClient } from "../provider/client";
import { RELAY_PROXY_CONFIGURATION_TYPE } from "../provider/wire";
import { clientSettings } from "../provider/clients";
import { resolveSettings } from "../provider/settings";
import type { RelayAutoConfig } from "../provider/types";

/** A config the stack does not know. */
export interface Orphan {
  id: string;
  name: string;
  displayKey: string;
  creationDate: number;
  /** The URN of a pending create of the stack with the same name, when there is one. */
  pendingCreate?: string;
}

interface ExportedResource {
  urn?: string;
  type?: string;
  id?: string;
  inputs?: { name?: unknown };
  outputs?: { configId?: unknown };
}

/** The configs of `live` that no RelayProxyConfiguration of the exported stack records, oldest first. */
export function findOrphans(exported: unknown, live: readonly RelayAutoConfig[]): Orphan[] {
  const deployment = (exported as { deployment?: { resources?: ExportedResource[]; pending_operations?: { type?: string; resource?: ExportedResource }[] } })?.deployment ?? {};
  const known = new Set<string>();
  for (const resource of deployment.resources ?? []) {
    if (resource.type !== RELAY_PROXY_CONFIGURATION_TYPE) continue;
    if (typeof resource.id === "string") known.add(resource.id);
    if (typeof resource.outputs?.configId === "string") known.add(resource.outputs.configId);
  }
  const pending = (deployment.pending_operations ?? []).filter((op) => op.type === "creating" && op.resource?.type === RELAY_PROXY_CONFIGURATION_TYPE);
  return live
    .filter((config) => !known.has(config._id))
    .sort((a, b) => a.creationDate - b.creationDate)
    .map((config) => {
      const match = pending.find((op) => op.resource?.inputs?.name === config.name);
      const orphan: Orphan = { id: config._id, name: config.name, displayKey: config.displayKey, creationDate: config.creationDate };
      if (match?.resource?.urn !== undefined) orphan.pendingCreate = match.resource.urn;
      return orphan;
    });
}

/** One orphan as a line of output (no key: only the display key). */
export function describeOrphan(orphan: Orphan): string {
  const pending = orphan.pendingCreate === undefined ? "" : `, matches the pending create ${orphan.pendingCreate}`;
  return `${orphan.id}  "${orphan.name}"  key …${orphan.displayKey}  created ${new Date(orphan.creationDate).toISOString()}${pending}`;
}

async function main(argv: string[]): Promise<number> {
  const file = argv.find((arg) => !arg.startsWith("--"));
  const remove = argv.includes("--delete");
  if (file === undefined || argv.some((arg) => arg.startsWith("--") && arg !== "--delete")) {
    process.stderr.write("usage: node dist/scripts/orphans.js <pulumi stack export file> [--delete]\n");
    return 2;
  }
  const { settings, failures } = resolveSettings(() => undefined, process.env);
  if (failures.length > 0) {
    process.stderr.write(`${failures.map((f) => `${f.property}: ${f.reason}`).join("\n")}\n`);
    return 2;
  }
  const api = createRelayClient(clientSettings(settings));
  const orphans = findOrphans(JSON.parse(fs.readFileSync(file, "utf8")), await api.list());
  process.stdout.write(`${orphans.length} relay config(s) on ${settings.apiHost} unknown to the stack\n`);
  for (const orphan of orphans) {
    process.stdout.write(`${describeOrphan(orphan)}\n`);
    if (remove) {
      await api.remove(orphan.id, { name: orphan.name });
      process.stdout.write("  deleted (its key stopped at once)\n");
    }
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`orphans: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

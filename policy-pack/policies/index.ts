// The rules of the relay-guardrails pack, in the order preview output lists them. One rule per file; each
// rule is imported from its own file.

import { Policies } from "@pulumi/policy";
import { relayNoUnrestrictedAccess } from "./relayNoUnrestrictedAccess";
import { relayProductionScope } from "./relayProductionScope";
import { relayCriticalEnvironments } from "./relayCriticalEnvironments";
import { relayKeyRotation } from "./relayKeyRotation";
import { relayPolicyWellFormed } from "./relayPolicyWellFormed";
import { relayNameConvention } from "./relayNameConvention";
import { relayDenyOnly } from "./relayDenyOnly";
import { relayMaxReach } from "./relayMaxReach";
import { relayUniqueNames } from "./relayUniqueNames";

/** Every rule of the pack. */
export const policies: Policies = [
  relayNoUnrestrictedAccess,
  relayProductionScope,
  relayCriticalEnvironments,
  relayKeyRotation,
  relayPolicyWellFormed,
  relayNameConvention,
  relayDenyOnly,
  relayMaxReach,
  relayUniqueNames,
];

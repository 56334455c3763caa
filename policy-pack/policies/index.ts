// The rules of the relay-guardrails pack, in the order preview output lists them. One rule per file.

import { Policies } from "@pulumi/policy";
import { relayNoUnrestrictedAccess } from "./relayNoUnrestrictedAccess";
import { relayProductionScope } from "./relayProductionScope";
import { relayKeyRotation } from "./relayKeyRotation";
import { relayPolicyWellFormed } from "./relayPolicyWellFormed";
import { relayNameConvention } from "./relayNameConvention";
import { relayDenyOnly } from "./relayDenyOnly";
import { relayUniqueNames } from "./relayUniqueNames";

export {
  relayNoUnrestrictedAccess,
  relayProductionScope,
  relayKeyRotation,
  relayPolicyWellFormed,
  relayNameConvention,
  relayDenyOnly,
  relayUniqueNames,
};

/** Every rule of the pack. */
export const policies: Policies = [
  relayNoUnrestrictedAccess,
  relayProductionScope,
  relayKeyRotation,
  relayPolicyWellFormed,
  relayNameConvention,
  relayDenyOnly,
  relayUniqueNames,
];

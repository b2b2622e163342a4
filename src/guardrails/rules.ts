import type { GuardrailRule } from "./rule";
import { RULE_IDS } from "./rule-ids";
import { albDropInvalidHeaders } from "./rules/alb-drop-invalid-headers";
import { defaultSecurityGroupClosed } from "./rules/default-security-group-closed";
import { encryptedVolumes } from "./rules/encrypted-volumes";
import { endpointServiceAcceptance } from "./rules/endpoint-service-acceptance";
import { imdsv2Required } from "./rules/imdsv2-required";
import { nameTag } from "./rules/name-tag";
import { noOpenEgress } from "./rules/no-open-egress";
import { noPublicIp } from "./rules/no-public-ip";
import { noWorldIngress } from "./rules/no-world-ingress";
import { s3Encryption } from "./rules/s3-encryption";
import { s3PublicAccessBlock } from "./rules/s3-public-access-block";
import { s3TlsOnly } from "./rules/s3-tls-only";
import { s3Versioning } from "./rules/s3-versioning";
import { stateBackendLocking } from "./rules/state-backend-locking";
import { userDataNoSecrets } from "./rules/user-data-no-secrets";
import { vpcFlowLogs } from "./rules/vpc-flow-logs";

const BY_ID = new Map<string, GuardrailRule>(
  [
    imdsv2Required,
    encryptedVolumes,
    noPublicIp,
    noWorldIngress,
    noOpenEgress,
    defaultSecurityGroupClosed,
    albDropInvalidHeaders,
    endpointServiceAcceptance,
    s3Versioning,
    s3Encryption,
    s3PublicAccessBlock,
    s3TlsOnly,
    stateBackendLocking,
    userDataNoSecrets,
    vpcFlowLogs,
    nameTag,
  ].map((rule) => [rule.id, rule]),
);

/** Every rule, in the order of `RULE_IDS`. */
export const GUARDRAIL_RULES: readonly GuardrailRule[] = RULE_IDS.map((id) => {
  const rule = BY_ID.get(id);
  if (!rule) {
    throw new Error(`guardrail rule ${id} is listed in RULE_IDS but not registered in rules.ts`);
  }
  return rule;
});

/**
 * Ids of the guardrail rules, in the order the report lists them. Constructs name a
 * rule by one of these when they declare an exception, without loading the rules.
 */
export const RULE_IDS = [
  "imdsv2-required",
  "encrypted-volumes",
  "no-public-ip",
  "no-world-ingress",
  "no-open-egress",
  "default-security-group-closed",
  "alb-drop-invalid-headers",
  "endpoint-service-acceptance",
  "s3-versioning",
  "s3-encryption",
  "s3-public-access-block",
  "s3-tls-only",
  "state-backend-locking",
  "user-data-no-secrets",
  "vpc-flow-logs",
  "name-tag",
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}

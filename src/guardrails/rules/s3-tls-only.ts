import type { TerraformJson } from "../../terraform-json/read";
import { blocksOf, listOf } from "../../reachability/values";
import type { GuardrailRule } from "../rule";
import { bucketsWith } from "./buckets";

const DATA_POLICY = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.json\}$/;

const coversEveryAction = (actions: unknown) => listOf(actions).some((action) => action === "s3:*" || action === "*");
const isFalse = (values: unknown) => listOf(values).some((value) => String(value).toLowerCase() === "false");

/** A statement of an `aws_iam_policy_document` data source that denies every S3 action without TLS. */
function dataStatementDeniesPlainHttp(statement: Record<string, unknown>): boolean {
  return (
    statement["effect"] === "Deny" &&
    coversEveryAction(statement["actions"]) &&
    blocksOf(statement["condition"]).some(
      (condition) => condition["test"] === "Bool" && condition["variable"] === "aws:SecureTransport" && isFalse(condition["values"]),
    )
  );
}

/** The same in a policy written as JSON text. */
function jsonStatementDeniesPlainHttp(statement: Record<string, unknown>): boolean {
  const bool = (statement["Condition"] as Record<string, Record<string, unknown>> | undefined)?.["Bool"];
  return statement["Effect"] === "Deny" && coversEveryAction(statement["Action"]) && bool !== undefined && isFalse(bool["aws:SecureTransport"]);
}

function policyDeniesPlainHttp(json: TerraformJson, policy: unknown): boolean {
  if (typeof policy !== "string") {
    return false;
  }
  const document = DATA_POLICY.exec(policy);
  if (document) {
    const data = json.data?.["aws_iam_policy_document"]?.[document[1]!];
    return blocksOf(data?.["statement"]).some(dataStatementDeniesPlainHttp);
  }
  try {
    const parsed = JSON.parse(policy) as { Statement?: unknown };
    return blocksOf(parsed.Statement).some(jsonStatementDeniesPlainHttp);
  } catch {
    return false;
  }
}

export const s3TlsOnly: GuardrailRule = {
  id: "s3-tls-only",
  title: "S3 buckets (the state bucket) refuse requests without TLS",
  controls: ["AWS FSBP S3.5", "CIS AWS v1.4.0 2.1.2"],
  rationale: "State travels between Terraform and the bucket; a policy that denies aws:SecureTransport = false keeps it off plain HTTP whatever the client does.",
  fix: 'attach a bucket policy that denies s3:* when aws:SecureTransport is "false" (StateBucket does)',
  countJudged({ context }) {
    return context.blocks("aws_s3_bucket").length;
  },
  check({ context, json }) {
    return bucketsWith(context, "aws_s3_bucket_policy")
      .filter(({ companions }) => !companions.some((policy) => policyDeniesPlainHttp(json, policy.body["policy"])))
      .map(({ bucket }) => ({ address: bucket.address, problem: "no bucket policy refers to this bucket that denies s3:* when aws:SecureTransport is false" }));
  },
};

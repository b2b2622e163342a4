import { blocksOf } from "../../reachability/values";
import type { GuardrailRule } from "../rule";
import { bucketsWith } from "./buckets";

const ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

function declaresEncryption(configuration: Record<string, unknown> | undefined): boolean {
  return blocksOf(configuration?.["rule"]).some((rule) =>
    ALGORITHMS.includes(String(blocksOf(rule["apply_server_side_encryption_by_default"])[0]?.["sse_algorithm"])),
  );
}

export const s3Encryption: GuardrailRule = {
  id: "s3-encryption",
  title: "S3 buckets (the state bucket) declare default encryption",
  controls: ["checkov CKV_AWS_19", "AWS FSBP S3.4", "CIS AWS v1.4.0 2.1.1"],
  rationale: "State holds every resource's attributes; written down, the encryption is reviewable and survives a change of account defaults.",
  fix: 'add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "AES256" or "aws:kms" (StateBucket does)',
  countJudged({ context }) {
    return context.blocks("aws_s3_bucket").length;
  },
  check({ context }) {
    return bucketsWith(context, "aws_s3_bucket_server_side_encryption_configuration")
      .filter(({ bucket, companions }) => {
        const inline = declaresEncryption(blocksOf(bucket.body["server_side_encryption_configuration"])[0]);
        return !inline && !companions.some((companion) => declaresEncryption(companion.body));
      })
      .map(({ bucket }) => ({ address: bucket.address, problem: "no server-side encryption configuration refers to this bucket" }));
  },
};

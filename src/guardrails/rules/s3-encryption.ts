import { blocksOf } from "../../reachability/values";
import type { GuardrailRule } from "../rule";
import { bucketsWith } from "./buckets";

const ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

type Configuration = Record<string, unknown> | undefined;

function declaresEncryption(configuration: Configuration): boolean {
  return blocksOf(configuration?.["rule"]).some((rule) =>
    ALGORITHMS.includes(String(blocksOf(rule["apply_server_side_encryption_by_default"])[0]?.["sse_algorithm"])),
  );
}

/**
 * A key the client sends with each request (SSE-C) is one S3 never holds, so state
 * written with it is lost with the key; S3 blocks it on new buckets, and the
 * configuration must say so too, or a provider release that sends [] would lift it.
 */
function blocksCustomerKeys(configuration: Configuration): boolean {
  return blocksOf(configuration?.["rule"]).some((rule) => Array.isArray(rule["blocked_encryption_types"]) && rule["blocked_encryption_types"].includes("SSE-C"));
}

export const s3Encryption: GuardrailRule = {
  id: "s3-encryption",
  title: "S3 buckets (the state bucket) declare default encryption and block SSE-C",
  controls: ["checkov CKV_AWS_19", "AWS FSBP S3.4", "CIS AWS v1.4.0 2.1.1"],
  rationale:
    "State holds every resource's attributes; written down, the encryption is reviewable and survives a change of account defaults. A customer-provided key (SSE-C) is one S3 never holds: state written with it is lost with the key.",
  fix: 'add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "AES256" or "aws:kms" and blocked_encryption_types ["SSE-C"] (StateBucket does)',
  countJudged({ context }) {
    return context.blocks("aws_s3_bucket").length;
  },
  check({ context }) {
    return bucketsWith(context, "aws_s3_bucket_server_side_encryption_configuration").flatMap(({ bucket, companions }) => {
      const configurations = [blocksOf(bucket.body["server_side_encryption_configuration"])[0], ...companions.map((companion) => companion.body)];
      if (!configurations.some(declaresEncryption)) {
        return [{ address: bucket.address, problem: "no server-side encryption configuration refers to this bucket" }];
      }
      if (!configurations.some(blocksCustomerKeys)) {
        return [{ address: bucket.address, problem: 'its encryption configuration does not block SSE-C (blocked_encryption_types = ["SSE-C"])' }];
      }
      return [];
    });
  },
};

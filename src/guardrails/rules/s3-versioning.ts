import { blocksOf, booleanOf } from "../../reachability/values";
import type { GuardrailRule } from "../rule";
import { bucketsWith } from "./buckets";

export const s3Versioning: GuardrailRule = {
  id: "s3-versioning",
  title: "S3 buckets (the state bucket) keep versions",
  controls: ["checkov CKV_AWS_21", "Security Hub S3.14 (NIST SP 800-53)"],
  rationale: "A state file overwritten by a bad apply, or deleted, can only be rolled back from an earlier version.",
  fix: 'add an aws_s3_bucket_versioning with versioning_configuration { status = "Enabled" } (StateBucket does)',
  countJudged({ context }) {
    return context.blocks("aws_s3_bucket").length;
  },
  check({ context }) {
    return bucketsWith(context, "aws_s3_bucket_versioning")
      .filter(({ bucket, companions }) => {
        const separate = companions.some((versioning) => blocksOf(versioning.body["versioning_configuration"])[0]?.["status"] === "Enabled");
        const inline = booleanOf(blocksOf(bucket.body["versioning"])[0]?.["enabled"], false) === true;
        return !separate && !inline;
      })
      .map(({ bucket }) => ({ address: bucket.address, problem: "no versioning with status Enabled refers to this bucket" }));
  },
};

import { booleanOf } from "../../reachability/values";
import type { GuardrailRule } from "../rule";
import { bucketsWith } from "./buckets";

const SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

export const s3PublicAccessBlock: GuardrailRule = {
  id: "s3-public-access-block",
  title: "S3 buckets (the state bucket) block every form of public access",
  controls: ["checkov CKV2_AWS_6", "checkov CKV_AWS_53-56", "AWS FSBP S3.8", "CIS AWS v3.0.0 2.1.4"],
  rationale: "State files hold addresses, ids and sometimes secrets; one public ACL or policy would publish them.",
  fix: "add an aws_s3_bucket_public_access_block with all four settings true (StateBucket does)",
  countJudged({ context }) {
    return context.blocks("aws_s3_bucket").length;
  },
  check({ context }) {
    return bucketsWith(context, "aws_s3_bucket_public_access_block").flatMap(({ bucket, companions }) => {
      if (companions.length === 0) {
        return [{ address: bucket.address, problem: "no public access block refers to this bucket" }];
      }
      const off = SETTINGS.filter((setting) => !companions.some((block) => booleanOf(block.body[setting], false) === true));
      return off.length === 0 ? [] : [{ address: bucket.address, problem: `its public access block leaves ${off.join(", ")} off` }];
    });
  },
};

import type { ReadContext } from "../../reachability/read-context";
import type { ResourceBlock } from "../../terraform-json/read";
import { referenceIn } from "../../reachability/values";

/**
 * The companion resource of each bucket (`aws_s3_bucket_versioning`, `_policy`, ...):
 * the one whose `bucket` refers to it. A companion that names its bucket literally,
 * or a bucket of another stack, cannot be matched and counts as missing.
 */
export function bucketsWith(context: ReadContext, companionType: string): { bucket: ResourceBlock; companions: ResourceBlock[] }[] {
  const companions = context.blocks(companionType);
  return context.blocks("aws_s3_bucket").map((bucket) => ({
    bucket,
    companions: companions.filter((companion) => referenceIn(companion.body["bucket"])?.address === bucket.address),
  }));
}

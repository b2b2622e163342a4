/**
 * The AWS partitions and the region codes of each, as botocore's endpoints.json gives
 * them (regionRegex). A role is assumed through the STS of the configured region, which
 * knows only its own partition's roles.
 */
const PARTITION_OF_REGION_PREFIX: readonly (readonly [prefix: string, partition: string])[] = [
  ["cn-", "aws-cn"],
  ["us-gov-", "aws-us-gov"],
  ["us-iso-", "aws-iso"],
  ["us-isob-", "aws-iso-b"],
  ["eu-isoe-", "aws-iso-e"],
  ["us-isof-", "aws-iso-f"],
  ["eusc-", "aws-eusc"],
];

export const PARTITIONS: readonly string[] = ["aws", ...PARTITION_OF_REGION_PREFIX.map(([, partition]) => partition)];

/** The partition of a region code: `aws` unless the code starts like another partition's. */
export function partitionOf(region: string): string {
  return PARTITION_OF_REGION_PREFIX.find(([prefix]) => region.startsWith(prefix))?.[1] ?? "aws";
}

/**
 * Availability Zone letters that accounts can use, per region. Offline there is no
 * `DescribeAvailabilityZones`, so this table is what lets synth refuse a zone that does
 * not exist (ap-northeast-1b, for instance, is closed to new accounts). Regions missing
 * here get only the form check; add a region when you deploy to it.
 */
const ZONE_LETTERS: Readonly<Record<string, readonly string[]>> = {
  "ap-northeast-1": ["a", "c", "d"],
  "ap-northeast-2": ["a", "b", "c", "d"],
  "ap-northeast-3": ["a", "b", "c"],
  "ap-south-1": ["a", "b", "c"],
  "ap-southeast-1": ["a", "b", "c"],
  "ap-southeast-2": ["a", "b", "c"],
  "ca-central-1": ["a", "b", "d"],
  "eu-central-1": ["a", "b", "c"],
  "eu-north-1": ["a", "b", "c"],
  "eu-west-1": ["a", "b", "c"],
  "eu-west-2": ["a", "b", "c"],
  "eu-west-3": ["a", "b", "c"],
  "sa-east-1": ["a", "b", "c"],
  "us-east-1": ["a", "b", "c", "d", "e", "f"],
  "us-east-2": ["a", "b", "c"],
  "us-west-1": ["a", "b", "c"],
  "us-west-2": ["a", "b", "c", "d"],
};

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function isRegionCode(text: string): boolean {
  return REGION_PATTERN.test(text);
}

/** The zone letters of a region, or undefined when the region is not in the table. */
export function zoneLettersOf(region: string): readonly string[] | undefined {
  return ZONE_LETTERS[region];
}

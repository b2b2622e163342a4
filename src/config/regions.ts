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

/**
 * The prefix of each region's Availability Zone IDs (`apne1-az4`). IDs name the same
 * physical zone in every account, which letters do not; regions missing here get only
 * the form check.
 */
const ZONE_ID_PREFIXES: Readonly<Record<string, string>> = {
  "ap-northeast-1": "apne1",
  "ap-northeast-2": "apne2",
  "ap-northeast-3": "apne3",
  "ap-south-1": "aps1",
  "ap-southeast-1": "apse1",
  "ap-southeast-2": "apse2",
  "ca-central-1": "cac1",
  "eu-central-1": "euc1",
  "eu-north-1": "eun1",
  "eu-west-1": "euw1",
  "eu-west-2": "euw2",
  "eu-west-3": "euw3",
  "sa-east-1": "sae1",
  "us-east-1": "use1",
  "us-east-2": "use2",
  "us-west-1": "usw1",
  "us-west-2": "usw2",
};

/** A table's entry for a configured key, never an inherited property (a region named `__proto__`). */
function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Zone IDs open to new accounts, where known (apne1-az3, the old 1b, is closed). */
const ZONE_IDS: Readonly<Record<string, readonly string[]>> = {
  "ap-northeast-1": ["apne1-az1", "apne1-az2", "apne1-az4"],
};

/** The zone IDs of a region, or undefined when the region is not in the table. */
export function zoneIdsOf(region: string): readonly string[] | undefined {
  return ownEntry(ZONE_IDS, region);
}

const ZONE_ID_PATTERN = /^[a-z]+\d-az\d+$/;

/** Whether `text` has the form of an Availability Zone ID such as `apne1-az4`. */
export function isZoneId(text: string): boolean {
  return ZONE_ID_PATTERN.test(text);
}

/** The zone ID prefix of a region (`apne1`), or undefined when the region is not in the table. */
export function zoneIdPrefixOf(region: string): string | undefined {
  return ownEntry(ZONE_ID_PREFIXES, region);
}

/** Two letters first (`ap-`, `us-gov-`), or the European Sovereign Cloud's `eusc-` (eusc-de-east-1). */
const REGION_PATTERN = /^(?:[a-z]{2}|eusc)(-[a-z]+)+-\d{1,2}$/;

export function isRegionCode(text: string): boolean {
  return REGION_PATTERN.test(text);
}

/** The zone letters of a region, or undefined when the region is not in the table. */
export function zoneLettersOf(region: string): readonly string[] | undefined {
  return ownEntry(ZONE_LETTERS, region);
}

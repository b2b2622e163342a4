import { cidrContains, cidrsOverlap, isIpv4Address, parseCidr, type Ipv4Cidr } from "./cidr";
import type { ConfigIssue } from "./errors";
import { isRegionCode, isZoneId, zoneIdPrefixOf, zoneIdsOf, zoneLettersOf } from "./regions";
import { PRIVATE_NETWORK_IDS } from "./reserved-names";
import { partitionOf } from "./partitions";
import { parseRoleArn } from "./role-arn";
import type { VpcWithInstanceConfig } from "./network";

/**
 * Reusable rules. Each appends to `issues` instead of throwing, so a user sees every
 * broken key of a configuration at once.
 */
export type Issues = ConfigIssue[];

/** AWS accepts VPC and subnet blocks between /16 and /28. */
const AWS_MIN_PREFIX = 16;
const AWS_MAX_PREFIX = 28;

export function checkRegion(issues: Issues, key: string, value: string): void {
  if (!isRegionCode(value)) {
    issues.push({ key, value, rule: "must be an AWS region code such as ap-northeast-1" });
  }
}

/** Returns the parsed block when valid, so that containment checks can build on it. */
export function checkVpcCidr(issues: Issues, key: string, value: string): Ipv4Cidr | undefined {
  const parsed = parseCidr(value);
  if (!parsed.ok) {
    issues.push({ key, value, rule: parsed.reason });
    return undefined;
  }
  const { prefixLength } = parsed.cidr;
  if (prefixLength < AWS_MIN_PREFIX || prefixLength > AWS_MAX_PREFIX) {
    issues.push({
      key,
      value,
      rule: `must have a prefix length between /${AWS_MIN_PREFIX} and /${AWS_MAX_PREFIX} (AWS limit for VPCs and subnets)`,
    });
    return undefined;
  }
  return parsed.cidr;
}

export function checkSubnetInside(
  issues: Issues,
  key: string,
  value: string,
  vpc: { key: string; cidr: Ipv4Cidr | undefined },
): void {
  const subnet = checkVpcCidr(issues, key, value);
  if (subnet && vpc.cidr && !cidrContains(vpc.cidr, subnet)) {
    issues.push({ key, value, rule: `must lie inside ${vpc.key} (${vpc.cidr.text})` });
  }
}

/** Peered VPCs cannot overlap: AWS refuses the peering and routes would be ambiguous. */
export function checkNoOverlap(
  issues: Issues,
  a: { key: string; cidr: Ipv4Cidr | undefined },
  b: { key: string; cidr: Ipv4Cidr | undefined },
  why: string,
): void {
  if (a.cidr && b.cidr && cidrsOverlap(a.cidr, b.cidr)) {
    issues.push({
      key: b.key,
      value: b.cidr.text,
      rule: `overlaps ${a.key} (${a.cidr.text}); ${why}`,
    });
  }
}

/**
 * The first of `earlier` that `block` overlaps. A block is reported with that one only:
 * a thousand equal blocks then make a thousand lines, not half a million.
 */
export function firstOverlapping(
  earlier: readonly { key: string; cidr: Ipv4Cidr | undefined }[],
  block: { cidr: Ipv4Cidr | undefined },
): { key: string; cidr: Ipv4Cidr | undefined } | undefined {
  return earlier.find((candidate) => candidate.cidr && block.cidr && cidrsOverlap(candidate.cidr, block.cidr));
}

/** Subnets of one VPC must not overlap; each later one is compared with every earlier one. */
export function checkSubnetsApart(issues: Issues, subnets: readonly { key: string; cidr: Ipv4Cidr | undefined }[]): void {
  subnets.forEach((later, index) => {
    const earlier = firstOverlapping(subnets.slice(0, index), later);
    if (earlier !== undefined) checkNoOverlap(issues, earlier, later, "subnets of a VPC must not overlap");
  });
}

/** A load balancer (`balancer`, e.g. "an ALB") takes one subnet per Availability Zone. */
export function checkOneSubnetPerZone(issues: Issues, key: string, subnets: readonly { availabilityZone: string }[], balancer: string): void {
  subnets.forEach((subnet, index) => {
    const earlier = subnets.findIndex((other) => other.availabilityZone === subnet.availabilityZone);
    if (earlier < index) {
      issues.push({
        key: `${key}[${index}].availabilityZone`,
        value: subnet.availabilityZone,
        rule: `repeats the zone of ${key}[${earlier}]: ${balancer} takes one subnet per Availability Zone`,
      });
    }
  });
}

function checkZoneLetter(issues: Issues, key: string, value: string, region: string): void {
  if (!/^[a-z]$/.test(value)) {
    issues.push({ key, value, rule: `must be a single Availability Zone letter such as "a" (for ${region}a)` });
    return;
  }
  const letters = zoneLettersOf(region);
  if (letters && !letters.includes(value)) {
    issues.push({
      key,
      value,
      rule: `${region}${value} is not an Availability Zone of ${region} open to new accounts (use one of ${letters.join(", ")})`,
    });
  }
}

/** A zone letter (`a`) or an Availability Zone ID (`apne1-az4`) of `region`. */
export function checkZoneLetterOrId(issues: Issues, key: string, value: string, region: string): void {
  if (/^[a-z]$/.test(value)) {
    checkZoneLetter(issues, key, value, region);
    return;
  }
  if (!isZoneId(value)) {
    issues.push({ key, value, rule: `must be a zone letter such as "a" (for ${region}a) or an Availability Zone ID such as "${zoneIdPrefixOf(region) ?? "apne1"}-az4"` });
    return;
  }
  const prefix = zoneIdPrefixOf(region);
  const ids = zoneIdsOf(region);
  if (prefix !== undefined && !value.startsWith(`${prefix}-`)) {
    issues.push({ key, value, rule: `is not an Availability Zone ID of ${region}, whose IDs start with ${prefix}-` });
  } else if (ids !== undefined && !ids.includes(value)) {
    issues.push({ key, value, rule: `is not an Availability Zone ID of ${region} open to new accounts (use one of ${ids.join(", ")})` });
  }
}

const NAME_PATTERN = /^[a-z]([a-z0-9-]{0,30}[a-z0-9])?$/;

/** Names become construct ids, resource addresses (which Terraform wants to start with a letter), provider aliases and Name tags. */
export function checkName(issues: Issues, key: string, value: string): void {
  if (!NAME_PATTERN.test(value)) {
    issues.push({
      key,
      value,
      rule: "must be 1-32 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit",
    });
  }
}

/** Two things with one name would collide as construct ids and as Name tags. */
export function checkUniqueNames(issues: Issues, entries: readonly { key: string; value: string }[]): void {
  const firstKeyByName = new Map<string, string>();
  for (const { key, value } of entries) {
    const first = firstKeyByName.get(value);
    if (first === undefined) {
      firstKeyByName.set(value, key);
    } else {
      issues.push({ key, value, rule: `duplicates the name at ${first}; names must be unique within a stack` });
    }
  }
}

/** A construct id made from configured names, with the key of the name it is made from. */
export interface DerivedId {
  readonly id: string;
  readonly key: string;
  readonly value: string;
}

/**
 * The ids one construct scope makes from configured names must differ: two equal ids
 * stop synth with a stack trace. A name given twice is checkUniqueNames' to report;
 * this finds the ids only their making joins, such as the routes of a VPC `a-b` with
 * a subnet `c` and of a VPC `a` with a subnet `b-c`, both `a-b-c-route`.
 */
export function checkDerivedIdsApart(issues: Issues, scope: string, ids: readonly DerivedId[]): void {
  const first = new Map<string, DerivedId>();
  for (const entry of ids) {
    const earlier = first.get(entry.id);
    if (earlier === undefined) {
      first.set(entry.id, entry);
    } else if (earlier.value !== entry.value) {
      issues.push({
        key: entry.key,
        value: entry.value,
        rule: `makes the construct id "${entry.id}" in ${scope}, which ${earlier.key} = ${JSON.stringify(earlier.value)} makes too; rename one of them`,
      });
    }
  }
}

/** A configured name that equals an id the code itself uses would collide with it. */
export function checkNotReserved(issues: Issues, key: string, value: string, reserved: readonly string[]): void {
  if (reserved.includes(value)) {
    issues.push({ key, value, rule: `is a name the stack uses itself; choose another (reserved: ${reserved.join(", ")})` });
  }
}

/** One IPv4 address, written plain or as a /32: a person's, whom a rule admits alone. */
export function checkOneIpv4Address(issues: Issues, key: string, value: string): void {
  if (isIpv4Address(value)) {
    return;
  }
  const parsed = parseCidr(value);
  if (!parsed.ok) {
    issues.push({ key, value, rule: "must be one IPv4 address such as 203.0.113.10 (or 203.0.113.10/32)" });
  } else if (parsed.cidr.prefixLength < 32) {
    issues.push({ key, value, rule: `must be one address, a /32, not a /${parsed.cidr.prefixLength}: every address in the range could use the Instance Connect endpoint's rule` });
  }
}

export function checkHttpsUrl(issues: Issues, key: string, value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== "https:") {
    issues.push({ key, value, rule: "must be an https:// URL (a plain-http answer could be altered in transit)" });
  }
}

/** S3 general purpose bucket naming rules. */
export function checkBucketName(issues: Issues, key: string, value: string): void {
  const wellFormed =
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) &&
    !value.includes("..") &&
    !isIpv4Address(value) &&
    !value.startsWith("xn--") &&
    !value.endsWith("-s3alias") &&
    !value.endsWith("--ol-s3");
  if (!wellFormed) {
    issues.push({
      key,
      value,
      rule: "must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit",
    });
  }
}

export function checkPort(issues: Issues, key: string, value: number): void {
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    issues.push({ key, value, rule: "must be a whole port number from 1 to 65535" });
  }
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** One label of a DNS name: what a record name in a zone may be. */
export function checkDnsLabel(issues: Issues, key: string, value: string): void {
  if (!DNS_LABEL.test(value)) {
    issues.push({
      key,
      value,
      rule: "must be one DNS label: 1-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit",
    });
  }
}

/** A hosted zone name such as `home` or `corp.example.internal`, without the final dot. */
export function checkDnsName(issues: Issues, key: string, value: string): void {
  const labels = value.split(".");
  if (value.length > 253 || !labels.every((label) => DNS_LABEL.test(label))) {
    issues.push({
      key,
      value,
      rule: "must be a DNS name: dot-separated labels of 1-63 lowercase letters, digits or hyphens (not starting or ending with a hyphen), at most 253 characters, no final dot",
    });
  }
}

/**
 * `arn:aws:iam::<account>:role/<name>`, the role a provider assumes for another account,
 * through the STS of `region`, which knows the roles of its own partition only.
 */
export function checkRoleArn(issues: Issues, key: string, value: string, region: string): void {
  const role = parseRoleArn(value);
  if (typeof role === "string") {
    issues.push({ key, value, rule: role });
  } else if (isRegionCode(region) && role.partition !== partitionOf(region)) {
    issues.push({ key, value, rule: `is a role of the partition ${role.partition}, and region ${region} is in ${partitionOf(region)}, whose STS cannot assume it; use arn:${partitionOf(region)}:iam::...` });
  }
}

/** Suffixes a private network adds to a subnet's name for the subnet's own route table ids. */
const SUBNET_ID_SUFFIXES = ["-route-table", "-route-table-association"];

/** A subnet name becomes an id inside its network, beside the ids derived from it. */
export function checkSubnetName(issues: Issues, key: string, value: string): void {
  checkName(issues, key, value);
  checkNotReserved(issues, key, value, PRIVATE_NETWORK_IDS);
  const suffix = SUBNET_ID_SUFFIXES.find((candidate) => value.endsWith(candidate));
  if (suffix !== undefined) {
    issues.push({ key, value, rule: `must not end with ${suffix}: the network names each subnet's route table <subnet>${suffix}` });
  }
}

/**
 * A VPC with one subnet and one instance (the peering sides, alb-peering's bar).
 * Returns its key and parsed block for overlap checks.
 */
export function checkVpcWithInstance(issues: Issues, key: string, vpc: VpcWithInstanceConfig, region: string, stackIds: readonly string[]) {
  checkName(issues, `${key}.name`, vpc.name);
  checkName(issues, `${key}.instanceName`, vpc.instanceName);
  checkNotReserved(issues, `${key}.name`, vpc.name, stackIds);
  checkNotReserved(issues, `${key}.instanceName`, vpc.instanceName, stackIds);
  checkSubnetName(issues, `${key}.subnet.name`, vpc.subnet.name);
  const cidr = checkVpcCidr(issues, `${key}.cidr`, vpc.cidr);
  checkSubnetInside(issues, `${key}.subnet.cidr`, vpc.subnet.cidr, { key: `${key}.cidr`, cidr });
  checkZoneLetterOrId(issues, `${key}.subnet.availabilityZone`, vpc.subnet.availabilityZone, region);
  return { key: `${key}.cidr`, cidr };
}

/**
 * A VPC's private subnets, placed by zone letter or ID: at least one, each a valid name
 * inside the VPC's block, in a zone of the region, apart from the others, and named
 * once.
 */
export function checkSubnetList(
  issues: Issues,
  key: string,
  subnets: readonly { name: string; cidr: string; availabilityZone: string }[],
  vpc: { key: string; cidr: Ipv4Cidr | undefined },
  region: string,
): void {
  if (subnets.length === 0) {
    issues.push({ key, value: [], rule: "must list at least one subnet" });
  }
  const blocks = subnets.map((subnet, index) => {
    const subnetKey = `${key}[${index}]`;
    checkSubnetName(issues, `${subnetKey}.name`, subnet.name);
    checkSubnetInside(issues, `${subnetKey}.cidr`, subnet.cidr, vpc);
    checkZoneLetterOrId(issues, `${subnetKey}.availabilityZone`, subnet.availabilityZone, region);
    const parsed = parseCidr(subnet.cidr);
    return { key: `${subnetKey}.cidr`, cidr: parsed.ok ? parsed.cidr : undefined };
  });
  checkSubnetsApart(issues, blocks);
  checkOneZoneForm(issues, key, subnets);
  checkUniqueNames(
    issues,
    subnets.map((subnet, index) => ({ key: `${key}[${index}].name`, value: subnet.name })),
  );
}

/**
 * The subnets of one VPC give their zones in one form: a letter and an ID cannot be
 * compared before plan time, so one subnet per zone could not be checked.
 */
export function checkOneZoneForm(issues: Issues, key: string, subnets: readonly { availabilityZone: string }[]): void {
  if (new Set(subnets.map((subnet) => isZoneId(subnet.availabilityZone))).size > 1) {
    issues.push({ key, value: subnets.map((subnet) => subnet.availabilityZone), rule: "mix zone letters and zone IDs; write every zone in one form" });
  }
}

/** A string setting with a fixed set of values. */
export function checkOneOf(issues: Issues, key: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    issues.push({ key, value, rule: `must be one of ${allowed.map((option) => `"${option}"`).join(", ")}` });
  }
}

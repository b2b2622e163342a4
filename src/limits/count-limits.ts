import { buildNetworkModel } from "../reachability/build-model";
import type { RulePeer } from "../reachability/model";
import { referenceIn, Unknown } from "../reachability/values";
import { resourceBlocks, type ResourceBlock, type TerraformJson } from "../terraform-json/read";
import { AWS_LIMITS, isAdjustable, type AwsLimit, type LimitId } from "./aws-limits";

/** One thing counted over a limit: which, where, and how many. */
export interface LimitFinding {
  readonly limit: LimitId;
  /** The stack, or the stacks, the count comes from. */
  readonly stacks: readonly string[];
  /** What was counted, e.g. `aws_security_group.x (inbound, IPv4)`. */
  readonly scope: string;
  readonly count: number;
  /** Refused: a hard limit, or past the most an adjustable quota can be raised to. */
  readonly refused: boolean;
}

export interface StackJson {
  readonly name: string;
  readonly json: TerraformJson;
}

/** Who a resource is created in: the deploying account, or the account of a provider's role. */
function accountOf(json: TerraformJson, block: ResourceBlock): string {
  const providers = ((json as { provider?: { aws?: { alias?: string; assume_role?: { role_arn?: string }[] }[] } }).provider?.aws ?? []);
  const alias = typeof block.body["provider"] === "string" ? block.body["provider"].replace(/^aws\./, "") : undefined;
  const role = providers.find((provider) => provider.alias === alias)?.assume_role?.[0]?.role_arn;
  return alias === undefined || role === undefined ? "the deploying account" : `account ${role.split(":")[4] ?? role}`;
}

/** What `value` names: the resource it refers to, or the literal itself. */
function target(value: unknown): string {
  return referenceIn(value)?.address ?? String(value);
}

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const name = key(item);
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

function over(limit: LimitId, stacks: readonly string[], counts: Map<string, number>, describe: (key: string) => string = (key) => key): LimitFinding[] {
  const rule: AwsLimit = AWS_LIMITS[limit];
  return [...counts].flatMap(([key, count]) =>
    count > rule.figure ? [{ limit, stacks, scope: describe(key), count, refused: !isAdjustable(rule) || (rule.maximum !== undefined && count > rule.maximum) }] : [],
  );
}

/** The tags each taggable resource ends with: its provider's default tags and its own. */
function tagCounts(json: TerraformJson): Map<string, number> {
  const providers = ((json as { provider?: { aws?: { alias?: string; default_tags?: { tags?: Record<string, unknown> }[] }[] } }).provider?.aws ?? []);
  const defaults = (alias: string | undefined) => Object.keys(providers.find((provider) => provider.alias === alias)?.default_tags?.[0]?.tags ?? {});
  const counts = new Map<string, number>();
  for (const type of Object.keys(json.resource ?? {})) {
    for (const block of resourceBlocks(json, type)) {
      const own = block.body["tags"];
      if (typeof own !== "object" || own === null) continue;
      const alias = typeof block.body["provider"] === "string" ? block.body["provider"].replace(/^aws\./, "") : undefined;
      counts.set(block.address, new Set([...defaults(alias), ...Object.keys(own)]).size);
    }
  }
  return counts;
}

/**
 * What one rule counts against a group's rule quota in one address family. AWS counts
 * IPv4 and IPv6 rules apart; a rule naming a group or a prefix list counts in both, a
 * prefix list as many times as its maximum entries (its weight: 1 for S3's gateway
 * list, the one these stacks name). A peer known only at apply counts in both, so that
 * no count is too low.
 */
function ruleWeight(peer: RulePeer, family: "IPv4" | "IPv6", prefixListEntries: ReadonlyMap<string, number>): number {
  switch (peer.kind) {
    case "cidr":
      return family === "IPv4" ? 1 : 0;
    case "ipv6":
      return family === "IPv6" ? 1 : 0;
    case "prefix-list": {
      const list = peer.prefixList instanceof Unknown ? referenceIn(peer.prefixList.expression)?.address : undefined;
      return (list === undefined ? undefined : prefixListEntries.get(list)) ?? 1;
    }
    default:
      return 1;
  }
}

function withinStack(stack: StackJson): LimitFinding[] {
  const { name, json } = stack;
  const here = [name];
  const model = buildNetworkModel(json, name);
  const rules = new Map<string, number>();
  const prefixListEntries = new Map(resourceBlocks(json, "aws_ec2_managed_prefix_list").map((list) => [list.address, Number(list.body["max_entries"]) || 1]));
  for (const [address, group] of model.securityGroups) {
    for (const direction of ["ingress", "egress"] as const) {
      for (const family of ["IPv4", "IPv6"] as const) {
        const count = group.rules.filter((rule) => rule.direction === direction).reduce((sum, rule) => sum + ruleWeight(rule.peer, family, prefixListEntries), 0);
        if (count > 0) rules.set(`${address} (${direction === "ingress" ? "inbound" : "outbound"}, ${family})`, count);
      }
    }
  }
  const routes = [...resourceBlocks(json, "aws_route"), ...resourceBlocks(json, "aws_route_table").flatMap((table) => (Array.isArray(table.body["route"]) ? table.body["route"].map(() => ({ ...table, body: { route_table_id: `\${${table.address}.id}` } })) : []))];
  const subnetVpc = new Map(resourceBlocks(json, "aws_subnet").map((subnet) => [subnet.address, target(subnet.body["vpc_id"])]));
  const instanceConnect = resourceBlocks(json, "aws_ec2_instance_connect_endpoint");
  const zones = resourceBlocks(json, "aws_route53_zone").filter((zone) => Array.isArray(zone.body["vpc"]));
  const zoneVpcs = new Map(zones.map((zone) => [zone.address, (zone.body["vpc"] as unknown[]).length]));
  for (const association of resourceBlocks(json, "aws_route53_zone_association")) {
    const zone = target(association.body["zone_id"]);
    zoneVpcs.set(zone, (zoneVpcs.get(zone) ?? 0) + 1);
  }
  const peerings = resourceBlocks(json, "aws_vpc_peering_connection").flatMap((peering) => [target(peering.body["vpc_id"]), target(peering.body["peer_vpc_id"])]);
  return [
    ...over("tagsPerResource", here, tagCounts(json)),
    ...over("peeringsPerVpc", here, countBy(peerings, (vpc) => vpc)),
    ...over("rulesPerSecurityGroup", here, rules),
    ...over("routesPerRouteTable", here, countBy(routes, (route) => target(route.body["route_table_id"]))),
    ...over("interfaceEndpointsPerVpc", here, countBy(resourceBlocks(json, "aws_vpc_endpoint").filter((endpoint) => endpoint.body["vpc_endpoint_type"] === "Interface"), (endpoint) => target(endpoint.body["vpc_id"]))),
    ...over("instanceConnectEndpointsPerVpc", here, countBy(instanceConnect, (endpoint) => subnetVpc.get(target(endpoint.body["subnet_id"])) ?? target(endpoint.body["subnet_id"]))),
    ...over("attachmentsPerTransitGateway", here, countBy(resourceBlocks(json, "aws_ec2_transit_gateway_vpc_attachment"), (attachment) => target(attachment.body["transit_gateway_id"]))),
    ...over("vpcsPerPrivateHostedZone", here, zoneVpcs),
  ];
}

/** The limits of one account in one Region, and the resource type each counts. */
const PER_ACCOUNT_AND_REGION = [
  ["vpcsPerRegion", "aws_vpc"],
  ["instanceConnectEndpointsPerRegion", "aws_ec2_instance_connect_endpoint"],
] as const;

/**
 * Counts that add up over every stack deployed into one account and Region. One stack
 * past a limit is past it wherever it goes, so that is judged like a count within a
 * stack; several together, only if they are deployed together, so that warns.
 */
function acrossStacks(stacks: readonly StackJson[]): LimitFinding[] {
  const alone = stacks.flatMap((stack) =>
    PER_ACCOUNT_AND_REGION.flatMap(([limit, type]) => over(limit, [stack.name], countBy(resourceBlocks(stack.json, type), (block) => accountOf(stack.json, block)))),
  );
  const perAccount = (type: string) => {
    const counts = new Map<string, { count: number; stacks: Set<string> }>();
    for (const { name, json } of stacks) {
      for (const block of resourceBlocks(json, type)) {
        const account = accountOf(json, block);
        const entry = counts.get(account) ?? { count: 0, stacks: new Set<string>() };
        entry.count += 1;
        entry.stacks.add(name);
        counts.set(account, entry);
      }
    }
    return counts;
  };
  const together = PER_ACCOUNT_AND_REGION.flatMap(([limit, type]) =>
    [...perAccount(type)].flatMap(([account, { count, stacks: names }]) =>
      count > AWS_LIMITS[limit].figure && names.size > 1 ? [{ limit, stacks: [...names], scope: account, count, refused: false }] : [],
    ),
  );
  return [...alone, ...together];
}

/** Whether a finding counts over several stacks, which need not all be deployed in one account. */
export function isAcrossStacks(finding: LimitFinding): boolean {
  return finding.stacks.length > 1;
}

/**
 * Every limit the synthesized stacks go over. Within a stack, a hard limit is refused;
 * across stacks it is a warning, since not every stack need be deployed in one account.
 */
export function countLimits(stacks: readonly StackJson[]): LimitFinding[] {
  return [...stacks.flatMap(withinStack), ...acrossStacks(stacks)];
}

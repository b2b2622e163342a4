import type { TerraformJson } from "../../terraform-json/read";
import type { NetworkModel } from "../model";

const REFERENCE = /\$\{[^}]*?\b(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)/g;

/**
 * Arguments that place a resource: in a VPC, a subnet, a group, a table, a zone, behind
 * a load balancer. A reference elsewhere (an endpoint's service name, a policy) links
 * places rather than putting the resource in one.
 */
const PLACEMENT = new Set([
  "vpc_id", "peer_vpc_id", "subnet_id", "subnet_ids", "security_group_id", "security_group_ids", "vpc_security_group_ids", "route_table_id",
  "network_acl_id", "zone_id", "vpc", "load_balancer_arn", "target_group_arn", "network_load_balancer_arns", "vpc_endpoint_id", "vpc_peering_connection_id",
  "transit_gateway_id", "transit_gateway_attachment_id", "transit_gateway_route_table_id", "subnet_mapping", "resource_id", "profile_id", "target_id",
  "subnets", "security_groups", "instance", "instance_id", "network_interface_id", "allocation_id",
]);

/** Arguments that change no traffic: a change of only these moves no flow. (A name may: a record's is what clients ask for.) */
const INERT = new Set(["tags", "tags_all", "description"]);

/** Resource types that carry no traffic and place nothing: IAM, logs, quotas, buckets, analyses. */
const CARRIES_NO_TRAFFIC = /^(aws_(iam|cloudwatch|flow_log|s3|servicequotas|ec2_network_insights|ssm)_?)/;

function referencesIn(value: unknown): string[] {
  return [...JSON.stringify(value ?? null).matchAll(REFERENCE)].map((match) => match[1]!);
}

/** Which resources each resource is placed by, and which are placed by it, in one configuration. */
class References {
  readonly forward = new Map<string, Set<string>>();
  readonly reverse = new Map<string, Set<string>>();

  constructor(json: TerraformJson | undefined, rename: (address: string) => string) {
    for (const [type, byName] of Object.entries(json?.resource ?? {})) {
      for (const [name, block] of Object.entries(byName)) {
        const from = rename(`${type}.${name}`);
        for (const [key, value] of Object.entries(block)) {
          if (!PLACEMENT.has(key)) continue;
          for (const reference of referencesIn(value)) {
            const to = rename(reference);
            if (to === from) continue;
            (this.forward.get(from) ?? this.forward.set(from, new Set()).get(from)!).add(to);
            (this.reverse.get(to) ?? this.reverse.set(to, new Set()).get(to)!).add(from);
          }
        }
      }
    }
  }
}

/** VPCs a resource sits in, found by following what places it (a rule its group, a group its VPC). */
function vpcsAbove(address: string, references: readonly References[], seen = new Set<string>()): Set<string> {
  if (address.startsWith("aws_vpc.")) return new Set([address]);
  if (seen.has(address)) return new Set();
  seen.add(address);
  const found = new Set<string>();
  for (const side of references) {
    for (const next of side.forward.get(address) ?? []) for (const vpc of vpcsAbove(next, references, seen)) found.add(vpc);
  }
  return found;
}

/**
 * The VPCs whose flows a change can move: for each resource it touched, the VPCs that
 * resource sits in, and those of the resources that refer to it (the attachments of a
 * transit gateway, the endpoints of an endpoint service, the associations of a zone).
 * Undefined when a touched resource sits in no VPC one can name (an id from outside the
 * stack): then every flow is compared.
 */
export function changeFootprint(changed: ReadonlySet<string>, base: TerraformJson | undefined, head: TerraformJson | undefined, inHead: (address: string) => string): Set<string> | undefined {
  const references = [new References(base, inHead), new References(head, (address) => address)];
  const footprint = new Set<string>();
  const placedBy = (address: string) => references.flatMap((side) => [...(side.reverse.get(address) ?? [])]);
  const bodyOf = (json: TerraformJson | undefined, address: string) => {
    const dot = address.indexOf(".");
    return json?.resource?.[address.slice(0, dot)]?.[address.slice(dot + 1)];
  };
  const baseAddress = new Map([...Object.entries(base?.resource ?? {})].flatMap(([type, byName]) => Object.keys(byName).map((name) => [inHead(`${type}.${name}`), `${type}.${name}`] as const)));
  const onlyInert = (address: string) => {
    const before = bodyOf(base, baseAddress.get(address) ?? address);
    const after = bodyOf(head, address);
    if (before === undefined || after === undefined) return false;
    const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((key) => key !== "//"));
    return [...keys].every((key) => INERT.has(key) || JSON.stringify(before[key]) === JSON.stringify(after[key]));
  };
  for (const address of changed) {
    if (onlyInert(address)) continue;
    // The resource, what it places, and what shares its place: a record's zone's associations, a transit gateway's attachments.
    const above = references.flatMap((side) => [...(side.forward.get(address) ?? [])]);
    const around = [address, ...placedBy(address), ...above.flatMap(placedBy)];
    const vpcs = new Set(around.flatMap((each) => [...vpcsAbove(each, references)]));
    // A resource that sits in no VPC one can name may still carry traffic (an Elastic IP, an
    // id from outside the stack): then every flow is compared, unless its kind carries none.
    if (vpcs.size === 0 && !CARRIES_NO_TRAFFIC.test(address)) return undefined;
    vpcs.forEach((vpc) => footprint.add(vpc));
  }
  return footprint;
}

/** The VPCs a flow to or from each element can pass through, in one model, with addresses renamed to the head's. */
export function vpcsOfElements(model: NetworkModel, rename: (address: string) => string): Map<string, Set<string>> {
  const vpcs = new Map<string, Set<string>>();
  const subnetVpc = (subnet: unknown) => (typeof subnet === "string" && typeof model.subnets.get(subnet)?.vpc === "string" ? rename(model.subnets.get(subnet)!.vpc as string) : undefined);
  const put = (address: string, ...found: (string | undefined)[]) => {
    const set = vpcs.get(rename(address)) ?? new Set<string>();
    for (const vpc of found) if (vpc !== undefined) set.add(vpc);
    vpcs.set(rename(address), set);
  };
  for (const subnet of model.subnets.values()) put(subnet.address, subnetVpc(subnet.address));
  for (const instance of model.instances.values()) put(instance.address, subnetVpc(instance.subnet));
  for (const endpoint of model.instanceConnectEndpoints.values()) put(endpoint.address, subnetVpc(endpoint.subnet));
  const targetsOf = (lb: string) =>
    [...model.listeners.values()]
      .filter((listener) => listener.loadBalancer === lb)
      .flatMap((listener) => listener.targetGroups)
      .flatMap((group) => [...model.targetAttachments.values()].filter((attachment) => attachment.targetGroup === group))
      .map((attachment) => (attachment.target.kind === "instance" ? subnetVpc(model.instances.get(attachment.target.instance)?.subnet) : undefined));
  for (const lb of model.loadBalancers.values()) put(lb.address, ...lb.subnets.map(subnetVpc), ...targetsOf(lb.address));
  for (const endpoint of model.vpcEndpoints.values()) {
    const service = endpoint.endpointService ? model.endpointServices.get(endpoint.endpointService) : undefined;
    const behind = (service?.loadBalancers ?? []).flatMap((lb) => (typeof lb === "string" ? [...(vpcs.get(rename(lb)) ?? [])] : []));
    put(endpoint.address, typeof endpoint.vpc === "string" ? rename(endpoint.vpc) : undefined, ...endpoint.subnets.map(subnetVpc), ...behind);
  }
  return vpcs;
}

/** The VPCs the given resources sit in, as what places them says: where a diagram shows them. */
export function vpcsPlacing(addresses: Iterable<string>, base: TerraformJson | undefined, head: TerraformJson | undefined, inHead: (address: string) => string): Set<string> {
  const references = [new References(base, inHead), new References(head, (address) => address)];
  return new Set([...addresses].flatMap((address) => [...vpcsAbove(address, references)]));
}

/** Where traffic to each destination element enters the network: the VPCs of its own interfaces, not what lies behind it. */
export function entryVpcs(model: NetworkModel, rename: (address: string) => string): Map<string, Set<string>> {
  const entries = new Map<string, Set<string>>();
  const subnetVpc = (subnet: unknown) => (typeof subnet === "string" && typeof model.subnets.get(subnet)?.vpc === "string" ? rename(model.subnets.get(subnet)!.vpc as string) : undefined);
  const put = (address: string, ...found: (string | undefined)[]) => entries.set(rename(address), new Set(found.filter((vpc): vpc is string => vpc !== undefined)));
  for (const subnet of model.subnets.values()) put(subnet.address, subnetVpc(subnet.address));
  for (const instance of model.instances.values()) put(instance.address, subnetVpc(instance.subnet));
  for (const endpoint of model.instanceConnectEndpoints.values()) put(endpoint.address, subnetVpc(endpoint.subnet));
  for (const lb of model.loadBalancers.values()) put(lb.address, ...lb.subnets.map(subnetVpc));
  for (const endpoint of model.vpcEndpoints.values()) put(endpoint.address, typeof endpoint.vpc === "string" ? rename(endpoint.vpc) : undefined, ...endpoint.subnets.map(subnetVpc));
  return entries;
}

/**
 * Pairs of VPCs one hop apart: joined by a peering, or attached to one transit gateway.
 * The model routes between two VPCs only over one such hop (peering is not transitive,
 * and a transit gateway's route must lead into the destination's own VPC).
 */
export function adjacentVpcs(model: NetworkModel, rename: (address: string) => string): Set<string> {
  const pairs = new Set<string>();
  const join = (a: unknown, b: unknown) => {
    if (typeof a === "string" && typeof b === "string") {
      pairs.add(`${rename(a)} ${rename(b)}`);
      pairs.add(`${rename(b)} ${rename(a)}`);
    }
  };
  for (const peering of model.peerings.values()) join(peering.requesterVpc, peering.accepterVpc);
  const byGateway = new Map<unknown, unknown[]>();
  for (const attachment of model.transitGatewayAttachments.values()) byGateway.set(attachment.gateway, [...(byGateway.get(attachment.gateway) ?? []), attachment.vpc]);
  for (const vpcs of byGateway.values()) for (const a of vpcs) for (const b of vpcs) if (a !== b) join(a, b);
  return pairs;
}

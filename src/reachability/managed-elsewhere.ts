import { isPlainObject } from "../config/json-object";
import type { StateResource } from "../terraform-json/state";

/**
 * Lists that AWS reports whole on one resource while the stack manages their entries
 * with resources of their own: a security group's `ingress` and `egress` (rule
 * resources), a route table's `route` (`aws_route`), a private zone's `vpc` (zone
 * associations). On refresh the list fills with those entries; that is no drift. What
 * is left, an entry no resource of the stack manages, is one made by hand.
 */
export interface ManagedList {
  /** Keys of the entries of `list` on a resource of `type` (one entry may hold several). */
  readonly keysOf: (entry: unknown, owner: Readonly<Record<string, unknown>>, direction: string) => string[];
  /** Keys of what the stack's own resources put into such a list, by the id of the resource that holds it. */
  readonly managed: (resource: StateResource) => { readonly holder: string; readonly keys: readonly string[] }[];
  /** The entry without what `managed` keys name; undefined when nothing is left. */
  readonly reduce: (entry: unknown, owner: Readonly<Record<string, unknown>>, direction: string, managed: ReadonlySet<string>) => unknown;
}

/** An entry that stands for one thing (a route, an association) stays whole or goes whole. */
function wholeEntry(this: void, keysOf: ManagedList["keysOf"]): ManagedList["reduce"] {
  return (entry, owner, direction, managed) => {
    const keys = keysOf(entry, owner, direction);
    return keys.length > 0 && keys.every((key) => managed.has(key)) ? undefined : entry;
  };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string" && item !== "") : []);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { "-1": "all", all: "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6" };

/** A rule's traffic as `tcp/22`, `icmp/8/-1`, `all`: the same whichever resource wrote it. */
function trafficKey(protocol: unknown, from: unknown, to: unknown): string {
  const name = PROTOCOL_NAMES[String(protocol).toLowerCase()] ?? String(protocol).toLowerCase();
  if (name === "all") return "all";
  const port = (value: unknown) => (value === null || value === undefined || value === "" ? -1 : Number(value));
  const [low, high] = [port(from), port(to)];
  if (name === "icmp" || name === "icmpv6") return `${name}/${low}/${high}`;
  return low === high ? `${name}/${low}` : `${name}/${low}-${high}`;
}

function grantKeys(direction: string, traffic: string, peers: readonly string[]): string[] {
  return peers.map((peer) => `${direction} ${traffic} ${direction === "ingress" ? "from" : "to"} ${peer}`);
}

const PEER_LISTS = ["cidr_blocks", "ipv6_cidr_blocks", "prefix_list_ids", "security_groups"];

const securityGroupRules: ManagedList = {
  // One entry holds every peer of one protocol and port range: each peer is a rule of its own.
  reduce: (entry, owner, direction, managed) => {
    if (!isPlainObject(entry)) return entry;
    const traffic = trafficKey(entry["protocol"], entry["from_port"], entry["to_port"]);
    const mine = (peer: string) => managed.has(grantKeys(direction, traffic, [peer])[0]!);
    const reduced: Record<string, unknown> = { ...entry };
    for (const list of PEER_LISTS) reduced[list] = strings(entry[list]).filter((peer) => !mine(peer));
    if (entry["self"] === true && typeof owner["id"] === "string" && mine(owner["id"])) reduced["self"] = false;
    return PEER_LISTS.some((list) => (reduced[list] as string[]).length > 0) || reduced["self"] === true ? reduced : undefined;
  },
  keysOf: (entry, owner, direction) =>
    !isPlainObject(entry) ? [] : grantKeys(direction, trafficKey(entry["protocol"], entry["from_port"], entry["to_port"]), [
      ...strings(entry["cidr_blocks"]),
      ...strings(entry["ipv6_cidr_blocks"]),
      ...strings(entry["prefix_list_ids"]),
      ...strings(entry["security_groups"]),
      ...(entry["self"] === true && typeof owner["id"] === "string" ? [owner["id"]] : []),
    ]),
  managed: (resource) => {
    const values = resource.values;
    const group = text(values["security_group_id"]);
    if (group === undefined) return [];
    if (resource.type === "aws_vpc_security_group_ingress_rule" || resource.type === "aws_vpc_security_group_egress_rule") {
      const direction = resource.type.endsWith("ingress_rule") ? "ingress" : "egress";
      const peer = text(values["cidr_ipv4"]) ?? text(values["cidr_ipv6"]) ?? text(values["prefix_list_id"]) ?? text(values["referenced_security_group_id"]);
      return peer === undefined ? [] : [{ holder: group, keys: grantKeys(direction, trafficKey(values["ip_protocol"], values["from_port"], values["to_port"]), [peer]) }];
    }
    if (resource.type === "aws_security_group_rule") {
      const direction = values["type"] === "egress" ? "egress" : "ingress";
      const peers = [
        ...strings(values["cidr_blocks"]),
        ...strings(values["ipv6_cidr_blocks"]),
        ...strings(values["prefix_list_ids"]),
        ...(text(values["source_security_group_id"]) ? [text(values["source_security_group_id"])!] : []),
        ...(values["self"] === true ? [group] : []),
      ];
      return [{ holder: group, keys: grantKeys(direction, trafficKey(values["protocol"], values["from_port"], values["to_port"]), peers) }];
    }
    return [];
  },
};

const ROUTE_TARGETS = [
  "gateway_id",
  "nat_gateway_id",
  "transit_gateway_id",
  "vpc_peering_connection_id",
  "vpc_endpoint_id",
  "network_interface_id",
  "egress_only_gateway_id",
  "carrier_gateway_id",
  "local_gateway_id",
  "core_network_arn",
];

function routeKey(destination: string | undefined, route: Readonly<Record<string, unknown>>): string[] {
  const target = ROUTE_TARGETS.map((key) => text(route[key])).find((value) => value !== undefined) ?? "no target";
  return destination === undefined ? [] : [`${destination} via ${target}`];
}

const routeKeysOf: ManagedList["keysOf"] = (entry) => !isPlainObject(entry) ? [] : routeKey(text(entry["cidr_block"]) ?? text(entry["ipv6_cidr_block"]) ?? text(entry["destination_prefix_list_id"]), entry);

const routes: ManagedList = {
  keysOf: routeKeysOf,
  reduce: wholeEntry(routeKeysOf),
  managed: (resource) => {
    if (resource.type !== "aws_route") return [];
    const table = text(resource.values["route_table_id"]);
    const values = resource.values;
    const keys = routeKey(text(values["destination_cidr_block"]) ?? text(values["destination_ipv6_cidr_block"]) ?? text(values["destination_prefix_list_id"]), values);
    return table === undefined ? [] : [{ holder: table, keys }];
  },
};

/**
 * A list whose every entry one attachment resource of `type` makes: the entry's key is
 * `label` and the value it names, read from the entry by `valueOf` and from the
 * resource's `valueKey`; the holder is the resource's `holderKey`.
 */
function attachments(type: string, holderKey: string, valueKey: string, label: string, valueOf: (entry: unknown) => string | undefined): ManagedList {
  const keysOf: ManagedList["keysOf"] = (entry) => {
    const value = valueOf(entry);
    return value === undefined ? [] : [`${label} ${value}`];
  };
  return {
    keysOf,
    reduce: wholeEntry(keysOf),
    managed: (resource) => {
      if (resource.type !== type) return [];
      const holder = text(resource.values[holderKey]);
      const value = text(resource.values[valueKey]);
      return holder === undefined || value === undefined ? [] : [{ holder, keys: [`${label} ${value}`] }];
    },
  };
}

/** A private zone's `vpc` fills with what the stack associates by `aws_route53_zone_association`. */
const zoneAssociations = attachments("aws_route53_zone_association", "zone_id", "vpc_id", "associated with", (entry) => (isPlainObject(entry) ? text(entry["vpc_id"]) : undefined));

/** A role's `managed_policy_arns` fill with what the stack attaches by `aws_iam_role_policy_attachment`. */
const policyAttachments = attachments("aws_iam_role_policy_attachment", "role", "policy_arn", "policy", text);

/** Which lists of which resource types are filled by other resources, and how their entries are told apart. */
export const MANAGED_LISTS: Readonly<Record<string, Readonly<Record<string, ManagedList>>>> = {
  aws_security_group: { ingress: securityGroupRules, egress: securityGroupRules },
  aws_default_security_group: { ingress: securityGroupRules, egress: securityGroupRules },
  aws_route_table: { route: routes },
  aws_default_route_table: { route: routes },
  aws_route53_zone: { vpc: zoneAssociations },
  aws_iam_role: { managed_policy_arns: policyAttachments },
};

/** The entries the stack's resources manage, by the id of the resource whose list holds them. */
export function managedEntries(resources: readonly StateResource[]): Map<string, Set<string>> {
  const byHolder = new Map<string, Set<string>>();
  const kinds = [...new Set(Object.values(MANAGED_LISTS).flatMap((lists) => Object.values(lists)))];
  for (const resource of resources) {
    for (const kind of kinds) {
      for (const { holder, keys } of kind.managed(resource)) {
        const set = byHolder.get(holder) ?? new Set<string>();
        keys.forEach((key) => set.add(key));
        byHolder.set(holder, set);
      }
    }
  }
  return byHolder;
}

/**
 * The entries of one resource's list that no resource of the stack manages, each
 * once, as keys a person reads (`ingress tcp/22 from 0.0.0.0/0`).
 */
export function unmanagedEntries(type: string, attribute: string, values: Readonly<Record<string, unknown>> | undefined, managed: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
  const list = MANAGED_LISTS[type]?.[attribute];
  if (list === undefined || values === undefined) return undefined;
  const holder = typeof values["id"] === "string" ? values["id"] : "";
  const mine = managed.get(holder) ?? new Set<string>();
  const entries = Array.isArray(values[attribute]) ? (values[attribute] as unknown[]) : [];
  const keys = entries.flatMap((entry) => list.keysOf(entry, values, attribute));
  return [...new Set(keys.filter((key) => !mine.has(key)))];
}

/**
 * A resource's values without the list entries other resources of the stack manage:
 * those are read from the managing resources themselves, and a list keeps only what
 * no resource manages (a rule added by hand).
 */
export function withoutManagedEntries(type: string, values: Readonly<Record<string, unknown>>, managed: ReadonlyMap<string, ReadonlySet<string>>): Readonly<Record<string, unknown>> {
  const lists = MANAGED_LISTS[type];
  if (lists === undefined) return values;
  const mine = managed.get(typeof values["id"] === "string" ? values["id"] : "") ?? new Set<string>();
  const reduced: Record<string, unknown> = { ...values };
  for (const [attribute, list] of Object.entries(lists)) {
    if (!Array.isArray(values[attribute])) continue;
    reduced[attribute] = (values[attribute] as unknown[]).flatMap((entry) => {
      const left = list.reduce(entry, values, attribute, mine);
      return left === undefined ? [] : [left];
    });
  }
  return reduced;
}

/**
 * Entries no resource of the stack manages that the last apply recorded and a refresh
 * still reads: made by hand before that apply, which kept them (a deploy leaves a list
 * entry alone that no resource manages). Lists the holder declares inline in the stack
 * (a private zone's own `vpc`) are the holder's own and never stand out.
 */
export interface StandingEntries {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly attribute: string;
  readonly entries: readonly string[];
}

export function standingEntries(
  recorded: readonly StateResource[],
  refreshed: readonly StateResource[],
  managed: ReadonlyMap<string, ReadonlySet<string>>,
  declaresInline: (resource: StateResource, attribute: string) => boolean,
): StandingEntries[] {
  const now = new Map(refreshed.map((resource) => [resource.address, resource]));
  return recorded.flatMap((resource) =>
    Object.keys(MANAGED_LISTS[resource.type] ?? {}).flatMap((attribute): StandingEntries[] => {
      const after = now.get(resource.address);
      if (after === undefined || declaresInline(resource, attribute)) return [];
      const then = unmanagedEntries(resource.type, attribute, resource.values, managed) ?? [];
      const still = new Set(unmanagedEntries(after.type, attribute, after.values, managed) ?? []);
      const entries = then.filter((entry) => still.has(entry));
      return entries.length === 0 ? [] : [{ address: resource.address, type: resource.type, name: resource.name, attribute, entries }];
    }),
  );
}

/** A resource's values without the given entries of its managed lists (each named as `unmanagedEntries` names it). */
export function withoutEntries(resource: StateResource, attribute: string, entries: ReadonlySet<string>): StateResource {
  const list = MANAGED_LISTS[resource.type]?.[attribute];
  const values = resource.values;
  if (list === undefined || !Array.isArray(values[attribute])) return resource;
  const kept = (values[attribute] as unknown[]).flatMap((entry) => {
    const left = list.reduce(entry, values, attribute, entries);
    return left === undefined ? [] : [left];
  });
  return { ...resource, values: { ...values, [attribute]: kept } };
}

import type { GroupSelection, Maybe, NetworkModel, SecurityGroup, Subnet, Vpc } from "../model";
import { Unknown } from "../values";
import { unknown, type Check } from "./checks";

/**
 * Where traffic enters or leaves the network: a network interface (or a range of
 * possible ones) in a subnet, with the security groups that filter it.
 */
export interface Attachment {
  readonly label: string;
  readonly subnet: Subnet;
  readonly vpc: Vpc;
  /** The address as a CIDR: `/32` when known, else the subnet's block (AWS picks the address). */
  readonly range: string;
  /** `undefined` when the interface is not described by this stack (an address range). */
  readonly groups?: SecurityGroup[];
}

/** How the receiver of a connection sees its sender. */
export interface SeenAs {
  readonly description: string;
  /** `undefined` when the address is not known here (the operator's, for one). */
  readonly range?: string;
  readonly groups: SecurityGroup[];
}

export function seenAs(attachment: Attachment): SeenAs {
  return {
    description: `${attachment.label} (${attachment.range})`,
    range: attachment.range,
    groups: attachment.groups ?? [],
  };
}

export type Lookup<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly check: Check };

export function subnetAndVpc(model: NetworkModel, owner: string, subnetId: Maybe<string>): Lookup<{ subnet: Subnet; vpc: Vpc }> {
  const subnet = typeof subnetId === "string" ? model.subnets.get(subnetId) : undefined;
  if (!subnet) {
    return { ok: false, check: unknown(owner, `its subnet ${String(subnetId)} is not a subnet of this stack`) };
  }
  const vpc = typeof subnet.vpc === "string" ? model.vpcs.get(subnet.vpc) : undefined;
  if (!vpc) {
    return { ok: false, check: unknown(subnet.label, `its VPC ${String(subnet.vpc)} is not a VPC of this stack`) };
  }
  return { ok: true, value: { subnet, vpc } };
}

export function groupsOf(model: NetworkModel, owner: string, selection: GroupSelection, vpc: Vpc): Lookup<SecurityGroup[]> {
  if (selection.kind === "vpc-default") {
    const address = model.defaultSecurityGroupOfVpc.get(vpc.address);
    const group = address === undefined ? undefined : model.securityGroups.get(address);
    return group ? { ok: true, value: [group] } : { ok: false, check: unknown(owner, `the default security group of ${vpc.label} is not known`) };
  }
  const groups: SecurityGroup[] = [];
  for (const id of selection.groups) {
    const group = typeof id === "string" ? model.securityGroups.get(id) : undefined;
    if (!group) {
      return { ok: false, check: unknown(owner, `security group ${String(id)} is not a group of this stack`) };
    }
    groups.push(group);
  }
  return { ok: true, value: groups };
}

/** `a.b.c.d/32` for a known address, else the subnet's block. */
export function rangeOf(subnet: Subnet, address: Maybe<string> | undefined): string | undefined {
  if (typeof address === "string") {
    return `${address}/32`;
  }
  return typeof subnet.cidr === "string" ? subnet.cidr : undefined;
}

export function attachmentIn(
  model: NetworkModel,
  label: string,
  subnetId: Maybe<string>,
  selection: GroupSelection | undefined,
  address?: Maybe<string>,
): Lookup<Attachment> {
  const located = subnetAndVpc(model, label, subnetId);
  if (!located.ok) {
    return located;
  }
  const { subnet, vpc } = located.value;
  const range = rangeOf(subnet, address);
  if (range === undefined) {
    return { ok: false, check: unknown(subnet.label, `its CIDR block ${String(subnet.cidr)} is known only after apply`) };
  }
  if (selection === undefined) {
    return { ok: true, value: { label, subnet, vpc, range } };
  }
  const groups = groupsOf(model, label, selection, vpc);
  return groups.ok ? { ok: true, value: { label, subnet, vpc, range, groups: groups.value } } : groups;
}

export function zoneText(subnet: Subnet): string {
  const parts = [subnet.zone.id, subnet.zone.name].filter((part): part is string => typeof part === "string");
  return parts.length > 0 ? parts.join(" / ") : "an Availability Zone known only after apply";
}

/**
 * Whether two subnets are in the same Availability Zone. Zone IDs name the same zone in
 * every account; zone names only within one account, so names are compared only when
 * both subnets are created by the same provider configuration.
 */
export function sameZone(model: NetworkModel, a: Subnet, b: Subnet): boolean | Unknown {
  if (typeof a.zone.id === "string" && typeof b.zone.id === "string") {
    return a.zone.id === b.zone.id;
  }
  const providerOf = (subnet: Subnet) => (typeof subnet.vpc === "string" ? model.vpcs.get(subnet.vpc)?.provider : undefined);
  if (typeof a.zone.name === "string" && typeof b.zone.name === "string" && providerOf(a) === providerOf(b)) {
    return a.zone.name === b.zone.name;
  }
  return new Unknown(`zone of ${a.label} (${zoneText(a)}) versus ${b.label} (${zoneText(b)})`);
}

import type { NetworkModel, RulePeer, SecurityGroupRule } from "../../reachability/model";

/** The whole IPv4 or IPv6 internet, as a security group rule names it. */
export function isWholeInternet(peer: RulePeer): peer is Extract<RulePeer, { kind: "cidr" | "ipv6" }> {
  return (peer.kind === "cidr" && peer.cidr === "0.0.0.0/0") || (peer.kind === "ipv6" && peer.cidr === "::/0");
}

/**
 * Every rule the stack writes, except those of VPC default groups: a default group
 * must have no rule at all, which `default-security-group-closed` says once.
 */
export function rulesOutsideDefaultGroups(model: NetworkModel): SecurityGroupRule[] {
  return [...[...model.securityGroups.values()].filter((group) => !group.isDefault).flatMap((group) => group.rules), ...model.rulesOfOtherGroups];
}

export function describePorts(rule: SecurityGroupRule): string {
  const protocol = String(rule.protocol);
  if (protocol === "-1") {
    return "all traffic";
  }
  const from = rule.fromPort === undefined ? undefined : String(rule.fromPort);
  const to = rule.toPort === undefined ? undefined : String(rule.toPort);
  return from === undefined ? protocol : from === to ? `${protocol}/${from}` : `${protocol}/${from}-${to}`;
}

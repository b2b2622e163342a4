import { coverEveryAddress, parseCidr } from "../../config/cidr";
import type { NetworkModel, RulePeer, SecurityGroupRule } from "../../reachability/model";

/** The whole IPv4 or IPv6 internet, as a security group rule names it. */
export function isWholeInternet(peer: RulePeer): peer is Extract<RulePeer, { kind: "cidr" | "ipv6" }> {
  return (peer.kind === "cidr" && peer.cidr === "0.0.0.0/0") || (peer.kind === "ipv6" && peer.cidr === "::/0");
}

/**
 * The rules of one group in one direction that, port range by port range, together
 * admit every IPv4 address though none says 0.0.0.0/0 (0.0.0.0/1 and 128.0.0.0/1),
 * each list with the ports it opens.
 */
export function worldByUnion(model: NetworkModel, direction: SecurityGroupRule["direction"]): { readonly rules: SecurityGroupRule[]; readonly ports: string }[] {
  const found: { rules: SecurityGroupRule[]; ports: string }[] = [];
  for (const group of [...model.securityGroups.values()].filter((candidate) => !candidate.isDefault)) {
    const byPorts = new Map<string, SecurityGroupRule[]>();
    for (const rule of group.rules) {
      if (rule.direction === direction && rule.peer.kind === "cidr" && !isWholeInternet(rule.peer)) {
        const ports = describePorts(rule);
        byPorts.set(ports, [...(byPorts.get(ports) ?? []), rule]);
      }
    }
    for (const [ports, rules] of byPorts) {
      const blocks = rules.flatMap((rule) => {
        const parsed = rule.peer.kind === "cidr" ? parseCidr(rule.peer.cidr) : undefined;
        return parsed?.ok ? [parsed.cidr] : [];
      });
      if (coverEveryAddress(blocks)) found.push({ rules, ports });
    }
  }
  return found;
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

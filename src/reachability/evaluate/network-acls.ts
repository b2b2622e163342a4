import type { NetworkAcl, NetworkModel, Subnet } from "../model";
import { fail, pass, unknown, type Check } from "./checks";
import { relate } from "./ranges";
import { describePorts, ruleCovers, type PortRange } from "./traffic";

/** The ACL filtering a subnet: one that lists it, else its VPC's adopted default ACL. */
export function aclOf(model: NetworkModel, subnet: Subnet): NetworkAcl | undefined {
  const acls = [...model.networkAcls.values()];
  return (
    acls.find((acl) => !acl.isDefault && acl.subnets.includes(subnet.address)) ??
    acls.find((acl) => acl.isDefault && acl.subnets.includes(subnet.address)) ??
    acls.find((acl) => acl.isDefault && acl.vpc === subnet.vpc)
  );
}

/**
 * Network ACLs are stateless: the request and the reply are each checked, in rule
 * number order, first match wins, and anything unmatched is denied. A subnet whose
 * VPC's default ACL is not adopted gets AWS's default ACL, which allows everything.
 */
export function aclAdmits(
  model: NetworkModel,
  subnet: Subnet,
  direction: "ingress" | "egress",
  peerRange: string | undefined,
  peerDescription: string,
  ports: PortRange,
  purpose: string,
): Check {
  const acl = aclOf(model, subnet);
  if (!acl) {
    return { ...pass(`network ACL of ${subnet.label}`, "the VPC's default network ACL (not adopted) allows all traffic"), quiet: true };
  }
  const preposition = direction === "egress" ? "to" : "from";
  for (const rule of acl.rules.filter((candidate) => candidate.direction === direction)) {
    const covers = ruleCovers(rule.protocol, rule.fromPort, rule.toPort, ports);
    if (covers === false) {
      continue;
    }
    if (typeof rule.cidr !== "string" || covers !== true || peerRange === undefined) {
      return unknown(acl.label, `rule ${rule.ruleNumber} decides ${purpose} ${preposition} ${peerDescription}, and it depends on a value known only after apply`);
    }
    const relation = relate(rule.cidr, peerRange);
    if (relation === "disjoint") {
      continue;
    }
    if (relation === "overlaps") {
      return unknown(acl.label, `rule ${rule.ruleNumber} (${rule.cidr}) covers only part of ${peerDescription}`);
    }
    const verdict = `${acl.label} (network ACL of ${subnet.label}): ${direction} rule ${rule.ruleNumber} ${rule.allow ? "allows" : "denies"} ${describePorts(ports)} ${preposition} ${rule.cidr} (${purpose})`;
    return rule.allow ? pass(acl.label, verdict) : fail(acl.label, verdict);
  }
  return fail(acl.label, `${acl.label} (network ACL of ${subnet.label}) has no ${direction} rule allowing ${describePorts(ports)} ${preposition} ${peerDescription} (${purpose}); network ACLs are stateless, so ${purpose === "reply" ? "replies need their own rule" : "every direction needs a rule"}`);
}

import type { NetworkAcl, NetworkAclRule, NetworkModel, Subnet } from "../model";
import { Unknown } from "../values";
import { fail, pass, unknown, type Check } from "./checks";
import { relate } from "./ranges";
import { describePorts, ruleCovers, type PortRange } from "./traffic";

/** Each model's ACL of each subnet, worked out once: every flow asks for it twice per hop. */
const aclBySubnet = new WeakMap<NetworkModel, Map<Subnet, NetworkAcl | undefined>>();

/** The ACL filtering a subnet: one that lists it, else its VPC's adopted default ACL. */
export function aclOf(model: NetworkModel, subnet: Subnet): NetworkAcl | undefined {
  let known = aclBySubnet.get(model);
  if (known === undefined) {
    known = new Map();
    aclBySubnet.set(model, known);
  }
  if (!known.has(subnet)) {
    const acls = [...model.networkAcls.values()];
    known.set(
      subnet,
      acls.find((acl) => !acl.isDefault && acl.subnets.includes(subnet.address)) ??
        acls.find((acl) => acl.isDefault && acl.subnets.includes(subnet.address)) ??
        acls.find((acl) => acl.isDefault && acl.vpc === subnet.vpc),
    );
  }
  return known.get(subnet);
}

/** Each ACL's rules of one direction, sorted out once rather than for every flow that crosses it. */
const byDirection = new WeakMap<NetworkAcl, Record<"ingress" | "egress", NetworkAclRule[]>>();

function rulesOf(acl: NetworkAcl, direction: "ingress" | "egress"): NetworkAclRule[] {
  let split = byDirection.get(acl);
  if (split === undefined) {
    split = { ingress: acl.rules.filter((rule) => rule.direction === "ingress"), egress: acl.rules.filter((rule) => rule.direction === "egress") };
    byDirection.set(acl, split);
  }
  return split[direction];
}

/** Same protocol, and the rule's port range meets the traffic's without holding all of it. */
function portsIntersect(rule: NetworkAclRule, ports: PortRange): boolean {
  if (rule.protocol !== ports.protocol || ports.protocol === "icmp" || typeof rule.fromPort !== "number" || typeof rule.toPort !== "number") {
    return false;
  }
  return rule.fromPort <= ports.to && ports.from <= rule.toPort;
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
  const rules = rulesOf(acl, direction);
  if (rules.some((rule) => rule.ruleNumber instanceof Unknown)) {
    return unknown(acl.label, `the order of its ${direction} rules is known only after apply`);
  }
  for (const rule of rules) {
    const covers = ruleCovers(rule.protocol, rule.fromPort, rule.toPort, ports);
    const coversPart = covers === false && portsIntersect(rule, ports);
    if (covers === false && !coversPart) {
      continue;
    }
    if (typeof rule.cidr !== "string" || covers instanceof Unknown || rule.allow instanceof Unknown || peerRange === undefined) {
      return unknown(acl.label, `rule ${String(rule.ruleNumber)} decides ${purpose} ${preposition} ${peerDescription}, and it depends on a value known only after apply`);
    }
    const relation = relate(rule.cidr, peerRange);
    if (relation === "disjoint") {
      continue;
    }
    if (relation === "overlaps" || coversPart) {
      return unknown(acl.label, `rule ${String(rule.ruleNumber)} (${rule.cidr}, ports ${String(rule.fromPort)}-${String(rule.toPort)}) covers only part of ${describePorts(ports)} ${preposition} ${peerDescription} (${purpose})`);
    }
    const verdict = `${acl.label} (network ACL of ${subnet.label}): ${direction} rule ${rule.ruleNumber} ${rule.allow ? "allows" : "denies"} ${describePorts(ports)} ${preposition} ${rule.cidr} (${purpose})`;
    return rule.allow ? pass(acl.label, verdict) : fail(acl.label, verdict);
  }
  return fail(acl.label, `${acl.label} (network ACL of ${subnet.label}) has no ${direction} rule allowing ${describePorts(ports)} ${preposition} ${peerDescription} (${purpose}); network ACLs are stateless, so ${purpose === "reply" ? "replies need their own rule" : "every direction needs a rule"}`);
}

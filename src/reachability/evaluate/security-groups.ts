import type { NetworkModel, SecurityGroup, SecurityGroupRule } from "../model";
import { Unknown } from "../values";
import type { SeenAs } from "./attachments";
import { fail, pass, unknown, type Check } from "./checks";
import { relate } from "./ranges";
import { describePorts, ruleCovers, type PortRange } from "./traffic";

type Match = { readonly matches: true } | { readonly matches: false; readonly note?: string } | { readonly matches: "unknown"; readonly why: string };

/**
 * Whether a rule of a group in `ownerVpc` can name a group in `memberVpc`: within one
 * VPC, or across an accepted peering in one region. Not across a transit gateway
 * (unless its referencing support is on, which is not modelled) nor between regions.
 */
function referenceReaches(model: NetworkModel, ownerVpc: unknown, memberVpc: unknown): boolean {
  if (ownerVpc === memberVpc) {
    return typeof ownerVpc === "string";
  }
  return [...model.peerings.values()].some(
    (peering) =>
      peering.accepted === true &&
      !peering.interRegion &&
      ((peering.requesterVpc === ownerVpc && peering.accepterVpc === memberVpc) ||
        (peering.accepterVpc === ownerVpc && peering.requesterVpc === memberVpc)),
  );
}

function peerMatches(model: NetworkModel, owner: SecurityGroup, rule: SecurityGroupRule, peer: SeenAs): Match {
  const target = rule.peer;
  switch (target.kind) {
    case "cidr":
      if (peer.range === undefined) {
        return target.cidr === "0.0.0.0/0" ? { matches: true } : { matches: "unknown", why: `whether ${peer.description} is inside ${target.cidr}` };
      }
      switch (relate(target.cidr, peer.range)) {
        case "contains":
          return { matches: true };
        case "overlaps":
          return { matches: "unknown", why: `whether the address AWS assigns in ${peer.range} falls inside ${target.cidr}` };
        default:
          return { matches: false };
      }
    case "group": {
      const member = peer.groups.find((group) => group.address === target.group);
      if (!member) {
        return { matches: false };
      }
      return referenceReaches(model, owner.vpc, member.vpc)
        ? { matches: true }
        : {
            matches: false,
            note: `${owner.label} references ${member.label}, but a group reference only works within a VPC or across an accepted peering in one region`,
          };
    }
    case "unknown":
      return { matches: "unknown", why: String(target.value) };
    default:
      // IPv6 blocks never hold IPv4 traffic; prefix lists here are AWS service ranges.
      return { matches: false };
  }
}

function labels(groups: readonly SecurityGroup[]): string {
  return groups.map((group) => group.label).join(", ");
}

/**
 * Whether any of `groups` has a `direction` rule for `ports` to or from `peer`.
 * Security groups are stateful: a connection one rule admits needs no rule for replies.
 */
export function groupsAdmit(
  model: NetworkModel,
  groups: readonly SecurityGroup[],
  direction: "ingress" | "egress",
  peer: SeenAs,
  ports: PortRange,
  owner: string,
): Check {
  const component = groups.length === 1 ? groups[0]!.label : `security groups of ${owner}`;
  const preposition = direction === "egress" ? "to" : "from";
  const unknowns: string[] = [];
  const notes: string[] = [];
  for (const group of groups) {
    for (const rule of group.rules.filter((candidate) => candidate.direction === direction)) {
      const covers = ruleCovers(rule.protocol, rule.fromPort, rule.toPort, ports);
      if (covers === false) {
        continue;
      }
      const match = peerMatches(model, group, rule, peer);
      if (covers === true && match.matches === true) {
        return pass(group.label, `${direction} ${describePorts(ports)} ${preposition} ${peer.description} (${rule.declaredIn})`, [rule.declaredIn]);
      }
      if (match.matches === "unknown") {
        unknowns.push(`${rule.declaredIn}: ${match.why}`);
      } else if (covers instanceof Unknown && match.matches === true) {
        unknowns.push(`${rule.declaredIn}: ${covers.toString()}`);
      } else if (match.matches === false && match.note) {
        notes.push(match.note);
      }
    }
  }
  if (unknowns.length > 0) {
    return unknown(component, `only rules with values known after apply could admit ${describePorts(ports)} ${preposition} ${peer.description}: ${unknowns.join("; ")}`);
  }
  const what = `${direction} rule for ${describePorts(ports)} ${preposition} ${peer.description}`;
  if (groups.length > 0 && groups.every((group) => group.isDefault)) {
    notes.push(`${owner} names no security group, so it gets its VPC's default group`);
  }
  const because = notes.length > 0 ? ` (${notes.join("; ")})` : "";
  if (groups.length === 0) {
    // Named by its owner, so that a review or a drift can say which resource lost its groups.
    return fail(owner, `${owner} has no security group, so it has no ${what}`);
  }
  return fail(
    component,
    groups.length === 1 ? `${groups[0]!.label} has no ${what}${because}` : `none of ${labels(groups)} (on ${owner}) has an ${what}${because}`,
    groups.map((group) => group.address),
  );
}

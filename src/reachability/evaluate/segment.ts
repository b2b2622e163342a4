import type { NetworkModel } from "../model";
import { seenAs, type Attachment, type SeenAs } from "./attachments";
import { pass, type Check } from "./checks";
import { aclAdmits } from "./network-acls";
import { routeChecks } from "./routing";
import { groupsAdmit } from "./security-groups";
import { replyPorts, requestPorts, type PortRange, type Traffic } from "./traffic";

export interface SegmentOptions {
  /** How the receiver sees the sender; by default as the sender's own address and groups. */
  readonly seenAs?: SeenAs;
  /** Why the receiver's groups do not filter this traffic, when they do not. */
  readonly receiverGroupsSkipped?: string;
}

/**
 * Every check between two network interfaces, in the order a packet meets them: the
 * sender's security groups, its subnet's network ACL, the route there, the receiver's
 * network ACL and security groups, and then, for the reply, the stateless parts again
 * (security groups are stateful, network ACLs and routes are not).
 */
export function segmentChecks(model: NetworkModel, sender: Attachment, receiver: Attachment, traffic: Traffic, options: SegmentOptions = {}): Check[] {
  const request = requestPorts(traffic);
  const reply = replyPorts(traffic);
  // The receiver's stateless filters judge the address it sees, which differs from the
  // sender's when a client address is preserved (unknown when it is the operator's).
  const seen = options.seenAs ?? seenAs(sender);
  const receiverText = `${receiver.label} (${receiver.range})`;
  const sameSubnet = sender.subnet.address === receiver.subnet.address;
  const checks: Check[] = [];
  if (sender.groups) {
    checks.push(groupsAdmitSafe(model, sender, "egress", seenAs(receiver), request));
  }
  if (!sameSubnet) {
    checks.push(aclAdmits(model, sender.subnet, "egress", receiver.range, receiverText, request, "request"));
    checks.push(...routeChecks(model, sender, receiver, receiver.range, "request"));
    checks.push(aclAdmits(model, receiver.subnet, "ingress", seen.range, seen.description, request, "request"));
  }
  if (options.receiverGroupsSkipped) {
    checks.push(pass(receiver.label, options.receiverGroupsSkipped));
  } else if (receiver.groups) {
    checks.push(groupsAdmitSafe(model, receiver, "ingress", seen, request));
  }
  if (!sameSubnet) {
    checks.push(aclAdmits(model, receiver.subnet, "egress", seen.range, seen.description, reply, "reply"));
    checks.push(...routeChecks(model, receiver, sender, sender.range, "reply"));
    checks.push(aclAdmits(model, sender.subnet, "ingress", receiver.range, receiverText, reply, "reply"));
  }
  return checks;
}

function groupsAdmitSafe(model: NetworkModel, owner: Attachment, direction: "ingress" | "egress", peer: SeenAs, ports: PortRange): Check {
  return groupsAdmit(model, owner.groups ?? [], direction, peer, ports, owner.label);
}

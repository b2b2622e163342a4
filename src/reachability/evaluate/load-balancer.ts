import type { Listener, LoadBalancer, NetworkModel, SecurityGroup, TargetGroup } from "../model";
import { Unknown } from "../values";
import { attachmentIn, groupsOf, sameZone, seenAs, zoneText, type Attachment, type SeenAs } from "./attachments";
import { fail, pass, statusOf, unknown, type Check, type PathResult } from "./checks";
import type { ResolvedSource } from "./parties";
import { segmentChecks } from "./segment";
import { groupsAdmit } from "./security-groups";
import { describeTraffic, requestPorts, type Traffic } from "./traffic";

const LISTENER_PROTOCOLS: Record<LoadBalancer["lbType"], Record<"tcp" | "udp", string[]>> = {
  application: { tcp: ["HTTP", "HTTPS"], udp: [] },
  network: { tcp: ["TCP", "TLS", "TCP_UDP"], udp: ["UDP", "TCP_UDP"] },
  gateway: { tcp: [], udp: [] },
};

function listenerFor(model: NetworkModel, lb: LoadBalancer, traffic: Traffic): Listener | Check {
  if (traffic.protocol === "icmp") {
    return fail(lb.label, `${lb.label} answers only on its listeners; load balancers do not forward icmp`);
  }
  const protocols = LISTENER_PROTOCOLS[lb.lbType][traffic.protocol];
  const listener = [...model.listeners.values()].find(
    (candidate) =>
      candidate.loadBalancer === lb.address &&
      candidate.port === traffic.port &&
      (typeof candidate.protocol !== "string" || protocols.includes(candidate.protocol.toUpperCase())),
  );
  if (listener) {
    return listener;
  }
  const undecided = [...model.listeners.values()].find((candidate) => candidate.loadBalancer === lb.address && candidate.port instanceof Unknown);
  return undecided
    ? unknown(lb.label, `no listener on ${describeTraffic(traffic)} is known, and ${undecided.address} has a port known only after apply`)
    : fail(lb.label, `${lb.label} has no listener for ${describeTraffic(traffic)}`, [lb.address]);
}

interface Target {
  readonly attachment: Attachment;
  readonly port: number;
  readonly group: TargetGroup;
}

function targetsOf(model: NetworkModel, listener: Listener): Target[] | Check {
  const targets: Target[] = [];
  for (const groupId of listener.targetGroups) {
    const group = typeof groupId === "string" ? model.targetGroups.get(groupId) : undefined;
    if (!group) {
      return unknown(listener.label, `it forwards to target group ${String(groupId)}, which is not in this stack`);
    }
    for (const registration of [...model.targetAttachments.values()].filter((candidate) => candidate.targetGroup === group.address)) {
      const port = registration.port ?? group.port;
      if (typeof port !== "number") {
        return unknown(group.label, `its port is known only after apply`);
      }
      if (registration.target.kind !== "instance") {
        return unknown(registration.label, `it registers ${String(registration.target.ip)}, an IP target this model does not place`);
      }
      const instance = model.instances.get(registration.target.instance)!;
      const attachment = attachmentIn(model, instance.label, instance.subnet, instance.securityGroups, instance.privateIp);
      if (!attachment.ok) {
        return attachment.check;
      }
      targets.push({ attachment: attachment.value, port, group });
    }
  }
  return targets.length > 0 ? targets : fail(listener.label, `the listener forwards to target groups with no registered target`);
}

export interface PrivateLinkEntry {
  /** The endpoint network interface the connection comes from. */
  readonly endpointInterface: Attachment;
}

function privateLinkEntryCheck(model: NetworkModel, lb: LoadBalancer, groups: SecurityGroup[], entry: PrivateLinkEntry, traffic: Traffic): Check {
  if (groups.length === 0) {
    return pass(lb.label, "has no security group: PrivateLink traffic reaches its listeners");
  }
  if (lb.enforceInboundOnPrivateLink === false) {
    return pass(lb.label, "inbound rules are not enforced on PrivateLink traffic (the endpoint's own group filters it)");
  }
  if (lb.enforceInboundOnPrivateLink instanceof Unknown) {
    return unknown(lb.label, `whether inbound rules apply to PrivateLink traffic: ${lb.enforceInboundOnPrivateLink.toString()}`);
  }
  const from: SeenAs = {
    description: `PrivateLink traffic from ${entry.endpointInterface.label} (${entry.endpointInterface.range})`,
    range: entry.endpointInterface.range,
    groups: [],
  };
  const check = groupsAdmit(model, groups, "ingress", from, requestPorts(traffic), lb.label);
  return check.outcome === "fail"
    ? fail(
        check.component,
        `${check.detail}; ${lb.label} enforces its inbound rules on PrivateLink traffic: set enforce_security_group_inbound_rules_on_private_link_traffic = "off" (the endpoint's group already filters consumers)`,
      )
    : check;
}

/**
 * Paths through a load balancer: one per node a client can enter by (every subnet of
 * the load balancer for a direct client; the node in the endpoint's zone for
 * PrivateLink), each continuing to the targets that node may choose (its own zone only
 * when cross-zone load balancing is off). A node serves if any of its targets is
 * reachable on the traffic port and the health check port.
 */
export function loadBalancerPaths(model: NetworkModel, source: ResolvedSource, lb: LoadBalancer, traffic: Traffic, privateLink?: PrivateLinkEntry): PathResult[] {
  const listener = listenerFor(model, lb, traffic);
  if (!("targetGroups" in listener)) {
    return [{ name: lb.label, checks: [listener] }];
  }
  const targets = targetsOf(model, listener);
  if (!Array.isArray(targets)) {
    return [{ name: lb.label, checks: [targets] }];
  }
  const located: Attachment[] = [];
  for (const subnetId of lb.subnets) {
    const node = attachmentIn(model, `${lb.label} node`, subnetId, undefined);
    if (!node.ok) {
      return [{ name: lb.label, checks: [node.check] }];
    }
    located.push({ ...node.value, label: `${lb.label} node in ${node.value.subnet.label}` });
  }
  const named = located[0] ? groupsOf(model, lb.label, { kind: "groups", groups: lb.securityGroups }, located[0].vpc) : { ok: true as const, value: [] };
  if (!named.ok) {
    return [{ name: lb.label, checks: [named.check] }];
  }
  const groups: SecurityGroup[] = [...named.value];
  // An ALB created without groups gets its VPC's default group; an NLB gets none.
  const defaultGroup = located[0] ? model.defaultSecurityGroupOfVpc.get(located[0].vpc.address) : undefined;
  if (groups.length === 0 && lb.lbType === "application" && defaultGroup) {
    groups.push(model.securityGroups.get(defaultGroup)!);
  }
  const nodes = located.map((node) => ({ ...node, groups: groups.length > 0 ? groups : undefined }));
  let entryNodes = nodes;
  if (privateLink) {
    const endpointSubnet = privateLink.endpointInterface.subnet;
    entryNodes = nodes.filter((node) => sameZone(model, node.subnet, endpointSubnet) === true);
    const undecided = nodes.map((node) => sameZone(model, node.subnet, endpointSubnet)).find((same) => same instanceof Unknown);
    if (entryNodes.length === 0 && undecided) {
      return [{ name: `via ${privateLink.endpointInterface.label}`, checks: [unknown(lb.label, `which ${lb.label} node serves ${privateLink.endpointInterface.label}: ${undecided.toString()}`)] }];
    }
    if (entryNodes.length === 0) {
      return [
        {
          name: `via ${privateLink.endpointInterface.label}`,
          checks: [fail(lb.label, `${lb.label} has no subnet in ${zoneText(endpointSubnet)}, where ${privateLink.endpointInterface.label} is; PrivateLink only connects an endpoint to the load balancer node in its own zone`)],
        },
      ];
    }
  }
  return entryNodes.map((node) => {
    const entry = privateLink
      ? [privateLinkEntryCheck(model, lb, groups, privateLink, traffic)]
      : source.attachment
        ? segmentChecks(model, source.attachment, node, traffic, {
            seenAs: source.seenAs,
            receiverGroupsSkipped: groups.length === 0 ? "has no security group: all client traffic reaches its listeners" : undefined,
          })
        : [
            lb.internal === true
              ? fail(lb.label, `${source.outside}; an internal load balancer is reachable only from networks routed to its VPC`)
              : unknown(lb.label, `${source.outside}; paths to internet-facing load balancers are not modelled`),
          ];
    entry.push(pass(`${lb.label}:${String(listener.port)}`, `listener ${String(listener.protocol)}:${String(listener.port)} (${listener.address})`, [listener.address]));
    const candidates: { target: Target; zoneCheck?: Check }[] = [];
    for (const target of targets) {
      const crossZone = target.group.crossZone ?? lb.crossZone;
      const same = crossZone === true ? true : sameZone(model, target.attachment.subnet, node.subnet);
      if (same === true) {
        candidates.push({ target });
      } else if (same instanceof Unknown || crossZone instanceof Unknown) {
        const why = same instanceof Unknown ? same.toString() : String(crossZone);
        candidates.push({ target, zoneCheck: unknown(lb.label, `whether the ${node.label} may send to ${target.attachment.label}: ${why}`) });
      }
    }
    if (candidates.length === 0) {
      const zones = [...new Set(targets.map((target) => zoneText(target.attachment.subnet)))].join(", ");
      return {
        name: `via ${node.label}`,
        checks: [
          ...entry,
          fail(lb.label, `the ${node.label} (${zoneText(node.subnet)}) has no target in its zone and cross-zone load balancing is off (targets are in ${zones}); set enable_cross_zone_load_balancing = true or register a target in that zone`),
        ],
      };
    }
    const perTarget = candidates.map(({ target, zoneCheck }) => [...(zoneCheck ? [zoneCheck] : []), ...targetChecks(model, lb, node, target, source, Boolean(privateLink))]);
    const best =
      perTarget.find((checks) => statusOf(checks) === "reachable") ?? perTarget.find((checks) => statusOf(checks) === "unknown") ?? perTarget[0]!;
    return { name: `via ${node.label}`, checks: [...entry, ...best] };
  });
}

function targetChecks(model: NetworkModel, lb: LoadBalancer, node: Attachment, target: Target, source: ResolvedSource, privateLink: boolean): Check[] {
  // An NLB keeps the client's address for instance targets unless told otherwise; a
  // rule naming the NLB's own group still matches (AWS documents this), a CIDR rule
  // must hold the client. PrivateLink traffic always arrives from the NLB's addresses.
  const preservesClient = lb.lbType === "network" && !privateLink && (target.group.preserveClientIp ?? target.group.targetType === "instance") === true;
  const nodeSeenAs: SeenAs = preservesClient
    ? { description: `${source.seenAs.description} through ${lb.label} (client IP preserved)`, range: source.seenAs.range, groups: node.groups ?? [] }
    : seenAs(node);
  const forward: Traffic = { protocol: lb.lbType === "network" && target.group.protocol === "UDP" ? "udp" : "tcp", port: target.port };
  const checks = [
    pass(target.group.label, `forwards to ${target.attachment.label} on ${describeTraffic(forward)}`, [target.group.address]),
    ...segmentChecks(model, node, target.attachment, forward, { seenAs: nodeSeenAs }),
  ];
  const healthPort = target.group.healthCheckPort === "traffic-port" ? target.port : target.group.healthCheckPort;
  if (typeof healthPort === "number" && healthPort !== target.port) {
    checks.push(...segmentChecks(model, node, target.attachment, { protocol: "tcp", port: healthPort }).map((check) => ({ ...check, detail: `health check: ${check.detail}` })));
  }
  return checks;
}

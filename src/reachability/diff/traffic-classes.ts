import type { NetworkModel, Protocol } from "../model";
import { describeTraffic, type Traffic } from "../evaluate/traffic";

/**
 * Traffic that every rule, listener and network ACL entry of both sides treats alike:
 * a stretch of TCP or UDP destination ports between two of their edges, or a ping.
 * One port stands for the whole stretch, so evaluating it is exact, not a sample.
 */
export type TrafficClass = { readonly protocol: "tcp" | "udp"; readonly from: number; readonly to: number } | { readonly protocol: "icmp" };

const MAX_PORT = 65535;

/** The traffic one port of the class sends: its first port. */
export function representative(traffic: TrafficClass): Traffic {
  return traffic.protocol === "icmp" ? { protocol: "icmp" } : { protocol: traffic.protocol, port: traffic.from };
}

export function describeTrafficClass(traffic: TrafficClass): string {
  if (traffic.protocol === "icmp") return describeTraffic({ protocol: "icmp" });
  if (traffic.from === 0 && traffic.to === MAX_PORT) return `${traffic.protocol} (every port)`;
  return traffic.from === traffic.to ? `${traffic.protocol}/${traffic.from}` : `${traffic.protocol}/${traffic.from}-${traffic.to}`;
}

/** Whether `traffic` sends what the class holds. */
export function classHolds(traffic: TrafficClass, sent: Traffic): boolean {
  if (traffic.protocol === "icmp" || sent.protocol === "icmp") return traffic.protocol === sent.protocol;
  return traffic.protocol === sent.protocol && traffic.from <= sent.port && sent.port <= traffic.to;
}

type Edges = Record<"tcp" | "udp", Set<number>>;

function addRange(edges: Edges, protocol: Protocol | unknown, from: unknown, to: unknown): void {
  if (protocol !== "tcp" && protocol !== "udp") return;
  const first = typeof from === "number" ? Math.max(0, from) : 0;
  const last = typeof to === "number" ? Math.min(MAX_PORT, to) : MAX_PORT;
  edges[protocol].add(first);
  if (last < MAX_PORT) edges[protocol].add(last + 1);
}

function addPort(edges: Edges, protocol: "tcp" | "udp", port: unknown): void {
  if (typeof port === "number") addRange(edges, protocol, port, port);
}

/** A listener or target group's protocol as the transport it carries. */
function transportOf(protocol: unknown): "tcp" | "udp" | undefined {
  if (typeof protocol !== "string") return undefined;
  const upper = protocol.toUpperCase();
  if (upper === "UDP") return "udp";
  return ["TCP", "TLS", "HTTP", "HTTPS", "TCP_UDP"].includes(upper) ? "tcp" : undefined;
}

/**
 * The classes the rules, listeners, target groups and network ACL entries of every
 * model create, plus the ports `alsoSplitAt` names (the declared flows' own), so that
 * a declared port is a class of its own and never shares a verdict with its neighbours.
 * Ping is always a class: every stack's flows may use it.
 */
export function trafficClasses(models: readonly NetworkModel[], alsoSplitAt: readonly Traffic[] = []): TrafficClass[] {
  const edges: Edges = { tcp: new Set([0]), udp: new Set([0]) };
  for (const model of models) {
    for (const group of model.securityGroups.values()) {
      for (const rule of group.rules) addRange(edges, rule.protocol, rule.fromPort, rule.toPort);
    }
    for (const acl of model.networkAcls.values()) {
      for (const rule of acl.rules) addRange(edges, rule.protocol, rule.fromPort, rule.toPort);
    }
    for (const listener of model.listeners.values()) {
      const transport = transportOf(listener.protocol);
      if (transport) addPort(edges, transport, listener.port);
      if (listener.protocol === "TCP_UDP") addPort(edges, "udp", listener.port);
    }
    for (const group of model.targetGroups.values()) {
      const transport = transportOf(group.protocol) ?? "tcp";
      addPort(edges, transport, group.port);
      if (typeof group.healthCheckPort === "number") addPort(edges, "tcp", group.healthCheckPort);
    }
  }
  for (const traffic of alsoSplitAt) {
    if (traffic.protocol !== "icmp") addPort(edges, traffic.protocol, traffic.port);
  }
  const classes: TrafficClass[] = [];
  for (const protocol of ["tcp", "udp"] as const) {
    const starts = [...edges[protocol]].sort((a, b) => a - b);
    starts.forEach((from, index) => classes.push({ protocol, from, to: (starts[index + 1] ?? MAX_PORT + 1) - 1 }));
  }
  classes.push({ protocol: "icmp" });
  return classes;
}

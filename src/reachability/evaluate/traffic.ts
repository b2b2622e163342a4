import type { Maybe, Protocol } from "../model";
import { Unknown } from "../values";

/** What a flow sends: a TCP or UDP destination port, or an ICMP echo request (ping). */
export type Traffic = { readonly protocol: "tcp" | "udp"; readonly port: number } | { readonly protocol: "icmp" };

export function describeTraffic(traffic: Traffic): string {
  return traffic.protocol === "icmp" ? "icmp" : `${traffic.protocol}/${traffic.port}`;
}

/** `tcp/22`, `udp/53`, `icmp`. */
export function parseTraffic(text: string): Traffic {
  if (text === "icmp") {
    return { protocol: "icmp" };
  }
  const match = /^(tcp|udp)\/(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || port > 65535) {
    throw new Error(`"${text}" is not a flow's traffic: write tcp/<port>, udp/<port> or icmp`);
  }
  return { protocol: match[1] as "tcp" | "udp", port };
}

/** Protocol and ports of traffic on the wire, for stateless checks that also see replies. */
export interface PortRange {
  readonly protocol: "tcp" | "udp" | "icmp";
  readonly from: number;
  readonly to: number;
}

/** The ports a reply goes back to: the client's ephemeral range (AWS's advice for NACLs: 1024-65535). */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;

/** ICMP types of ping: the request goes out as type 8, the reply comes back as type 0. */
const ECHO_REQUEST = 8;
const ECHO_REPLY = 0;

export function requestPorts(traffic: Traffic): PortRange {
  return traffic.protocol === "icmp"
    ? { protocol: "icmp", from: ECHO_REQUEST, to: ECHO_REQUEST }
    : { protocol: traffic.protocol, from: traffic.port, to: traffic.port };
}

export function replyPorts(traffic: Traffic): PortRange {
  return traffic.protocol === "icmp" ? { protocol: "icmp", from: ECHO_REPLY, to: ECHO_REPLY } : { protocol: traffic.protocol, ...EPHEMERAL_PORTS };
}

export function describePorts(range: PortRange): string {
  if (range.protocol === "icmp") {
    return range.from === ECHO_REPLY ? "icmp echo reply" : "icmp";
  }
  return range.from === range.to ? `${range.protocol}/${range.from}` : `${range.protocol} ${range.from}-${range.to}`;
}

/**
 * Whether a rule's protocol and ports cover the traffic. `-1` covers everything; for
 * ICMP the rule's "from port" is the ICMP type: -1 (all) or exactly the type sent.
 */
export function ruleCovers(
  protocol: Maybe<Protocol>,
  fromPort: Maybe<number> | undefined,
  toPort: Maybe<number> | undefined,
  range: PortRange,
): boolean | Unknown {
  if (protocol instanceof Unknown) {
    return protocol;
  }
  if (protocol === "-1") {
    return true;
  }
  if (protocol !== range.protocol) {
    return false;
  }
  if (fromPort instanceof Unknown) {
    return fromPort;
  }
  if (toPort instanceof Unknown) {
    return toPort;
  }
  if (range.protocol === "icmp") {
    return fromPort === undefined || fromPort === -1 || fromPort === range.from;
  }
  const from = fromPort ?? 0;
  const to = toPort ?? 65535;
  return from <= range.from && range.to <= to;
}

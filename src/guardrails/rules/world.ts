import type { NetworkModel, RulePeer, SecurityGroupRule } from "../../reachability/model";
import { Unknown } from "../../reachability/values";
import { addressBlock, coverEveryAddress, strictlyInside, type AddressBlock } from "../../config/address-blocks";

/** The whole IPv4 or IPv6 internet, as a security group rule names it. */
export function isWholeInternet(peer: RulePeer): peer is Extract<RulePeer, { kind: "cidr" | "ipv6" }> {
  return (peer.kind === "cidr" && peer.cidr === "0.0.0.0/0") || (peer.kind === "ipv6" && peer.cidr === "::/0");
}

/** A rule to an IPv4 or IPv6 block whose protocol and ports are all known at synth. */
interface KnownRule {
  readonly rule: SecurityGroupRule;
  readonly block: AddressBlock;
  readonly protocol: string;
  /** tcp/udp: first and last port; icmp: type and code, -1 for every one. */
  readonly from: number;
  readonly to: number;
}

/** One kind of traffic that a set of rules may admit, and the rules that admit it. */
interface Probe {
  readonly ports: string;
  readonly admits: (rule: KnownRule) => boolean;
}

const PORT_PROTOCOLS = new Set(["tcp", "udp"]);
const TYPE_PROTOCOLS = new Set(["icmp", "icmpv6"]);
/** An ICMP type or code that no rule names, so that only "every type" rules admit it. */
const UNNAMED = -2;

function knownRules(rules: readonly SecurityGroupRule[]): KnownRule[] {
  return rules.flatMap((rule) => {
    const { protocol, fromPort, toPort, peer } = rule;
    // A single rule from the whole internet is named on its own.
    if ((peer.kind !== "cidr" && peer.kind !== "ipv6") || isWholeInternet(rule.peer)) return [];
    if (protocol instanceof Unknown || fromPort instanceof Unknown || toPort instanceof Unknown) return [];
    const block = addressBlock(peer.cidr);
    if (block === undefined) return [];
    const whole = TYPE_PROTOCOLS.has(protocol) ? -1 : undefined;
    return [{ rule, block, protocol, from: fromPort ?? whole ?? 0, to: toPort ?? whole ?? 65535 }];
  });
}

/**
 * Every kind of traffic the rules tell apart, broadest first: any protocol no rule
 * names (only all-traffic rules admit it); another protocol as a whole; for ICMP each
 * type and code a rule names and one no rule names; for TCP and UDP each stretch of
 * ports between two rules' edges. A rule that admits all traffic, or a wide port range,
 * counts in every stretch it covers, so `all traffic` from one half and tcp/22 from the
 * other open tcp/22 to the world.
 */
function probesOf(rules: readonly KnownRule[]): Probe[] {
  const everything = (rule: KnownRule) => rule.protocol === "-1";
  const probes: Probe[] = [{ ports: "all traffic", admits: everything }];
  const protocols = [...new Set(rules.map((rule) => rule.protocol).filter((name) => name !== "-1"))];
  const breadth = (protocol: string) => (PORT_PROTOCOLS.has(protocol) ? 2 : TYPE_PROTOCOLS.has(protocol) ? 1 : 0);
  for (const protocol of protocols.sort((a, b) => breadth(a) - breadth(b))) {
    const own = rules.filter((rule) => rule.protocol === protocol);
    if (PORT_PROTOCOLS.has(protocol)) {
      const edges = [...new Set([0, ...own.flatMap((rule) => [rule.from, rule.to + 1])])].filter((edge) => edge <= 65535).sort((a, b) => a - b);
      edges.forEach((first, index) => {
        const last = (edges[index + 1] ?? 65536) - 1;
        probes.push({
          ports: first === last ? `${protocol}/${first}` : `${protocol}/${first}-${last}`,
          admits: (rule) => everything(rule) || (rule.protocol === protocol && rule.from <= first && first <= rule.to),
        });
      });
    } else if (TYPE_PROTOCOLS.has(protocol)) {
      const named = (values: number[]) => [...new Set([...values.filter((value) => value !== -1), UNNAMED])];
      for (const type of named(own.map((rule) => rule.from))) {
        for (const code of named(own.map((rule) => rule.to))) {
          probes.push({
            ports: `${protocol}${type === UNNAMED ? "" : ` type ${type}`}${code === UNNAMED ? "" : ` code ${code}`}`,
            admits: (rule) => everything(rule) || (rule.protocol === protocol && (rule.from === -1 || rule.from === type) && (rule.to === -1 || rule.to === code)),
          });
        }
      }
    } else {
      probes.push({ ports: `protocol ${protocol}`, admits: (rule) => everything(rule) || rule.protocol === protocol });
    }
  }
  return probes;
}

/**
 * The rules that open the world together, less those whose range lies inside another
 * one's: a tcp/22 rule from 10.0.0.0/8 beside all traffic from 0.0.0.0/1 and
 * 128.0.0.0/1 adds nothing. CIDR blocks nest or stay apart, so what is left are the
 * widest blocks, each of which the opening needs.
 */
function withoutBystanders(admitting: readonly KnownRule[]): KnownRule[] {
  return admitting.filter((known) => !admitting.some((other) => strictlyInside(other.block, known.block)));
}

/**
 * The rules of one group in one direction that together admit every IPv4 (or IPv6)
 * address to some traffic though none says 0.0.0.0/0 (or ::/0) (0.0.0.0/1 and 128.0.0.0/1; or all traffic
 * from one half and tcp/22 from the other), each list with the traffic it opens. A rule
 * is listed once, with the first traffic found.
 */
export function worldByUnion(
  model: NetworkModel,
  direction: SecurityGroupRule["direction"],
): { readonly rules: SecurityGroupRule[]; readonly ports: string; readonly family: AddressBlock["family"] }[] {
  const found: { rules: SecurityGroupRule[]; ports: string; family: AddressBlock["family"] }[] = [];
  for (const group of [...model.securityGroups.values()].filter((candidate) => !candidate.isDefault)) {
    const known = knownRules(group.rules.filter((rule) => rule.direction === direction));
    for (const family of ["IPv4", "IPv6"] as const) {
      const rules = known.filter((rule) => rule.block.family === family);
      const listed = new Set<SecurityGroupRule>();
      for (const { ports, admits } of probesOf(rules)) {
        const admitting = rules.filter(admits);
        if (!coverEveryAddress(admitting.map((rule) => rule.block), family)) continue;
        const needed = withoutBystanders(admitting);
        if (!needed.some((rule) => !listed.has(rule.rule))) continue;
        needed.forEach((rule) => listed.add(rule.rule));
        found.push({ rules: needed.map((rule) => rule.rule), ports, family });
      }
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

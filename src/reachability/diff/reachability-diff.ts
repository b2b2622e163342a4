import { zoneNameOfServiceName } from "../../config/service-names";
import type { TerraformJson } from "../../terraform-json/read";
import type { Check, PathResult } from "../evaluate/checks";
import { evaluateFlow, type FlowStatus } from "../evaluate/evaluate-flow";
import { findElement, subnetOfRange, type DestinationSpec, type SourceSpec } from "../evaluate/parties";
import type { Traffic } from "../evaluate/traffic";
import { addressOf, everySource, type ExpandedFlow } from "../flows";
import type { NetworkModel } from "../model";
import { normalizeDnsName } from "../read-dns";
import { adjacentVpcs, changeFootprint, entryVpcs, vpcsOfElements } from "./footprint";
import { resourceChanges, type ResourceChanges } from "./resource-changes";
import { classHolds, describeTrafficClass, representative, trafficClasses, type TrafficClass } from "./traffic-classes";

/** One side of a review: a stack as synthesized, its model, and the flows it declares. */
export interface ReviewSide {
  readonly json: TerraformJson;
  readonly model: NetworkModel;
  /** The stack's declared flows, expanded on this side's model; none when unknown. */
  readonly declared: readonly ExpandedFlow[];
}

export type Expectation = "intended" | "must-not" | "undeclared";

/** A resource that made the difference, as the code and the plan name it. */
export interface Cause {
  readonly address: string;
  readonly constructPath?: string;
  /** What the change did to it; `unchanged` when only its surroundings changed. */
  readonly change: "added" | "removed" | "changed" | "unchanged";
}

export interface FlowChange {
  readonly from: string;
  readonly to: string;
  readonly traffic: string;
  readonly expectation: Expectation;
  readonly base: FlowStatus | "absent";
  readonly head: FlowStatus | "absent";
  /** Why each side's verdict is what it is (the deciding component, or the path taken). */
  readonly reason: { readonly base: string; readonly head: string };
  readonly cause: readonly Cause[];
}

export interface StackReachabilityDiff {
  readonly stack: string;
  /** `added` or `removed` when only one side has the stack. */
  readonly presence: "both" | "added" | "removed";
  readonly opened: FlowChange[];
  readonly closed: FlowChange[];
  /** Flows that keep their verdict but take another path, or go from partly to fully reachable and back. */
  readonly changedPath: FlowChange[];
  /** Flows whose verdict on one side depends on values known only after apply. */
  readonly uncertain: FlowChange[];
  /** How many flows were compared (sources x destinations x traffic classes that could differ). */
  readonly flowsCompared: number;
}

interface Party<Spec> {
  readonly key: string;
  readonly label: string;
  readonly spec: Spec;
}

interface Sided<Spec> {
  readonly key: string;
  readonly label: string;
  readonly base?: Spec;
  readonly head?: Spec;
}

/**
 * The key of a source: its element's address; for any other host in a subnet, the
 * subnet's, so that the subnet's hosts on both sides pair up when its block changes.
 */
function sourceKey(model: NetworkModel, spec: SourceSpec, inHead: (address: string) => string): string {
  if ("cidr" in spec) {
    const subnet = subnetOfRange(model, spec);
    if (subnet !== undefined && subnet.cidr === spec.cidr) return `host:${inHead(subnet.address)}`;
  }
  return keyInHead(addressOf(model, spec), inHead);
}

function sourcesOf(model: NetworkModel, inHead: (address: string) => string): Party<SourceSpec>[] {
  return everySource(model).map((spec) => {
    const label =
      "instance" in spec
        ? (model.instances.get(spec.instance)?.label ?? spec.instance)
        : "instanceConnectEndpoint" in spec
          ? (model.instanceConnectEndpoints.get(spec.instanceConnectEndpoint)?.label ?? spec.instanceConnectEndpoint)
          : spec.label;
    return { key: sourceKey(model, spec, inHead), label, spec };
  });
}

/** A party's key with the addresses in it written in the head's terms. */
function keyInHead(key: string, inHead: (address: string) => string): string {
  const at = key.lastIndexOf("@");
  if (key.startsWith("cidr:") && at > 0) return `${key.slice(0, at)}@${inHead(key.slice(at + 1))}`;
  const colon = key.indexOf(":");
  return colon > 0 && !key.startsWith("cidr:") && !key.startsWith("other:") ? `${key.slice(0, colon + 1)}${inHead(key.slice(colon + 1))}` : inHead(key);
}

/** Names a client of the stack may resolve: records of its private zones, and the private DNS of its endpoints and endpoint services. */
function dnsNamesOf(model: NetworkModel): string[] {
  const names = new Set<string>();
  for (const record of model.dnsRecords.values()) {
    const zone = typeof record.zone === "string" ? model.hostedZones.get(record.zone) : undefined;
    if (zone?.isPrivate && typeof record.name === "string" && ["A", "AAAA", "CNAME"].includes(record.type)) names.add(record.name);
  }
  for (const endpoint of model.vpcEndpoints.values()) {
    const name = endpoint.privateDns === true && typeof endpoint.serviceName === "string" ? zoneNameOfServiceName(endpoint.serviceName) : undefined;
    if (name !== undefined) names.add(name);
  }
  for (const service of model.endpointServices.values()) {
    if (typeof service.privateDnsName === "string") names.add(normalizeDnsName(service.privateDnsName));
  }
  return [...names];
}

function destinationsOf(model: NetworkModel, inHead: (address: string) => string): Party<DestinationSpec>[] {
  return [
    ...[...model.instances.values()].map((instance) => ({ key: `instance:${inHead(instance.address)}`, label: instance.label, spec: { instance: instance.address } })),
    ...[...model.vpcEndpoints.values()]
      .filter((endpoint) => endpoint.endpointType === "Interface")
      .map((endpoint) => ({ key: `endpoint:${inHead(endpoint.address)}`, label: endpoint.label, spec: { vpcEndpoint: endpoint.address } })),
    ...[...model.loadBalancers.values()].map((lb) => ({ key: `lb:${inHead(lb.address)}`, label: lb.label, spec: { loadBalancer: lb.address } })),
    ...dnsNamesOf(model).map((name) => ({ key: `dns:${name}`, label: name, spec: { dnsName: name } })),
  ];
}

function sided<Spec>(base: readonly Party<Spec>[], head: readonly Party<Spec>[]): Sided<Spec>[] {
  const all = new Map<string, { key: string; label: string; base?: Spec; head?: Spec }>();
  for (const party of base) all.set(party.key, { key: party.key, label: party.label, base: party.spec });
  for (const party of head) all.set(party.key, { ...(all.get(party.key) ?? { key: party.key }), label: party.label, head: party.spec });
  return [...all.values()];
}

/** The key of a declared destination, in the terms `destinationsOf` uses. */
function destinationKey(model: NetworkModel, to: DestinationSpec, inHead: (address: string) => string): string {
  if ("dnsName" in to) return `dns:${normalizeDnsName(to.dnsName)}`;
  const [kind, elements, name, what] =
    "instance" in to
      ? (["instance", model.instances, to.instance, "instance"] as const)
      : "loadBalancer" in to
        ? (["lb", model.loadBalancers, to.loadBalancer, "load balancer"] as const)
        : (["endpoint", model.vpcEndpoints, to.vpcEndpoint, "VPC endpoint"] as const);
  const found = findElement(model, elements as Map<string, { address: string; label: string }>, what, name);
  return `${kind}:${found.ok ? inHead(found.value.address) : `missing:${name}`}`;
}

type Declared = Map<string, { readonly traffic: Traffic; readonly expect: "reachable" | "blocked" }[]>;

function declaredIndex(side: ReviewSide | undefined, inHead: (address: string) => string): Declared {
  const index: Declared = new Map();
  for (const flow of side?.declared ?? []) {
    const key = `${sourceKey(side!.model, flow.from, inHead)} -> ${destinationKey(side!.model, flow.to, inHead)}`;
    index.set(key, [...(index.get(key) ?? []), { traffic: flow.traffic, expect: flow.expect }]);
  }
  return index;
}

function expectationOf(pair: string, traffic: TrafficClass, indexes: readonly Declared[]): Expectation {
  for (const index of indexes) {
    const declared = (index.get(pair) ?? []).filter((flow) => classHolds(traffic, flow.traffic));
    if (declared.some((flow) => flow.expect === "blocked")) return "must-not";
    if (declared.some((flow) => flow.expect === "reachable")) return "intended";
  }
  return "undeclared";
}

const reachableIsh = (status: FlowStatus | "absent") => status === "reachable" || status === "partial";

/** The components a reachable flow passes, per path: what "the path" means when it changes. */
function pathOf(paths: readonly PathResult[]): string {
  const each = paths.map((path) => [...new Set(path.checks.filter((check) => check.outcome === "pass" && !check.quiet).map((check) => check.component))].join(" -> "));
  // Paths through each zone's endpoint interface differ only in that: one line for them all.
  return [...new Set(each)].join(" | ");
}

interface Outcome {
  readonly status: FlowStatus | "absent";
  readonly reason: string;
  readonly paths: readonly PathResult[];
}

const ABSENT: Outcome = { status: "absent", reason: "not on this side", paths: [] };

/** The first check of `paths` that decides against the flow, else the first whose component differs from the other side's path. */
function decisiveChecks(own: readonly PathResult[], other: readonly PathResult[]): Check[] {
  const first = own[0]?.checks ?? [];
  const failing = first.find((check) => check.outcome !== "pass");
  if (failing) return [failing, ...(other[0]?.checks ?? []).filter((check) => check.component === failing.component)];
  const otherChecks = other[0]?.checks ?? [];
  const index = first.findIndex((check, at) => otherChecks[at]?.component !== check.component || otherChecks[at]?.detail !== check.detail);
  return index < 0 ? [] : [first[index]!, ...(otherChecks[index] ? [otherChecks[index]!] : [])];
}

/** Every element a model labels, by label, for checks that name only their component. */
function addressesByLabel(model: NetworkModel | undefined): Map<string, string> {
  const index = new Map<string, string>();
  if (model === undefined) return index;
  for (const elements of Object.values(model)) {
    if (!(elements instanceof Map)) continue;
    for (const element of elements.values()) {
      if (typeof element === "object" && element !== null && "label" in element && "address" in element) index.set(String(element.label), String(element.address));
    }
  }
  return index;
}

function elementsOf(checks: readonly Check[], labels: Map<string, string>, rename: (address: string) => string): string[] {
  return checks.flatMap((check) => (check.decidedBy ?? [labels.get(check.component)].filter((address): address is string => address !== undefined)).map(rename));
}

/**
 * What made the difference: the resources on either side's paths that the change
 * touched; where it touched none of them (a flow that changed because something it
 * does not pass through changed, such as a record it no longer resolves), the ones that
 * decide each side's verdict.
 */
function causesOf(base: Outcome, head: Outcome, changes: ResourceChanges, labels: { base: Map<string, string>; head: Map<string, string> }): Cause[] {
  const onPaths = [
    ...elementsOf(base.paths.flatMap((path) => path.checks), labels.base, changes.inHead),
    ...elementsOf(head.paths.flatMap((path) => path.checks), labels.head, (address) => address),
  ];
  const touched = [...new Set(onPaths.filter((address) => changes.changed.has(address)))];
  const deciding = [
    ...elementsOf(decisiveChecks(base.paths, head.paths), labels.base, changes.inHead),
    ...elementsOf(decisiveChecks(head.paths, base.paths), labels.head, (address) => address),
  ];
  // A flow whose path no changed resource is on moved all the same (a subnet's block, a
  // host's address): the change itself is named rather than nothing.
  const chosen = touched.length > 0 ? touched : deciding.some((address) => changes.changed.has(address)) ? [...new Set(deciding)] : [...changes.changed].slice(0, 10);
  return chosen.sort().map((address) => ({
    address,
    ...(changes.constructPath.has(address) ? { constructPath: changes.constructPath.get(address)! } : {}),
    change: changes.kind.get(address) ?? "unchanged",
  }));
}

type Kind = "opened" | "closed" | "changedPath" | "uncertain";

function kindOf(base: Outcome, head: Outcome): Kind | undefined {
  // What is not there carries no traffic: gone or blocked, nothing flows either way.
  const closedOff = (status: Outcome["status"]) => status === "blocked" || status === "absent";
  if (closedOff(base.status) && closedOff(head.status)) return undefined;
  if (base.status === head.status) {
    return reachableIsh(head.status) && pathOf(base.paths) !== pathOf(head.paths) ? "changedPath" : undefined;
  }
  if (base.status === "unknown" || head.status === "unknown") return "uncertain";
  if (reachableIsh(head.status) && !reachableIsh(base.status)) return "opened";
  if (reachableIsh(base.status) && !reachableIsh(head.status)) return "closed";
  return "changedPath";
}

interface Found {
  readonly kind: Kind;
  readonly change: Omit<FlowChange, "traffic">;
  readonly traffic: TrafficClass;
  readonly pair: string;
}

/** Neighbouring port stretches of one pair with the same outcome, as one range: `tcp/20-21`, not two lines. */
function merged(found: readonly Found[]): Map<Kind, FlowChange[]> {
  const byKind = new Map<Kind, FlowChange[]>([["opened", []], ["closed", []], ["changedPath", []], ["uncertain", []]]);
  let current: { found: Found; to: number } | undefined;
  const flush = () => {
    if (!current) return;
    const traffic = current.found.traffic.protocol === "icmp" ? current.found.traffic : { ...current.found.traffic, to: current.to };
    byKind.get(current.found.kind)!.push({ ...current.found.change, traffic: describeTrafficClass(traffic) });
    current = undefined;
  };
  const same = (a: Found, b: Found) =>
    a.pair === b.pair && a.kind === b.kind && a.traffic.protocol === b.traffic.protocol && a.change.expectation === b.change.expectation && a.change.base === b.change.base && a.change.head === b.change.head && JSON.stringify(a.change.cause) === JSON.stringify(b.change.cause);
  for (const item of found) {
    if (current && same(current.found, item) && item.traffic.protocol !== "icmp" && current.found.traffic.protocol !== "icmp" && item.traffic.from === current.to + 1) {
      current.to = item.traffic.to;
      continue;
    }
    flush();
    current = { found: item, to: item.traffic.protocol === "icmp" ? 0 : item.traffic.to };
  }
  flush();
  return byKind;
}

/**
 * What a change does to a stack's traffic: every flow from every source the verifier
 * knows to every destination, on every class of traffic the two sides' rules, listeners
 * and network ACL entries tell apart, evaluated on both sides and compared. Declared
 * flows say which changes were meant (`intended`) and which are alarms (`must-not`);
 * the rest are `undeclared`.
 */
export function diffReachability(stack: string, base: ReviewSide | undefined, head: ReviewSide | undefined): StackReachabilityDiff {
  const changes = resourceChanges(base?.json, head?.json);
  const presence = base === undefined ? "added" : head === undefined ? "removed" : "both";
  const empty = { stack, presence, opened: [], closed: [], changedPath: [], uncertain: [], flowsCompared: 0 } as const;
  if (presence === "both" && changes.changed.size === 0) return { ...empty, opened: [], closed: [], changedPath: [], uncertain: [] };
  const identity = (address: string) => address;
  const sources = sided(base ? sourcesOf(base.model, changes.inHead) : [], head ? sourcesOf(head.model, identity) : []);
  const destinations = sided(base ? destinationsOf(base.model, changes.inHead) : [], head ? destinationsOf(head.model, identity) : []);
  const declared = [declaredIndex(head, identity), declaredIndex(base, changes.inHead)];
  const classes = trafficClasses(
    [base?.model, head?.model].filter((model): model is NetworkModel => model !== undefined),
    [...(base?.declared ?? []), ...(head?.declared ?? [])].map((flow) => flow.traffic),
  );
  const labels = { base: addressesByLabel(base?.model), head: addressesByLabel(head?.model) };
  // A flow none of whose VPCs the change touched keeps its verdict and its path: not evaluated.
  const footprint = presence === "both" ? changeFootprint(changes.changed, base!.json, head!.json, changes.inHead) : undefined;
  const placed = [base ? vpcsOfElements(base.model, changes.inHead) : new Map<string, Set<string>>(), head ? vpcsOfElements(head.model, identity) : new Map<string, Set<string>>()];
  const vpcsOf = (key: string): string[] => {
    const address = key.startsWith("cidr:") ? key.slice(key.lastIndexOf("@") + 1) : key.slice(key.indexOf(":") + 1);
    return placed.flatMap((side) => [...(side.get(address) ?? [])]);
  };
  const everywhere = [...new Set(placed.flatMap((side) => [...side.values()].flatMap((set) => [...set])))];
  const touches = (source: Sided<SourceSpec>, destination: Sided<DestinationSpec>) =>
    footprint === undefined || [...vpcsOf(source.key), ...(destination.key.startsWith("dns:") ? everywhere : vpcsOf(destination.key))].some((vpc) => footprint.has(vpc));
  // A source in one VPC reaches a destination in another only over one peering or one
  // transit gateway: with neither on either side, the flow is blocked on both.
  const entries = [base ? entryVpcs(base.model, changes.inHead) : new Map<string, Set<string>>(), head ? entryVpcs(head.model, identity) : new Map<string, Set<string>>()];
  const adjacent = new Set([...(base ? adjacentVpcs(base.model, changes.inHead) : []), ...(head ? adjacentVpcs(head.model, identity) : [])]);
  const entryOf = (key: string) => {
    const address = key.startsWith("cidr:") ? key.slice(key.lastIndexOf("@") + 1) : key.slice(key.indexOf(":") + 1);
    return entries.flatMap((side) => [...(side.get(address) ?? [])]);
  };
  const joined = (source: Sided<SourceSpec>, destination: Sided<DestinationSpec>) => {
    if (destination.key.startsWith("dns:")) return true;
    const from = entryOf(source.key);
    const to = entryOf(destination.key);
    return from.length === 0 || to.length === 0 || from.some((a) => to.some((b) => a === b || adjacent.has(`${a} ${b}`)));
  };
  const found: Found[] = [];
  let compared = 0;
  for (const source of sources) {
    for (const destination of destinations) {
      if (`instance:${source.key}` === destination.key || !touches(source, destination) || !joined(source, destination)) continue;
      const pair = `${source.key} -> ${destination.key}`;
      for (const traffic of classes) {
        compared += 1;
        const evaluate = (side: ReviewSide | undefined, from: SourceSpec | undefined, to: DestinationSpec | undefined): Outcome => {
          if (side === undefined || from === undefined || to === undefined) return ABSENT;
          const result = evaluateFlow(side.model, { from, to, traffic: representative(traffic) });
          return { status: result.status, reason: result.reason, paths: result.paths };
        };
        const before = evaluate(base, source.base, destination.base);
        const after = evaluate(head, source.head, destination.head);
        const kind = kindOf(before, after);
        if (kind === undefined) continue;
        found.push({
          kind,
          pair,
          traffic,
          change: {
            from: source.label,
            to: destination.label,
            expectation: expectationOf(pair, traffic, declared),
            base: before.status,
            head: after.status,
            reason: { base: kind === "changedPath" ? pathOf(before.paths) || before.reason : before.reason, head: kind === "changedPath" ? pathOf(after.paths) || after.reason : after.reason },
            cause: causesOf(before, after, changes, labels),
          },
        });
      }
    }
  }
  const byKind = merged(found);
  return { stack, presence, opened: byKind.get("opened")!, closed: byKind.get("closed")!, changedPath: byKind.get("changedPath")!, uncertain: byKind.get("uncertain")!, flowsCompared: compared };
}

import type { NetworkModel } from "./model";
import { describeParty, findElement, subnetOfRange, type DestinationSpec, type SourceSpec } from "./evaluate/parties";
import { parseTraffic, type Traffic } from "./evaluate/traffic";

/** One flow a stack states, with the reason it must (or must not) work. */
export interface FlowDeclaration {
  readonly from: SourceSpec;
  readonly to: DestinationSpec;
  /** `tcp/<port>`, `udp/<port>` or `icmp` (an echo request). */
  readonly traffic: string;
  readonly why: string;
}

/** A destination port that only the listed sources may reach. */
export interface ExclusiveAccess {
  readonly to: DestinationSpec;
  readonly traffic: string;
  readonly onlyFrom: readonly SourceSpec[];
  readonly why: string;
}

/** What a stack says about its traffic, next to its code. */
export interface StackFlows {
  /** Flows that must be reachable. */
  readonly intended: readonly FlowDeclaration[];
  /** Flows that must be blocked, besides those `exclusive` implies. Default none. */
  readonly mustNot?: readonly FlowDeclaration[];
  /** Each becomes a must-not flow from every other source the stack has. */
  readonly exclusive: readonly ExclusiveAccess[];
  /** Why a stack declares no flows at all (the state bucket has no network). */
  readonly noNetwork?: string;
}

export interface ExpandedFlow {
  readonly expect: "reachable" | "blocked";
  readonly from: SourceSpec;
  readonly to: DestinationSpec;
  readonly traffic: Traffic;
  readonly trafficText: string;
  readonly why: string;
}

/** The file synth writes beside each stack's `cdk.tf.json` with the flows it declares (`StackFlows` as JSON). */
export const DECLARED_FLOWS_FILE = "declared-flows.json";

/** An address on the internet for "nothing outside reaches it" (TEST-NET-3, RFC 5737). */
export const INTERNET_SOURCE: SourceSpec = { cidr: "203.0.113.10/32", label: "the internet" };

/**
 * Every source the stack has: its instances, its Instance Connect endpoints, a host in
 * each subnet that belongs to none of the stack's groups, and the internet.
 */
export function everySource(model: NetworkModel): SourceSpec[] {
  return [
    ...[...model.instances.values()].map((instance): SourceSpec => ({ instance: instance.address })),
    ...[...model.instanceConnectEndpoints.values()].map((endpoint): SourceSpec => ({ instanceConnectEndpoint: endpoint.address })),
    ...[...model.subnets.values()]
      .filter((subnet) => typeof subnet.cidr === "string")
      .map((subnet): SourceSpec => ({ cidr: String(subnet.cidr), label: `any other host in ${subnet.label}`, subnet: subnet.address })),
    INTERNET_SOURCE,
  ];
}

/** The model address a source names, so that sources written differently compare equal. */
export function addressOf(model: NetworkModel, party: SourceSpec | DestinationSpec): string {
  if ("instance" in party) {
    const found = findElement(model, model.instances, "instance", party.instance);
    return found.ok ? found.value.address : `missing:${party.instance}`;
  }
  if ("instanceConnectEndpoint" in party) {
    const found = findElement(model, model.instanceConnectEndpoints, "Instance Connect endpoint", party.instanceConnectEndpoint);
    return found.ok ? found.value.address : `missing:${party.instanceConnectEndpoint}`;
  }
  if ("cidr" in party) {
    // Overlapping VPCs (PrivateLink consumers) have equal ranges in different subnets.
    return `cidr:${party.cidr}@${subnetOfRange(model, party)?.address ?? "outside"}`;
  }
  return `other:${describeParty(party)}`;
}

/** Labels instead of addresses, for the report. */
function readable(model: NetworkModel, party: SourceSpec): SourceSpec {
  if ("instance" in party) {
    return { instance: model.instances.get(party.instance)?.label ?? party.instance };
  }
  if ("instanceConnectEndpoint" in party) {
    return { instanceConnectEndpoint: model.instanceConnectEndpoints.get(party.instanceConnectEndpoint)?.label ?? party.instanceConnectEndpoint };
  }
  return party;
}

/** The declared flows plus the must-not flows each exclusive access implies. */
export function expandFlows(model: NetworkModel, flows: StackFlows): ExpandedFlow[] {
  const expanded: ExpandedFlow[] = [];
  const add = (expect: ExpandedFlow["expect"], declaration: FlowDeclaration) =>
    expanded.push({ expect, ...declaration, traffic: parseTraffic(declaration.traffic), trafficText: declaration.traffic });
  flows.intended.forEach((declaration) => add("reachable", declaration));
  (flows.mustNot ?? []).forEach((declaration) => add("blocked", declaration));
  for (const access of flows.exclusive) {
    const allowed = new Set([...access.onlyFrom.map((source) => addressOf(model, source)), addressOf(model, access.to)]);
    for (const source of everySource(model)) {
      if (allowed.has(addressOf(model, source))) {
        continue;
      }
      add("blocked", { from: readable(model, source), to: access.to, traffic: access.traffic, why: access.why });
    }
  }
  return expanded;
}

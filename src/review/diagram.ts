import { resolveName } from "../reachability/evaluate/dns";
import { findElement, type SourceSpec } from "../reachability/evaluate/parties";
import type { ExpandedFlow } from "../reachability/flows";
import type { Element, Maybe, NetworkModel } from "../reachability/model";

/** Mermaid node ids: letters and digits only, unique per address. */
function idOf(address: string): string {
  return `n_${address.replace(/[^A-Za-z0-9]/g, "_")}`;
}

/** A label as Mermaid reads it inside quotes: no quotes or brackets of its own. */
function text(value: string): string {
  return value.replace(/["[\]{}<>]/g, "'");
}

function inSubnet(subnet: Maybe<string> | undefined): string | undefined {
  return typeof subnet === "string" ? subnet : undefined;
}

interface PlacedNode {
  readonly address: string;
  readonly line: string;
}

export interface DiagramOptions {
  /** Addresses a change touched: drawn with the `changed` style. */
  readonly touched?: ReadonlySet<string>;
  /** Only these VPCs and what joins them to others, for a network too large to draw whole. */
  readonly onlyVpcs?: ReadonlySet<string>;
  /** Flows the stack is for, drawn as dotted arrows labelled with their traffic. */
  readonly flows?: readonly ExpandedFlow[];
}

/** Past this many VPCs a diagram is no longer read: a review draws the touched ones and their neighbours. */
export const VPCS_DRAWN_WHOLE = 12;

/**
 * The stack as a Mermaid flowchart, read from its synthesized JSON through the same
 * model the verifier uses: each VPC with its subnets and what sits in them (instances,
 * endpoints, load balancers, Instance Connect endpoints), peerings and transit gateway
 * attachments between VPCs, private zones and the VPCs they are associated with.
 */
export function mermaidDiagram(model: NetworkModel, options: DiagramOptions = {}): string {
  const lines = ["flowchart LR"];
  const touched: string[] = [];
  const shaped = (element: Element, shape: [string, string], detail = ""): string => `${idOf(element.address)}${shape[0]}"${text(element.label)}${detail ? `<br/>${text(detail)}` : ""}"${shape[1]}`;
  const node = (element: Element, shape: [string, string], detail = ""): PlacedNode => ({ address: element.address, line: shaped(element, shape, detail) });
  const box: [string, string] = ["[", "]"];
  const round: [string, string] = ["(", ")"];
  const hexagon: [string, string] = ["{{", "}}"];
  const bySubnet = new Map<string, PlacedNode[]>();
  const place = (subnet: string | undefined, placed: PlacedNode) => {
    if (subnet !== undefined) bySubnet.set(subnet, [...(bySubnet.get(subnet) ?? []), placed]);
  };
  // Only what is drawn may be named again: Mermaid would draw an unknown id as a bare node.
  const drawnNodes = new Set<string>();
  for (const instance of model.instances.values()) place(inSubnet(instance.subnet), node(instance, box, `instance${typeof instance.privateIp === "string" ? ` ${instance.privateIp}` : ""}`));
  for (const endpoint of model.instanceConnectEndpoints.values()) place(inSubnet(endpoint.subnet), node(endpoint, round, "Instance Connect endpoint"));
  for (const endpoint of model.vpcEndpoints.values()) {
    const subnet = endpoint.subnets.find((candidate): candidate is string => typeof candidate === "string");
    const service = typeof endpoint.serviceName === "string" ? endpoint.serviceName.split(".").at(-1)! : "service";
    if (endpoint.endpointType === "Interface" && subnet !== undefined) place(subnet, node(endpoint, round, `interface endpoint: ${service}${endpoint.subnets.length > 1 ? `, ${endpoint.subnets.length} zones` : ""}`));
  }
  for (const lb of model.loadBalancers.values()) {
    const subnet = lb.subnets.find((candidate): candidate is string => typeof candidate === "string");
    const ports = [...model.listeners.values()].filter((listener) => listener.loadBalancer === lb.address).map((listener) => `${String(listener.protocol)}:${String(listener.port)}`);
    place(subnet, node(lb, hexagon, `${lb.lbType} load balancer${ports.length > 0 ? ` ${ports.join(", ")}` : ""}`));
  }
  const drawn = (vpc: unknown) => options.onlyVpcs === undefined || (typeof vpc === "string" && options.onlyVpcs.has(vpc));
  for (const vpc of model.vpcs.values()) {
    if (!drawn(vpc.address)) continue;
    if (options.touched?.has(vpc.address)) touched.push(idOf(vpc.address));
    lines.push(`  subgraph ${idOf(vpc.address)}["${text(vpc.label)} ${text(vpc.cidrs.filter((cidr) => typeof cidr === "string").join(", "))}"]`);
    for (const subnet of [...model.subnets.values()].filter((candidate) => candidate.vpc === vpc.address)) {
      if (options.touched?.has(subnet.address)) touched.push(idOf(subnet.address));
      const zone = [subnet.zone.name, subnet.zone.id].find((value): value is string => typeof value === "string");
      lines.push(`    subgraph ${idOf(subnet.address)}["${text(subnet.label)} ${text(String(subnet.cidr))}${zone ? ` ${text(zone)}` : ""}"]`);
      for (const placed of bySubnet.get(subnet.address) ?? []) {
        drawnNodes.add(placed.address);
        if (options.touched?.has(placed.address)) touched.push(idOf(placed.address));
        lines.push(`      ${placed.line}`);
      }
      lines.push("    end");
    }
    lines.push("  end");
  }
  for (const peering of model.peerings.values()) {
    if (typeof peering.requesterVpc === "string" && typeof peering.accepterVpc === "string" && drawn(peering.requesterVpc) && drawn(peering.accepterVpc)) {
      lines.push(`  ${idOf(peering.requesterVpc)} <-- "${text(peering.label)} (peering)" --> ${idOf(peering.accepterVpc)}`);
    }
  }
  for (const gateway of model.transitGateways.values()) {
    lines.push(`  ${shaped(gateway, hexagon, "transit gateway")}`);
    if (options.touched?.has(gateway.address)) touched.push(idOf(gateway.address));
    for (const attachment of model.transitGatewayAttachments.values()) {
      if (attachment.gateway === gateway.address && typeof attachment.vpc === "string" && drawn(attachment.vpc)) lines.push(`  ${idOf(attachment.vpc)} <--> ${idOf(gateway.address)}`);
    }
  }
  for (const zone of model.hostedZones.values()) {
    if (!zone.isPrivate) continue;
    lines.push(`  ${shaped(zone, round, "private hosted zone")}`);
    if (options.touched?.has(zone.address)) touched.push(idOf(zone.address));
    for (const association of zone.associations) {
      if (typeof association.vpc === "string" && drawn(association.vpc)) lines.push(`  ${idOf(zone.address)} -.- ${idOf(association.vpc)}`);
    }
  }
  for (const lb of model.loadBalancers.values()) {
    for (const service of model.endpointServices.values()) {
      if (service.loadBalancers.includes(lb.address)) {
        for (const endpoint of model.vpcEndpoints.values()) {
          if (endpoint.endpointService === service.address && drawnNodes.has(endpoint.address) && drawnNodes.has(lb.address)) lines.push(`  ${idOf(endpoint.address)} -- PrivateLink --> ${idOf(lb.address)}`);
        }
      }
    }
  }
  const seenFlows = new Set<string>();
  for (const flow of options.flows ?? []) {
    if (flow.expect !== "reachable") continue;
    const from = elementOf(model, flow.from);
    const to = targetOf(model, flow);
    const arrow = from && to && drawnNodes.has(from) && drawnNodes.has(to) && from !== to ? `  ${idOf(from)} -. "${text(flow.trafficText)}" .-> ${idOf(to)}` : undefined;
    if (arrow !== undefined && !seenFlows.has(arrow)) {
      seenFlows.add(arrow);
      lines.push(arrow);
    }
  }
  if (touched.length > 0) {
    lines.push("  classDef changed stroke:#d33,stroke-width:3px");
    lines.push(`  class ${[...new Set(touched)].join(",")} changed`);
  }
  return `${lines.join("\n")}\n`;
}

/** The VPCs a review draws of a large network: those a change touched, and those a peering, gateway or PrivateLink joins to them. */
export function vpcsNear(model: NetworkModel, touched: ReadonlySet<string>): Set<string> {
  const near = new Set([...model.vpcs.keys()].filter((vpc) => touched.has(vpc)));
  for (const peering of model.peerings.values()) {
    const ends = [peering.requesterVpc, peering.accepterVpc].filter((end): end is string => typeof end === "string");
    if (ends.some((end) => touched.has(end))) ends.forEach((end) => near.add(end));
  }
  for (const endpoint of model.vpcEndpoints.values()) {
    const service = endpoint.endpointService ? model.endpointServices.get(endpoint.endpointService) : undefined;
    const lbVpcs = (service?.loadBalancers ?? []).flatMap((lb) => (typeof lb === "string" ? model.loadBalancers.get(lb)?.subnets ?? [] : [])).map((subnet) => (typeof subnet === "string" ? model.subnets.get(subnet)?.vpc : undefined));
    if (typeof endpoint.vpc === "string" && touched.has(endpoint.vpc)) lbVpcs.forEach((vpc) => typeof vpc === "string" && near.add(vpc));
  }
  return near;
}

/** The element a flow's source names, when it is one the diagram draws. */
function elementOf(model: NetworkModel, from: SourceSpec): string | undefined {
  if ("instance" in from) {
    const found = findElement(model, model.instances, "instance", from.instance);
    return found.ok ? found.value.address : undefined;
  }
  if ("instanceConnectEndpoint" in from) {
    const found = findElement(model, model.instanceConnectEndpoints, "Instance Connect endpoint", from.instanceConnectEndpoint);
    return found.ok ? found.value.address : undefined;
  }
  return undefined;
}

/** What a flow reaches: the element it names, or what its name resolves to from the source's VPC. */
function targetOf(model: NetworkModel, flow: ExpandedFlow): string | undefined {
  const to = flow.to;
  const named = (elements: Map<string, Element>, kind: string, name: string) => {
    const found = findElement(model, elements, kind, name);
    return found.ok ? found.value.address : undefined;
  };
  if ("instance" in to) return named(model.instances, "instance", to.instance);
  if ("loadBalancer" in to) return named(model.loadBalancers, "load balancer", to.loadBalancer);
  if ("vpcEndpoint" in to) return named(model.vpcEndpoints, "VPC endpoint", to.vpcEndpoint);
  const source = elementOf(model, flow.from);
  const subnet = source === undefined ? undefined : (model.instances.get(source)?.subnet ?? model.instanceConnectEndpoints.get(source)?.subnet);
  const vpcAddress = typeof subnet === "string" ? model.subnets.get(subnet)?.vpc : undefined;
  const vpc = typeof vpcAddress === "string" ? model.vpcs.get(vpcAddress) : undefined;
  return vpc ? resolveName(model, vpc, to.dnsName).target?.address : undefined;
}

import type { NetworkModel, PeeringConnection, Route, RouteTable, Subnet, TransitGatewayAttachment, Vpc } from "../model";
import { Unknown } from "../values";
import { sameZone, zoneText } from "./attachments";
import { fail, pass, unknown, type Check } from "./checks";
import { prefixLength, relate } from "./ranges";

export interface Place {
  readonly subnet: Subnet;
  readonly vpc: Vpc;
}

/** The route table a subnet uses: its explicit association, else its VPC's main table. */
export function routeTableOf(model: NetworkModel, subnet: Subnet): RouteTable | undefined {
  const explicit = model.routeTableOfSubnet.get(subnet.address);
  const address = explicit ?? (typeof subnet.vpc === "string" ? model.mainRouteTableOfVpc.get(subnet.vpc) : undefined);
  return address === undefined ? undefined : model.routeTables.get(address);
}

function cidrText(vpc: Vpc): string {
  return vpc.cidrs.map(String).join(", ");
}

/** The most specific route whose destination holds all of `range`. */
function longestMatch(routes: readonly Route[], range: string): Route | undefined {
  return routes
    .filter((route) => typeof route.destination === "string" && route.destination.includes("/") && relate(route.destination, range) === "contains")
    .sort((a, b) => prefixLength(String(b.destination)) - prefixLength(String(a.destination)))[0];
}

function overlapOf(a: Vpc, b: Vpc): [string, string] | undefined {
  for (const left of a.cidrs) {
    for (const right of b.cidrs) {
      if (typeof left === "string" && typeof right === "string" && relate(left, right) !== "disjoint") {
        return [left, right];
      }
    }
  }
  return undefined;
}

function checkPeering(model: NetworkModel, peering: PeeringConnection, from: Place, to: Place, routeText: string): Check {
  const ends = [peering.requesterVpc, peering.accepterVpc];
  if (!ends.includes(from.vpc.address) || !ends.includes(to.vpc.address)) {
    const joined = ends.map((end) => (typeof end === "string" ? (model.vpcs.get(end)?.label ?? end) : String(end))).join(" and ");
    return fail(peering.label, `${routeText} goes to ${peering.label}, which joins ${joined}, not ${to.vpc.label}; peering is not transitive`);
  }
  const overlap = overlapOf(from.vpc, to.vpc);
  if (overlap) {
    return fail(
      peering.label,
      `${peering.label} joins ${from.vpc.label} (${overlap[0]}) and ${to.vpc.label} (${overlap[1]}), which overlap; AWS refuses to peer VPCs with overlapping blocks`,
    );
  }
  if (peering.accepted instanceof Unknown) {
    return unknown(peering.label, `whether it is accepted: ${peering.accepted.toString()}`);
  }
  if (!peering.accepted) {
    return fail(peering.label, `${peering.label} is never accepted: auto_accept is off and no aws_vpc_peering_connection_accepter accepts it`);
  }
  return pass(peering.label, `${routeText} via ${peering.label}`, [peering.address]);
}

function attachmentOf(model: NetworkModel, gateway: string, vpc: Vpc): TransitGatewayAttachment | undefined {
  return [...model.transitGatewayAttachments.values()].find((attachment) => attachment.gateway === gateway && attachment.vpc === vpc.address);
}

function checkTransitGateway(model: NetworkModel, gateway: string, from: Place, to: Place, range: string, routeText: string): Check[] {
  const gatewayLabel = model.transitGateways.get(gateway)?.label ?? gateway;
  const entry = attachmentOf(model, gateway, from.vpc);
  if (!entry) {
    return [fail(gatewayLabel, `${routeText} goes to ${gatewayLabel}, but ${from.vpc.label} is not attached to it`)];
  }
  const zoneCovered = entry.subnets.map((id) => (typeof id === "string" ? model.subnets.get(id) : undefined));
  const sameZoneResults = zoneCovered.map((subnet) => (subnet ? sameZone(model, subnet, from.subnet) : new Unknown(String(subnet))));
  if (!sameZoneResults.includes(true)) {
    const undecided = sameZoneResults.find((result) => result instanceof Unknown);
    return [
      undecided
        ? unknown(entry.label, `whether it has a subnet in ${zoneText(from.subnet)}: ${undecided.toString()}`)
        : fail(entry.label, `${entry.label} has no subnet in ${zoneText(from.subnet)}, so traffic from ${from.subnet.label} cannot enter ${gatewayLabel}`),
    ];
  }
  const table = [...model.transitGatewayRouteTables.values()].find((candidate) => candidate.associations.includes(entry.address));
  if (!table) {
    return [fail(entry.label, `${entry.label} is associated with no route table of ${gatewayLabel}`)];
  }
  const candidates: { prefix: number; attachment?: string; blackhole: boolean; undecided?: Unknown; text: string }[] = [];
  for (const route of table.staticRoutes) {
    if (typeof route.destination === "string" && relate(route.destination, range) === "contains") {
      candidates.push({
        prefix: prefixLength(route.destination),
        attachment: typeof route.attachment === "string" ? route.attachment : undefined,
        blackhole: route.blackhole,
        undecided: route.attachment instanceof Unknown ? route.attachment : undefined,
        text: `static route ${route.destination}`,
      });
    }
  }
  for (const address of table.propagations) {
    const attachment = model.transitGatewayAttachments.get(address);
    const vpc = typeof attachment?.vpc === "string" ? model.vpcs.get(attachment.vpc) : undefined;
    for (const cidr of vpc?.cidrs ?? []) {
      if (typeof cidr === "string" && relate(cidr, range) === "contains") {
        candidates.push({ prefix: prefixLength(cidr), attachment: address, blackhole: false, text: `propagated ${cidr} from ${vpc!.label}` });
      }
    }
  }
  const best = candidates.sort((a, b) => b.prefix - a.prefix)[0];
  if (!best) {
    return [fail(table.label, `${table.label} has no route to ${range} (no static route, and no attachment propagates a block holding it)`)];
  }
  if (best.undecided) {
    return [unknown(table.label, `${best.text} in ${table.label} goes to an attachment that is not in this stack: ${best.undecided.toString()}`)];
  }
  if (best.blackhole || best.attachment === undefined) {
    return [fail(table.label, `${table.label} drops traffic to ${range} (${best.text} is a blackhole)`)];
  }
  const exit = model.transitGatewayAttachments.get(best.attachment);
  if (exit?.vpc !== to.vpc.address) {
    return [fail(table.label, `${table.label} sends ${range} to ${exit?.label ?? best.attachment} (${best.text}), not to ${to.vpc.label}`)];
  }
  return [pass(gatewayLabel, `${routeText} via ${gatewayLabel}, then ${best.text} in ${table.label}`, [gateway, table.address, best.attachment])];
}

/**
 * Whether `from` has a route that delivers traffic for `range` into `to`'s VPC: the
 * local route, a peering, or a transit gateway (with its attachment zones and route
 * tables). Overlapping blocks are caught where they bite: the local route wins.
 */
export function routeChecks(model: NetworkModel, from: Place, to: Place, range: string, purpose: string): Check[] {
  for (const cidr of from.vpc.cidrs) {
    if (typeof cidr === "string" && relate(cidr, range) === "contains") {
      return from.vpc.address === to.vpc.address
        ? [pass(from.vpc.label, `${purpose}: local route of ${from.vpc.label}`)]
        : [
            fail(
              from.vpc.label,
              `${purpose}: ${range} is inside ${from.vpc.label}'s own block ${cidr}, so the local route keeps the traffic in ${from.vpc.label}; ${from.vpc.label} and ${to.vpc.label} overlap`,
            ),
          ];
    }
  }
  if (from.vpc.address === to.vpc.address) {
    return [unknown(from.vpc.label, `${purpose}: ${range} is not inside ${from.vpc.label}'s known blocks (${cidrText(from.vpc)})`)];
  }
  const table = routeTableOf(model, from.subnet);
  const tableLabel = table ? `${table.label} (route table of ${from.subnet.label})` : `the main route table of ${from.vpc.label}`;
  const route = longestMatch(table?.routes ?? [], range);
  if (!route) {
    const pending = (table?.routes ?? []).filter((candidate) => candidate.destination instanceof Unknown && candidate.target.kind !== "gateway-endpoint");
    if (pending.length > 0) {
      return [unknown(table!.label, `${purpose}: no known route to ${range}; ${pending.map((candidate) => candidate.declaredIn).join(", ")} have destinations known only after apply`)];
    }
    return [fail(table?.label ?? from.vpc.label, `${purpose}: ${tableLabel} has no route to ${range}`, [table?.address ?? from.vpc.address])];
  }
  const routeText = `${purpose}: route ${String(route.destination)} in ${table!.label}`;
  // The route decides as much as what it leads to: a review names it when it goes.
  const withRoute = (check: Check): Check => ({ ...check, decidedBy: [route.declaredIn, ...(check.decidedBy ?? [])] });
  switch (route.target.kind) {
    case "peering": {
      const connection = route.target.connection;
      const peering = typeof connection === "string" ? model.peerings.get(connection) : undefined;
      return [withRoute(peering ? checkPeering(model, peering, from, to, routeText) : unknown(table!.label, `${routeText} goes to peering ${String(connection)}, which is not in this stack`))];
    }
    case "transit-gateway": {
      const gateway = route.target.gateway;
      return (
        typeof gateway === "string" && model.transitGateways.has(gateway)
          ? checkTransitGateway(model, gateway, from, to, range, routeText)
          : [unknown(table!.label, `${routeText} goes to transit gateway ${String(gateway)}, which is not in this stack`)]
      ).map(withRoute);
    }
    case "local":
      return [fail(table!.label, `${routeText} is local, but ${to.vpc.label} is another VPC`)];
    case "gateway-endpoint":
      return [fail(table!.label, `${routeText} goes to gateway endpoint ${route.target.endpoint}, not to ${to.vpc.label}`)];
    default:
      return [fail(table!.label, `${routeText} goes to ${route.target.description}, not to ${to.vpc.label}`)];
  }
}

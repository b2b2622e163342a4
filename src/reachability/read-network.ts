import type {
  PeeringConnection,
  Route,
  RouteTable,
  RouteTarget,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRouteTable,
  Vpc,
} from "./model";
import type { ReadContext } from "./read-context";
import type { ResourceBlock } from "../terraform-json/read";
import { blocksOf, booleanOf, listOf, referenceIn, Unknown } from "./values";

/** VPCs with their extra CIDR blocks and DNS attributes (AWS defaults: support on, hostnames off). */
export function readVpcs(context: ReadContext): Map<string, Vpc> {
  const vpcs = new Map<string, Vpc>();
  for (const block of context.blocks("aws_vpc")) {
    const cidr = context.cidr(block.body["cidr_block"]) ?? new Unknown("cidr_block from IPAM");
    vpcs.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      cidrs: [cidr],
      dnsSupport: booleanOf(block.body["enable_dns_support"], true),
      dnsHostnames: booleanOf(block.body["enable_dns_hostnames"], false),
      provider: context.providerOf(block),
    });
  }
  for (const block of context.blocks("aws_vpc_ipv4_cidr_block_association")) {
    const vpc = vpcs.get(String(context.idOf(block.body["vpc_id"], "aws_vpc")));
    const cidr = context.cidr(block.body["cidr_block"]);
    if (vpc && cidr !== undefined) {
      vpc.cidrs.push(cidr);
    }
  }
  return vpcs;
}

export function readSubnets(context: ReadContext): Map<string, Subnet> {
  const subnets = new Map<string, Subnet>();
  for (const block of context.blocks("aws_subnet")) {
    subnets.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      vpc: context.idOf(block.body["vpc_id"], "aws_vpc"),
      cidr: context.cidr(block.body["cidr_block"]) ?? new Unknown("cidr_block from IPAM"),
      zone: {
        name: context.literal(block.body["availability_zone"]),
        id: context.literal(block.body["availability_zone_id"]),
      },
    });
  }
  return subnets;
}

function routeTargetOf(context: ReadContext, route: Record<string, unknown>): RouteTarget {
  if (route["vpc_peering_connection_id"] !== undefined) {
    return { kind: "peering", connection: context.idOf(route["vpc_peering_connection_id"], "aws_vpc_peering_connection") };
  }
  if (route["transit_gateway_id"] !== undefined) {
    return { kind: "transit-gateway", gateway: context.idOf(route["transit_gateway_id"], "aws_ec2_transit_gateway") };
  }
  if (route["gateway_id"] === "local") {
    return { kind: "local" };
  }
  for (const key of [
    "gateway_id",
    "nat_gateway_id",
    "network_interface_id",
    "vpc_endpoint_id",
    "egress_only_gateway_id",
    "local_gateway_id",
    "carrier_gateway_id",
    "core_network_arn",
  ]) {
    if (route[key] !== undefined) {
      const reference = referenceIn(route[key]);
      return { kind: "other", description: `${key} ${reference ? reference.address : String(route[key])}` };
    }
  }
  return { kind: "other", description: "no target" };
}

function routeOf(context: ReadContext, route: Record<string, unknown>, declaredIn: string): Route {
  const destination =
    context.cidr(route["destination_cidr_block"] ?? route["cidr_block"]) ??
    context.literal(route["destination_prefix_list_id"]) ??
    context.literal(route["destination_ipv6_cidr_block"] ?? route["ipv6_cidr_block"]) ??
    new Unknown("no destination");
  return { destination, target: routeTargetOf(context, route), declaredIn };
}

export interface RouteTables {
  readonly routeTables: Map<string, RouteTable>;
  readonly routeTableOfSubnet: Map<string, string>;
  readonly mainRouteTableOfVpc: Map<string, string>;
}

/**
 * Route tables with their inline routes, `aws_route` resources, gateway endpoint routes,
 * explicit subnet associations and main tables (`aws_default_route_table`,
 * `aws_main_route_table_association`).
 */
export function readRouteTables(context: ReadContext): RouteTables {
  const routeTables = new Map<string, RouteTable>();
  const mainRouteTableOfVpc = new Map<string, string>();
  const tableOf = (block: ResourceBlock, vpc: RouteTable["vpc"]) => {
    const table: RouteTable = { address: block.address, label: context.labelOf(block), vpc, routes: [] };
    for (const route of blocksOf(block.body["route"])) {
      table.routes.push(routeOf(context, route, block.address));
    }
    routeTables.set(block.address, table);
    return table;
  };
  for (const block of context.blocks("aws_route_table")) {
    tableOf(block, context.idOf(block.body["vpc_id"], "aws_vpc"));
  }
  for (const block of context.blocks("aws_default_route_table")) {
    const reference = referenceIn(block.body["default_route_table_id"]);
    const vpc = reference?.attribute === "default_route_table_id" ? reference.address : undefined;
    tableOf(block, vpc ?? new Unknown(String(block.body["default_route_table_id"])));
    if (vpc) {
      mainRouteTableOfVpc.set(vpc, block.address);
    }
  }
  for (const block of context.blocks("aws_main_route_table_association")) {
    const vpc = context.idOf(block.body["vpc_id"], "aws_vpc");
    const table = context.idOf(block.body["route_table_id"], "aws_route_table");
    if (typeof vpc === "string" && typeof table === "string") {
      mainRouteTableOfVpc.set(vpc, table);
    }
  }
  const tableFor = (value: unknown) => routeTables.get(String(context.idOf(value, "aws_route_table", "aws_default_route_table")));
  for (const block of context.blocks("aws_route")) {
    tableFor(block.body["route_table_id"])?.routes.push(routeOf(context, block.body, block.address));
  }
  for (const block of context.blocks("aws_vpc_endpoint")) {
    if ((block.body["vpc_endpoint_type"] ?? "Gateway") !== "Gateway") {
      continue;
    }
    for (const tableId of listOf(block.body["route_table_ids"])) {
      tableFor(tableId)?.routes.push(gatewayEndpointRoute(context, block));
    }
  }
  for (const block of context.blocks("aws_vpc_endpoint_route_table_association")) {
    const endpoint = context.block(String(context.idOf(block.body["vpc_endpoint_id"], "aws_vpc_endpoint")));
    if (endpoint) {
      tableFor(block.body["route_table_id"])?.routes.push(gatewayEndpointRoute(context, endpoint));
    }
  }
  const routeTableOfSubnet = new Map<string, string>();
  for (const block of context.blocks("aws_route_table_association")) {
    const subnet = context.idOf(block.body["subnet_id"], "aws_subnet");
    const table = context.idOf(block.body["route_table_id"], "aws_route_table", "aws_default_route_table");
    if (typeof subnet === "string" && typeof table === "string") {
      routeTableOfSubnet.set(subnet, table);
    }
  }
  return { routeTables, routeTableOfSubnet, mainRouteTableOfVpc };
}

function gatewayEndpointRoute(context: ReadContext, endpoint: ResourceBlock): Route {
  const service = context.literal(endpoint.body["service_name"]);
  return {
    destination: new Unknown(`prefix list of ${service instanceof Unknown ? service.expression : service}`),
    target: { kind: "gateway-endpoint", endpoint: endpoint.address },
    declaredIn: endpoint.address,
  };
}

/**
 * Peering connections: accepted by `auto_accept` or an accepter resource; remote DNS
 * resolution from the inline blocks, the accepter, or `aws_vpc_peering_connection_options`.
 */
export function readPeerings(context: ReadContext): Map<string, PeeringConnection> {
  const peerings = new Map<string, PeeringConnection>();
  const dns = new Map<string, { requester: PeeringConnection["remoteDnsResolution"]["requester"]; accepter: PeeringConnection["remoteDnsResolution"]["accepter"] }>();
  const applyDnsOptions = (address: string, body: Record<string, unknown>) => {
    const current = dns.get(address) ?? { requester: false, accepter: false };
    for (const side of ["requester", "accepter"] as const) {
      const option = blocksOf(body[side])[0]?.["allow_remote_vpc_dns_resolution"];
      if (option !== undefined) {
        current[side] = booleanOf(option, false);
      }
    }
    dns.set(address, current);
  };
  const accepted = new Set<string>();
  for (const block of context.blocks("aws_vpc_peering_connection")) {
    applyDnsOptions(block.address, block.body);
  }
  for (const block of context.blocks("aws_vpc_peering_connection_accepter", "aws_vpc_peering_connection_options")) {
    const connection = context.idOf(block.body["vpc_peering_connection_id"], "aws_vpc_peering_connection");
    if (typeof connection !== "string") {
      continue;
    }
    applyDnsOptions(connection, block.body);
    if (block.type === "aws_vpc_peering_connection_accepter" && booleanOf(block.body["auto_accept"], false) === true) {
      accepted.add(connection);
    }
  }
  for (const block of context.blocks("aws_vpc_peering_connection")) {
    const autoAccept = booleanOf(block.body["auto_accept"], false);
    peerings.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      requesterVpc: context.idOf(block.body["vpc_id"], "aws_vpc"),
      accepterVpc: context.idOf(block.body["peer_vpc_id"], "aws_vpc"),
      interRegion: block.body["peer_region"] !== undefined,
      accepted: accepted.has(block.address) ? true : autoAccept,
      remoteDnsResolution: dns.get(block.address)!,
    });
  }
  return peerings;
}

export interface TransitGateways {
  readonly transitGateways: Map<string, TransitGateway>;
  readonly transitGatewayAttachments: Map<string, TransitGatewayAttachment>;
  readonly transitGatewayRouteTables: Map<string, TransitGatewayRouteTable>;
}

const DEFAULT_TABLE_ATTRIBUTES = ["association_default_route_table_id", "propagation_default_route_table_id"];

/**
 * Transit gateways, VPC attachments and gateway route tables. The default route table
 * is modelled as `<gateway>#default-route-table`; attachments associate with and
 * propagate to it unless the gateway or the attachment turns that off.
 */
export function readTransitGateways(context: ReadContext): TransitGateways {
  const transitGateways = new Map<string, TransitGateway>();
  const transitGatewayRouteTables = new Map<string, TransitGatewayRouteTable>();
  for (const block of context.blocks("aws_ec2_transit_gateway")) {
    const defaultAssociation = block.body["default_route_table_association"] !== "disable";
    const defaultPropagation = block.body["default_route_table_propagation"] !== "disable";
    const defaultRouteTable = `${block.address}#default-route-table`;
    transitGateways.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      defaultRouteTable,
      defaultAssociation,
      defaultPropagation,
    });
    transitGatewayRouteTables.set(defaultRouteTable, {
      address: defaultRouteTable,
      label: `default route table of ${context.labelOf(block)}`,
      gateway: block.address,
      associations: [],
      propagations: [],
      staticRoutes: [],
    });
  }
  for (const block of context.blocks("aws_ec2_transit_gateway_route_table")) {
    transitGatewayRouteTables.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      gateway: context.idOf(block.body["transit_gateway_id"], "aws_ec2_transit_gateway"),
      associations: [],
      propagations: [],
      staticRoutes: [],
    });
  }
  const routeTableOf = (value: unknown): TransitGatewayRouteTable | undefined => {
    const reference = referenceIn(value);
    if (reference && DEFAULT_TABLE_ATTRIBUTES.includes(reference.attribute)) {
      return transitGatewayRouteTables.get(`${reference.address}#default-route-table`);
    }
    return transitGatewayRouteTables.get(String(context.idOf(value, "aws_ec2_transit_gateway_route_table")));
  };

  const transitGatewayAttachments = new Map<string, TransitGatewayAttachment>();
  for (const block of context.blocks("aws_ec2_transit_gateway_vpc_attachment")) {
    const gateway = context.idOf(block.body["transit_gateway_id"], "aws_ec2_transit_gateway");
    transitGatewayAttachments.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      gateway,
      vpc: context.idOf(block.body["vpc_id"], "aws_vpc"),
      subnets: context.idsOf(block.body["subnet_ids"], "aws_subnet"),
    });
    const owner = typeof gateway === "string" ? transitGateways.get(gateway) : undefined;
    const defaultTable = owner?.defaultRouteTable ? transitGatewayRouteTables.get(owner.defaultRouteTable) : undefined;
    if (owner && defaultTable) {
      if (owner.defaultAssociation === true && booleanOf(block.body["transit_gateway_default_route_table_association"], true) === true) {
        defaultTable.associations.push(block.address);
      }
      if (owner.defaultPropagation === true && booleanOf(block.body["transit_gateway_default_route_table_propagation"], true) === true) {
        defaultTable.propagations.push(block.address);
      }
    }
  }
  for (const block of context.blocks("aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation")) {
    const attachment = context.idOf(block.body["transit_gateway_attachment_id"], "aws_ec2_transit_gateway_vpc_attachment");
    const table = routeTableOf(block.body["transit_gateway_route_table_id"]);
    if (table && typeof attachment === "string") {
      (block.type.endsWith("association") ? table.associations : table.propagations).push(attachment);
    }
  }
  for (const block of context.blocks("aws_ec2_transit_gateway_route")) {
    routeTableOf(block.body["transit_gateway_route_table_id"])?.staticRoutes.push({
      destination: context.cidr(block.body["destination_cidr_block"]) ?? new Unknown("no destination"),
      attachment:
        block.body["transit_gateway_attachment_id"] === undefined
          ? undefined
          : context.idOf(block.body["transit_gateway_attachment_id"], "aws_ec2_transit_gateway_vpc_attachment"),
      blackhole: booleanOf(block.body["blackhole"], false) === true,
    });
  }
  return { transitGateways, transitGatewayAttachments, transitGatewayRouteTables };
}

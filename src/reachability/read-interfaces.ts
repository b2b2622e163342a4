import type { GroupSelection, Instance, InstanceConnectEndpoint, VpcEndpoint } from "./model";
import { SECURITY_GROUP_TYPES, type ReadContext } from "./read-context";
import { booleanOf, blocksOf, referenceIn, Unknown } from "./values";

function groupsOf(context: ReadContext, value: unknown): GroupSelection {
  return value === undefined ? { kind: "vpc-default" } : { kind: "groups", groups: context.idsOf(value, ...SECURITY_GROUP_TYPES) };
}

/**
 * Instances. Without `vpc_security_group_ids` an instance gets its VPC's default group;
 * it has a public address with an Elastic IP, else per `associate_public_ip_address`,
 * else per its subnet's `map_public_ip_on_launch`.
 */
export function readInstances(context: ReadContext): Map<string, Instance> {
  const instances = new Map<string, Instance>();
  const withElasticIp = new Set(
    [
      ...context.blocks("aws_eip").map((block) => block.body["instance"]),
      ...context.blocks("aws_eip_association").map((block) => block.body["instance_id"]),
    ].map((value) => String(context.idOf(value, "aws_instance"))),
  );
  for (const block of context.blocks("aws_instance")) {
    const subnet = context.idOf(block.body["subnet_id"], "aws_subnet");
    const subnetBlock = typeof subnet === "string" ? context.block(subnet) : undefined;
    const publicDefault = booleanOf(subnetBlock?.body["map_public_ip_on_launch"], false);
    instances.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      subnet,
      securityGroups: groupsOf(context, block.body["vpc_security_group_ids"] ?? block.body["security_groups"]),
      privateIp: context.address(block.body["private_ip"]),
      publicIp: withElasticIp.has(block.address)
        ? true
        : block.body["associate_public_ip_address"] === undefined
          ? publicDefault
          : booleanOf(block.body["associate_public_ip_address"], false),
    });
  }
  return instances;
}

/**
 * VPC endpoints. The provider's default type is Gateway; interface endpoints without
 * `security_group_ids` get the VPC's default group; private DNS is off unless enabled.
 */
export function readVpcEndpoints(context: ReadContext): Map<string, VpcEndpoint> {
  const endpoints = new Map<string, VpcEndpoint>();
  // Private DNS turned on later, by its own resource (once the service's domain is verified).
  const privateDnsLater = new Map<string, { readonly enabled: ReturnType<typeof booleanOf>; readonly by: string }>();
  for (const block of context.blocks("aws_vpc_endpoint_private_dns")) {
    const endpoint = context.idOf(block.body["vpc_endpoint_id"], "aws_vpc_endpoint");
    if (typeof endpoint === "string") privateDnsLater.set(endpoint, { enabled: booleanOf(block.body["private_dns_enabled"], false), by: block.address });
  }
  for (const block of context.blocks("aws_vpc_endpoint")) {
    const type = String(block.body["vpc_endpoint_type"] ?? "Gateway");
    const serviceReference = referenceIn(block.body["service_name"]);
    const endpointService =
      serviceReference?.address.startsWith("aws_vpc_endpoint_service.") && context.block(serviceReference.address)
        ? serviceReference.address
        : undefined;
    const subnets = [
      ...context.idsOf(block.body["subnet_ids"], "aws_subnet"),
      ...blocksOf(block.body["subnet_configuration"]).map((entry) => context.idOf(entry["subnet_id"], "aws_subnet")),
    ];
    endpoints.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      endpointType: type === "Interface" || type === "GatewayLoadBalancer" ? type : "Gateway",
      vpc: context.idOf(block.body["vpc_id"], "aws_vpc"),
      serviceName: context.literal(block.body["service_name"]) ?? new Unknown("no service_name"),
      endpointService,
      subnets,
      securityGroups: groupsOf(context, block.body["security_group_ids"]),
      privateDns: privateDnsLater.get(block.address)?.enabled ?? booleanOf(block.body["private_dns_enabled"], false),
      ...(privateDnsLater.has(block.address) ? { privateDnsSetBy: privateDnsLater.get(block.address)!.by } : {}),
      autoAccept: booleanOf(block.body["auto_accept"], false),
      provider: context.providerOf(block),
    });
  }
  return endpoints;
}

/** EC2 Instance Connect endpoints; `preserve_client_ip` defaults to true in the provider. */
export function readInstanceConnectEndpoints(context: ReadContext): Map<string, InstanceConnectEndpoint> {
  const endpoints = new Map<string, InstanceConnectEndpoint>();
  for (const block of context.blocks("aws_ec2_instance_connect_endpoint")) {
    endpoints.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      subnet: context.idOf(block.body["subnet_id"], "aws_subnet"),
      securityGroups: groupsOf(context, block.body["security_group_ids"]),
      preserveClientIp: booleanOf(block.body["preserve_client_ip"], true),
    });
  }
  return endpoints;
}

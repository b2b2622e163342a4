import type { EndpointAcceptance, EndpointService, Listener, LoadBalancer, TargetAttachment, TargetGroup } from "./model";
import { SECURITY_GROUP_TYPES, type ReadContext } from "./read-context";
import { blocksOf, booleanOf, listOf, numberOf, Unknown } from "./values";

const LB_TYPES = ["aws_lb", "aws_alb"];
const TARGET_GROUP_TYPES = ["aws_lb_target_group", "aws_alb_target_group"];

/**
 * Load balancers. PrivateLink enforcement of the security group's inbound rules is on
 * unless set to "off"; cross-zone load balancing is always on for ALBs and off by
 * default for NLBs (article 003's two surprises).
 */
export function readLoadBalancers(context: ReadContext): Map<string, LoadBalancer> {
  const loadBalancers = new Map<string, LoadBalancer>();
  for (const block of context.blocks(...LB_TYPES)) {
    const type = String(block.body["load_balancer_type"] ?? "application");
    const lbType = type === "network" || type === "gateway" ? type : "application";
    const enforce = block.body["enforce_security_group_inbound_rules_on_private_link_traffic"];
    loadBalancers.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      lbType,
      internal: booleanOf(block.body["internal"], false),
      subnets: [
        ...context.idsOf(block.body["subnets"], "aws_subnet"),
        ...blocksOf(block.body["subnet_mapping"]).map((mapping) => context.idOf(mapping["subnet_id"], "aws_subnet")),
      ],
      securityGroups: context.idsOf(block.body["security_groups"], ...SECURITY_GROUP_TYPES),
      enforceInboundOnPrivateLink: enforce === undefined ? true : enforce === "off" ? false : enforce === "on" ? true : new Unknown(String(enforce)),
      crossZone: lbType === "application" ? true : booleanOf(block.body["enable_cross_zone_load_balancing"], false),
    });
  }
  return loadBalancers;
}

/** Listeners and the target groups their default action forwards to. */
export function readListeners(context: ReadContext): Map<string, Listener> {
  const listeners = new Map<string, Listener>();
  for (const block of context.blocks("aws_lb_listener", "aws_alb_listener")) {
    const targetGroups = blocksOf(block.body["default_action"])
      .filter((action) => action["type"] === "forward")
      .flatMap((action) => [
        ...(action["target_group_arn"] === undefined ? [] : [action["target_group_arn"]]),
        ...blocksOf(action["forward"]).flatMap((forward) => blocksOf(forward["target_group"]).map((group) => group["arn"])),
      ])
      .map((arn) => context.idOf(arn, ...TARGET_GROUP_TYPES));
    listeners.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      loadBalancer: context.idOf(block.body["load_balancer_arn"], ...LB_TYPES),
      port: numberOf(block.body["port"]) ?? new Unknown("no port"),
      protocol: context.literal(block.body["protocol"]) ?? "HTTP",
      targetGroups,
    });
  }
  return listeners;
}

export function readTargetGroups(context: ReadContext): Map<string, TargetGroup> {
  const groups = new Map<string, TargetGroup>();
  for (const block of context.blocks(...TARGET_GROUP_TYPES)) {
    const healthCheck = blocksOf(block.body["health_check"])[0] ?? {};
    const healthPort = healthCheck["port"];
    const crossZone = block.body["load_balancing_cross_zone_enabled"];
    groups.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      port: numberOf(block.body["port"]) ?? new Unknown("no port (lambda or per-attachment)"),
      protocol: context.literal(block.body["protocol"]) ?? new Unknown("no protocol"),
      targetType: context.literal(block.body["target_type"]) ?? "instance",
      healthCheckPort: healthPort === undefined || healthPort === "traffic-port" ? "traffic-port" : (numberOf(healthPort) ?? "traffic-port"),
      healthCheckPath: context.literal(healthCheck["path"]),
      preserveClientIp: block.body["preserve_client_ip"] === undefined ? undefined : booleanOf(block.body["preserve_client_ip"], false),
      crossZone: crossZone === undefined || crossZone === "use_load_balancer_configuration" ? undefined : booleanOf(crossZone, false),
    });
  }
  return groups;
}

export function readTargetAttachments(context: ReadContext): Map<string, TargetAttachment> {
  const attachments = new Map<string, TargetAttachment>();
  for (const block of context.blocks("aws_lb_target_group_attachment", "aws_alb_target_group_attachment")) {
    const instance = context.idOf(block.body["target_id"], "aws_instance");
    attachments.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      targetGroup: context.idOf(block.body["target_group_arn"], ...TARGET_GROUP_TYPES),
      target: typeof instance === "string" ? { kind: "instance", instance } : { kind: "ip", ip: context.address(block.body["target_id"]) ?? instance },
      port: numberOf(block.body["port"]),
    });
  }
  return attachments;
}

/** Endpoint services with their principals (inline and `_allowed_principal` resources). */
export function readEndpointServices(context: ReadContext): Map<string, EndpointService> {
  const services = new Map<string, EndpointService>();
  for (const block of context.blocks("aws_vpc_endpoint_service")) {
    services.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      acceptanceRequired: booleanOf(block.body["acceptance_required"], true),
      loadBalancers: context.idsOf(block.body["network_load_balancer_arns"], ...LB_TYPES),
      allowedPrincipals: listOf(block.body["allowed_principals"]).map((arn) => context.literal(arn)!),
      privateDnsName: context.literal(block.body["private_dns_name"]),
      provider: context.providerOf(block),
    });
  }
  for (const block of context.blocks("aws_vpc_endpoint_service_allowed_principal")) {
    const service = services.get(String(context.idOf(block.body["vpc_endpoint_service_id"], "aws_vpc_endpoint_service")));
    service?.allowedPrincipals.push(context.literal(block.body["principal_arn"]) ?? new Unknown("no principal_arn"));
  }
  return services;
}

/** Connections the service side accepts in code (`aws_vpc_endpoint_connection_accepter`). */
export function readEndpointAcceptances(context: ReadContext): Map<string, EndpointAcceptance> {
  const acceptances = new Map<string, EndpointAcceptance>();
  for (const block of context.blocks("aws_vpc_endpoint_connection_accepter")) {
    acceptances.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      service: context.idOf(block.body["vpc_endpoint_service_id"], "aws_vpc_endpoint_service"),
      endpoint: context.idOf(block.body["vpc_endpoint_id"], "aws_vpc_endpoint"),
    });
  }
  return acceptances;
}

import type { Unknown } from "./values";

/**
 * The network of one stack as its synthesized Terraform JSON describes it. Every
 * element keeps the address it was read from (`aws_vpc.vpc1_vpc_90663111`) and a label
 * for people (its Name tag, else its address). Links between elements are addresses;
 * a link Terraform only knows at apply time is `Unknown`.
 */

export interface Element {
  readonly address: string;
  readonly label: string;
}

export type Maybe<T> = T | Unknown;

export interface AvailabilityZone {
  /** e.g. `ap-northeast-1a`; the same name can be another zone in another account. */
  readonly name?: Maybe<string>;
  /** e.g. `apne1-az1`: the same physical zone in every account. */
  readonly id?: Maybe<string>;
}

export interface Vpc extends Element {
  readonly cidrs: Maybe<string>[];
  readonly dnsSupport: Maybe<boolean>;
  readonly dnsHostnames: Maybe<boolean>;
  /** Provider (account, region) the VPC is created with: `aws` or `aws.<alias>`. */
  readonly provider: string;
}

export interface Subnet extends Element {
  readonly vpc: Maybe<string>;
  readonly cidr: Maybe<string>;
  readonly zone: AvailabilityZone;
}

export type RouteTarget =
  | { readonly kind: "local" }
  | { readonly kind: "peering"; readonly connection: Maybe<string> }
  | { readonly kind: "transit-gateway"; readonly gateway: Maybe<string> }
  | { readonly kind: "gateway-endpoint"; readonly endpoint: string }
  | { readonly kind: "other"; readonly description: string };

export interface Route {
  /** An IPv4 CIDR, or a prefix list (gateway endpoints), or unknown. */
  readonly destination: Maybe<string>;
  readonly target: RouteTarget;
  /** Address of the resource that declares the route. */
  readonly declaredIn: string;
}

export interface RouteTable extends Element {
  readonly vpc: Maybe<string>;
  readonly routes: Route[];
}

export interface PeeringConnection extends Element {
  readonly requesterVpc: Maybe<string>;
  readonly accepterVpc: Maybe<string>;
  /** `peer_region` is set: routing works, security group references across it do not. */
  readonly interRegion: boolean;
  /** Accepted by `auto_accept` or by an accepter resource (cross-account). */
  readonly accepted: Maybe<boolean>;
  /** Whether each side resolves the other side's public DNS hostnames to private addresses. */
  readonly remoteDnsResolution: { readonly requester: Maybe<boolean>; readonly accepter: Maybe<boolean> };
}

export interface TransitGateway extends Element {
  /** The gateway's default route table, or none when default association is off. */
  readonly defaultRouteTable?: string;
  readonly defaultAssociation: Maybe<boolean>;
  readonly defaultPropagation: Maybe<boolean>;
}

export interface TransitGatewayAttachment extends Element {
  readonly gateway: Maybe<string>;
  readonly vpc: Maybe<string>;
  readonly subnets: Maybe<string>[];
}

export interface TransitGatewayRouteTable extends Element {
  readonly gateway: Maybe<string>;
  readonly associations: string[];
  readonly propagations: string[];
  readonly staticRoutes: { readonly destination: Maybe<string>; readonly attachment?: Maybe<string>; readonly blackhole: boolean }[];
}

/** `tcp`, `udp`, `icmp`, `icmpv6`, `-1` (all), or a protocol number. */
export type Protocol = string;

export type RulePeer =
  | { readonly kind: "cidr"; readonly cidr: string }
  | { readonly kind: "ipv6"; readonly cidr: string }
  | { readonly kind: "group"; readonly group: string }
  | { readonly kind: "prefix-list"; readonly prefixList: Maybe<string> }
  | { readonly kind: "unknown"; readonly value: Unknown };

export interface SecurityGroupRule {
  readonly direction: "ingress" | "egress";
  readonly protocol: Maybe<Protocol>;
  readonly fromPort?: Maybe<number>;
  readonly toPort?: Maybe<number>;
  readonly peer: RulePeer;
  readonly declaredIn: string;
}

export interface SecurityGroup extends Element {
  readonly vpc: Maybe<string>;
  readonly rules: SecurityGroupRule[];
  /** The VPC's default group (adopted with `aws_default_security_group`, or AWS's own). */
  readonly isDefault: boolean;
}

export interface NetworkAclRule {
  readonly direction: "ingress" | "egress";
  readonly ruleNumber: Maybe<number>;
  readonly allow: Maybe<boolean>;
  readonly protocol: Maybe<Protocol>;
  readonly fromPort?: Maybe<number>;
  readonly toPort?: Maybe<number>;
  readonly cidr: Maybe<string>;
}

export interface NetworkAcl extends Element {
  readonly vpc: Maybe<string>;
  readonly subnets: Maybe<string>[];
  readonly rules: NetworkAclRule[];
  readonly isDefault: boolean;
}

/** Security groups of a network interface; none written means the VPC's default group. */
export type GroupSelection = { readonly kind: "groups"; readonly groups: Maybe<string>[] } | { readonly kind: "vpc-default" };

export interface Instance extends Element {
  readonly subnet: Maybe<string>;
  readonly securityGroups: GroupSelection;
  readonly privateIp?: Maybe<string>;
  readonly publicIp: Maybe<boolean>;
}

export interface VpcEndpoint extends Element {
  readonly endpointType: "Interface" | "Gateway" | "GatewayLoadBalancer";
  readonly vpc: Maybe<string>;
  /** e.g. `com.amazonaws.ap-northeast-1.ssm`, or the service of an endpoint service in the stack. */
  readonly serviceName: Maybe<string>;
  /** Address of the `aws_vpc_endpoint_service` this endpoint connects to, when it is in the stack. */
  readonly endpointService?: string;
  readonly subnets: Maybe<string>[];
  readonly securityGroups: GroupSelection;
  readonly privateDns: Maybe<boolean>;
  /** The `aws_vpc_endpoint_private_dns` that sets `privateDns`, when one does. */
  readonly privateDnsSetBy?: string;
  readonly autoAccept: Maybe<boolean>;
  readonly provider: string;
}

export interface InstanceConnectEndpoint extends Element {
  readonly subnet: Maybe<string>;
  readonly securityGroups: GroupSelection;
  /** With it on (the provider's default) targets see the operator's address, not the endpoint's. */
  readonly preserveClientIp: Maybe<boolean>;
}

export interface LoadBalancer extends Element {
  readonly lbType: "application" | "network" | "gateway";
  readonly internal: Maybe<boolean>;
  readonly subnets: Maybe<string>[];
  /** Empty for a Network Load Balancer created without security groups. */
  readonly securityGroups: Maybe<string>[];
  /** `enforce_security_group_inbound_rules_on_private_link_traffic`; AWS's default is on. */
  readonly enforceInboundOnPrivateLink: Maybe<boolean>;
  /** Always on for ALBs; off by default for NLBs. */
  readonly crossZone: Maybe<boolean>;
}

export interface Listener extends Element {
  readonly loadBalancer: Maybe<string>;
  readonly port: Maybe<number>;
  readonly protocol: Maybe<string>;
  readonly targetGroups: Maybe<string>[];
}

export interface TargetGroup extends Element {
  readonly port: Maybe<number>;
  readonly protocol: Maybe<string>;
  readonly targetType: Maybe<string>;
  readonly healthCheckPort: Maybe<number> | "traffic-port";
  readonly healthCheckPath?: Maybe<string>;
  /** Unset means the AWS default for the target type and protocol. */
  readonly preserveClientIp?: Maybe<boolean>;
  /** `load_balancing_cross_zone_enabled`; unset means the load balancer's setting. */
  readonly crossZone?: Maybe<boolean>;
}

export interface TargetAttachment extends Element {
  readonly targetGroup: Maybe<string>;
  readonly target: { readonly kind: "instance"; readonly instance: string } | { readonly kind: "ip"; readonly ip: Maybe<string> };
  readonly port?: Maybe<number>;
}

export interface EndpointService extends Element {
  readonly acceptanceRequired: Maybe<boolean>;
  readonly loadBalancers: Maybe<string>[];
  readonly allowedPrincipals: Maybe<string>[];
  readonly privateDnsName?: Maybe<string>;
  readonly provider: string;
}

export interface EndpointAcceptance extends Element {
  readonly service: Maybe<string>;
  readonly endpoint: Maybe<string>;
}

export interface HostedZone extends Element {
  /** Lower case, no trailing dot. */
  readonly name: string;
  readonly isPrivate: boolean;
  /** VPCs that see the zone, and how (inline, association resource, Route 53 profile). */
  readonly associations: { readonly vpc: Maybe<string>; readonly via: string }[];
}

export interface DnsRecord extends Element {
  readonly zone: Maybe<string>;
  /** Fully qualified, lower case, no trailing dot; unknown when written as an expression. */
  readonly name: Maybe<string>;
  readonly type: string;
  /** The alias target's name as written: a literal or a `${...}` reference. */
  readonly alias?: string;
  /** Record values as written: literals or `${...}` references. */
  readonly values: string[];
}

export interface NetworkModel {
  readonly stackName?: string;
  readonly resourceCount: number;
  readonly vpcs: Map<string, Vpc>;
  readonly subnets: Map<string, Subnet>;
  readonly routeTables: Map<string, RouteTable>;
  /** Subnet address -> route table address, from explicit associations. */
  readonly routeTableOfSubnet: Map<string, string>;
  /** VPC address -> route table address made main; otherwise the VPC's own main table (local route only). */
  readonly mainRouteTableOfVpc: Map<string, string>;
  readonly peerings: Map<string, PeeringConnection>;
  readonly transitGateways: Map<string, TransitGateway>;
  readonly transitGatewayAttachments: Map<string, TransitGatewayAttachment>;
  readonly transitGatewayRouteTables: Map<string, TransitGatewayRouteTable>;
  readonly securityGroups: Map<string, SecurityGroup>;
  /** VPC address -> its default security group's address (real or stand-in). */
  readonly defaultSecurityGroupOfVpc: Map<string, string>;
  /** Rule resources whose group this stack does not create (an id from elsewhere): no flow uses them, guardrails judge them. */
  readonly rulesOfOtherGroups: SecurityGroupRule[];
  readonly networkAcls: Map<string, NetworkAcl>;
  readonly instances: Map<string, Instance>;
  readonly vpcEndpoints: Map<string, VpcEndpoint>;
  readonly instanceConnectEndpoints: Map<string, InstanceConnectEndpoint>;
  readonly loadBalancers: Map<string, LoadBalancer>;
  readonly listeners: Map<string, Listener>;
  readonly targetGroups: Map<string, TargetGroup>;
  readonly targetAttachments: Map<string, TargetAttachment>;
  readonly endpointServices: Map<string, EndpointService>;
  readonly endpointAcceptances: Map<string, EndpointAcceptance>;
  readonly hostedZones: Map<string, HostedZone>;
  readonly dnsRecords: Map<string, DnsRecord>;
}

import type { WithSection } from "../../config/common";
import { FLOW_LOGS_OFF, type WithFlowLogs } from "../../config/flow-logs";
import type { SubnetConfig } from "../../config/network";

/** The hub of article 001 (Shared-VPC): the VPC that holds the interface endpoints. */
export interface HubVpcConfig {
  /** VPC name; becomes its construct id and Name tag. */
  readonly name: string;
  /** The hub's IPv4 block. */
  readonly cidr: string;
  /**
   * Subnets of the endpoints, one per Availability Zone (an endpoint takes one subnet
   * per zone, and two zones keep SSM up when one fails). The hub's instance sits in the
   * first.
   */
  readonly subnets: readonly SubnetConfig[];
  /** Name of the hub's instance. */
  readonly instanceName: string;
}

/** A VPC that uses the hub's endpoints: User-VPC in article 001. */
export interface SpokeVpcConfig {
  /** VPC name; becomes its construct id and Name tag. */
  readonly name: string;
  /** The spoke's IPv4 block; must overlap neither the hub nor another spoke: both transports route by block. */
  readonly cidr: string;
  /** Private subnets; the spoke's instance sits in the first. */
  readonly subnets: readonly SubnetConfig[];
  /** Name of the spoke's instance. */
  readonly instanceName: string;
  /**
   * Role to assume for everything in this spoke when it belongs to another account,
   * e.g. `arn:aws:iam::111122223333:role/privnet-deploy`. Spokes of one account share
   * one provider, so they must name the same role. Unset: the hub's account.
   */
  readonly assumeRoleArn?: string;
}

/** How spokes resolve the services' names to the hub's endpoints. */
export type SharedDnsStrategy = "zone-associations" | "route53-profile";
/** How spokes reach the hub. */
export type SharedTransport = "peering" | "transit-gateway";

/** The `endpointSharing` section: article 001. */
export interface EndpointSharingConfig extends WithFlowLogs {
  readonly hub: HubVpcConfig;
  /**
   * AWS services given an interface endpoint in the hub and a private hosted zone,
   * written as after the region in the service name (`ssm`, `logs`, `ecr.api`).
   * Session Manager needs `ssm`, `ssmmessages` and `ec2messages`.
   */
  readonly services: readonly string[];
  /** The VPCs that use the hub's endpoints. */
  readonly spokes: readonly SpokeVpcConfig[];
  /**
   * `zone-associations` (the article's): each zone is associated with each spoke, one
   * association per zone and spoke. `route53-profile`: one Route 53 Profile holds the
   * zones and is associated once per spoke; it is shareable with other accounts through
   * AWS RAM. A profile is billed by the hour, far above the endpoints it shares (see the
   * topology's README); zone associations are free.
   */
  readonly dns: SharedDnsStrategy;
  /**
   * `peering` (the article's): one peering per spoke, at most 125 per VPC, and not
   * transitive, so spokes never reach each other. `transit-gateway`: one attachment per
   * VPC and route tables that let spokes reach the hub only.
   */
  readonly transport: SharedTransport;
}

export const ENDPOINT_SHARING_DEFAULTS: EndpointSharingConfig = {
  hub: {
    name: "shared-vpc",
    cidr: "172.16.0.0/16",
    subnets: [
      { name: "shared-vpc-subnet-a", cidr: "172.16.100.0/24", availabilityZone: "a" },
      { name: "shared-vpc-subnet-c", cidr: "172.16.200.0/24", availabilityZone: "c" },
    ],
    instanceName: "shared-vpc-ec2",
  },
  services: ["ssm", "ssmmessages", "ec2messages"],
  spokes: [
    {
      name: "user-vpc",
      cidr: "192.168.0.0/16",
      subnets: [{ name: "user-vpc-subnet-a", cidr: "192.168.100.0/24", availabilityZone: "a" }],
      instanceName: "user-vpc-ec2",
      assumeRoleArn: undefined,
    },
  ],
  dns: "zone-associations",
  transport: "peering",
  flowLogs: FLOW_LOGS_OFF,
};

/** Ids directly under the endpoint-sharing stack besides the configured VPC and instance names. */
export const ENDPOINT_SHARING_STACK_IDS: readonly string[] = [
  "aws",
  "backend",
  "flow-logs",
  "accounts",
  "ami",
  "vpc-quota",
  "instance-type-zones",
  "instance-type-zone-ids",
  "partition",
  "ssm-role",
  "caller",
  "endpoints",
  "hub-instance-sg",
  "dns-profile",
  "transit-gateway",
  "resource-share",
  "endpoint-ids",
  "zone-ids",
  "instance-ids",
  "start-session-commands",
  "diagnostics-command",
  "dns-check-commands",
  "transit-gateway-id",
  "route53-profile-id",
];

/** Security group names in the endpoint-sharing hub besides the hub instance's (which is named after it). */
export const ENDPOINT_SHARING_HUB_GROUP_NAMES: readonly string[] = ["vpce"];

/** Ids inside the endpoint-sharing stack's shared endpoints besides each service's (its slug). */
export const SHARED_ENDPOINTS_IDS: readonly string[] = ["security-group"];

/** What the stack and its flows read: the common keys and this section. */
export type EndpointSharingStackConfig = WithSection<"endpointSharing", EndpointSharingConfig>;

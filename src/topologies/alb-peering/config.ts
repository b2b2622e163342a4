import type { WithSection } from "../../config/common";
import { FLOW_LOGS_OFF, type WithFlowLogs } from "../../config/flow-logs";
import type { SubnetConfig, VpcWithInstanceConfig } from "../../config/network";

/** The VPC behind the internal ALB: foo in article 004, the accepter of the peering. */
export interface AlbVpcConfig {
  /** VPC name; becomes its construct id and Name tag. */
  readonly name: string;
  /** The VPC's IPv4 block. */
  readonly cidr: string;
  /**
   * Private subnets of the ALB and the web servers, in at least two Availability Zones
   * (an ALB needs two).
   */
  readonly subnets: readonly SubnetConfig[];
  /** Web server names, placed round-robin over `subnets`. */
  readonly webServerNames: readonly string[];
  /**
   * Role to assume for everything in this VPC when it belongs to another account,
   * e.g. `arn:aws:iam::111122223333:role/privnet-deploy`; the account id in the ARN
   * becomes the peering's peer owner. Unset: one account for both VPCs.
   */
  readonly assumeRoleArn?: string;
}

/**
 * The VPC of the client: bar in article 004, the requester of the peering. The article
 * gives no block for it; any block apart from foo's works.
 */
export type ClientVpcConfig = VpcWithInstanceConfig;

export interface InternalAlbConfig {
  /** Port of the HTTP listener. */
  readonly listenerPort: number;
  /** Port the web servers serve on, and the target group's. */
  readonly targetPort: number;
  /** Path the target group's health check requests. */
  readonly healthCheckPath: string;
  /** Refuse deletion of the ALB until turned off again; while it is on, `destroy` fails. */
  readonly deletionProtection: boolean;
  /**
   * Address ranges besides bar's CIDR allowed to the listener, e.g. an on-premises range
   * reaching foo through a VPN. The article's "allow all" was a stopgap: list the ranges that need the ALB.
   */
  readonly additionalClientCidrs: readonly string[];
}

export interface PrivateNameConfig {
  /** Private hosted zone, associated with bar. */
  readonly zoneName: string;
  /** Label of the ALB's alias record in the zone: the private name is `<recordName>.<zoneName>`. */
  readonly recordName: string;
}

/** The `albPeering` section: article 004. */
export interface AlbPeeringConfig extends WithFlowLogs {
  readonly foo: AlbVpcConfig;
  readonly bar: ClientVpcConfig;
  /** The internal ALB in foo: its listener, its targets and who may reach it. */
  readonly alb: InternalAlbConfig;
  /** The private name bar's client resolves to the ALB. */
  readonly dns: PrivateNameConfig;
}

export const ALB_PEERING_DEFAULTS: AlbPeeringConfig = {
  foo: {
    name: "foo",
    cidr: "10.2.0.0/16",
    subnets: [
      { name: "foo-private-1", cidr: "10.2.1.0/24", availabilityZone: "a" },
      { name: "foo-private-2", cidr: "10.2.2.0/24", availabilityZone: "c" },
    ],
    webServerNames: ["web-1", "web-2"],
    assumeRoleArn: undefined,
  },
  bar: {
    name: "bar",
    // Not in the article: the next block after foo's.
    cidr: "10.3.0.0/16",
    subnet: { name: "bar-private", cidr: "10.3.1.0/24", availabilityZone: "a" },
    instanceName: "client",
  },
  alb: {
    listenerPort: 80,
    targetPort: 8080,
    healthCheckPath: "/",
    deletionProtection: false,
    additionalClientCidrs: [],
  },
  dns: {
    zoneName: "home",
    recordName: "alb",
  },
  flowLogs: FLOW_LOGS_OFF,
};

/** Ids directly under the alb-peering stack besides the configured VPC and instance names. */
export const ALB_PEERING_STACK_IDS: readonly string[] = [
  "aws",
  "backend",
  "flow-logs",
  "accepter-account",
  "accepter-account-instance-type-zones",
  "accepter-account-instance-type-zone-ids",
  "accepter-account-vpc-quota",
  "peering",
  "ami",
  "vpc-quota",
  "instance-type-zones",
  "instance-type-zone-ids",
  "alb",
  "web-sg",
  "client-sg",
  "eic",
  "private-name",
  "alb-dns-name",
  "alb-private-name",
  "web-instance-ids",
  "client-instance-id",
  "eic-endpoint-id",
  "connect-command",
  "curl-command",
];

/** What the stack and its flows read: the common keys and this section. */
export type AlbPeeringStackConfig = WithSection<"albPeering", AlbPeeringConfig>;

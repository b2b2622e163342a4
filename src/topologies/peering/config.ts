import type { WithSection } from "../../config/common";
import { FLOW_LOGS_OFF, type WithFlowLogs } from "../../config/flow-logs";
import type { VpcWithInstanceConfig } from "../../config/network";

/** One side of the peering: a VPC, its subnet and its test instance. */
export type PeeredVpcConfig = VpcWithInstanceConfig;

export interface OperatorConfig {
  /**
   * The operator's public IPv4 address (one address; a /32 is taken too) allowed as an Instance Connect
   * destination, as the article did. Unset: fetched at plan time from
   * `addressUrl`. Set it in CI, where the fetched address would be the runner's.
   */
  readonly cidr?: string;
  /** HTTPS URL that answers with the caller's IPv4 address (the article used plain http). */
  readonly addressUrl: string;
}

/** The `peering` section: article 000. */
export interface PeeringConfig extends WithFlowLogs {
  /** Side that requests the peering: vpc1 10.0.0.0/16 in the article. */
  readonly requester: PeeredVpcConfig;
  /** Side that accepts it: vpc2 172.18.0.0/16 in the article. */
  readonly accepter: PeeredVpcConfig;
  /** Who may log in through the Instance Connect endpoint: the endpoint sends SSH only to this address. */
  readonly operator: OperatorConfig;
  /** EC2 key pair for the instances. Unset: Instance Connect pushes a short-lived key. */
  readonly keyName?: string;
}

export const PEERING_DEFAULTS: PeeringConfig = {
  requester: {
    name: "vpc1",
    cidr: "10.0.0.0/16",
    subnet: { name: "private1", cidr: "10.0.1.0/24", availabilityZone: "a" },
    instanceName: "ec2-1",
  },
  accepter: {
    name: "vpc2",
    cidr: "172.18.0.0/16",
    subnet: { name: "private2", cidr: "172.18.1.0/24", availabilityZone: "a" },
    instanceName: "ec2-2",
  },
  operator: {
    cidr: undefined,
    addressUrl: "https://ipv4.icanhazip.com",
  },
  keyName: undefined,
  flowLogs: FLOW_LOGS_OFF,
};

/** Ids directly under the peering stack besides the configured VPC and instance names. */
export const PEERING_STACK_IDS: readonly string[] = [
  "aws",
  "backend",
  "flow-logs",
  "peering",
  "sg1",
  "sg2",
  "eic",
  "eic-to-ec2",
  "operator-address",
  "ami",
  "vpc-quota",
  "instance-type-zones",
  "instance-type-zone-ids",
  "eic-endpoint-id",
  "connect-command",
  "ping-command",
];

/** What the stack and its flows read: the common keys and this section. */
export type PeeringStackConfig = WithSection<"peering", PeeringConfig>;

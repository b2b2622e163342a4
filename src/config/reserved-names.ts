/**
 * Construct ids that the code itself uses in the scopes where configured names become
 * ids too. A configured name equal to one of them would collide, so validation
 * refuses it; tests keep these lists equal to what the constructs really create.
 */

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
  "eic-endpoint-id",
  "connect-command",
  "ping-command",
];

/** Ids directly under the alb-peering stack besides the configured VPC and instance names. */
export const ALB_PEERING_STACK_IDS: readonly string[] = [
  "aws",
  "backend",
  "flow-logs",
  "accepter-account",
  "peering",
  "ami",
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

/** Ids directly under the privatelink stack besides the configured VPC, server and consumer names. */
export const PRIVATELINK_STACK_IDS: readonly string[] = [
  "aws",
  "backend",
  "flow-logs",
  "ami",
  "caller",
  "partition",
  "s3-gateway-endpoint",
  "nat-gateway",
  "server-sg",
  "nlb",
  "endpoint-service",
  "service-name",
  "server-instance-id",
  "endpoint-ids",
  "endpoint-dns-names",
  "client-instance-ids",
  "connect-commands",
  "curl-commands",
  "reachability-path-found",
];

/** Ids inside a private network besides its subnets and their route tables. */
export const PRIVATE_NETWORK_IDS: readonly string[] = ["vpc", "default-security-group"];

/** Ids inside a NAT egress construct besides its public subnets and their route tables. */
export const NAT_EGRESS_IDS: readonly string[] = ["internet-gateway", "address", "nat-gateway"];

/** Ids directly under the endpoint-sharing stack besides the configured VPC and instance names. */
export const ENDPOINT_SHARING_STACK_IDS: readonly string[] = [
  "aws",
  "backend",
  "flow-logs",
  "accounts",
  "ami",
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

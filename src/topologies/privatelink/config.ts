import type { WithSection } from "../../config/common";
import { FLOW_LOGS_OFF, type WithFlowLogs } from "../../config/flow-logs";
import type { SubnetConfig } from "../../config/network";

/** How a VPC of the privatelink stack reaches the internet, when it must. */
export interface InternetEgressConfig {
  /**
   * Public subnets, used only to hold the NAT gateway (in the first). The article-003
   * layout had one in each zone; give them with `natGateway: true`.
   */
  readonly publicSubnets: readonly SubnetConfig[];
  /**
   * One NAT gateway (about 45 USD a month in Tokyo before data) that gives the private
   * subnets a way out, as article 003 did. Nothing here needs it.
   */
  readonly natGateway: boolean;
}

/** The service provider's VPC: shared-vpc in article 002, VPC B in article 003. */
export interface ServiceVpcConfig extends InternetEgressConfig {
  /** VPC name; becomes its construct id and Name tag (article 002's shared-vpc). */
  readonly name: string;
  /** The service VPC's IPv4 block. */
  readonly cidr: string;
  /**
   * Private subnets; the NLB has a node in each, so they are the zones consumers can
   * use; article 003 used two.
   */
  readonly subnets: readonly SubnetConfig[];
  /** Name of the web server. */
  readonly serverName: string;
  /** Subnet of the web server: article 003's server sat in 1c. */
  readonly serverSubnet: string;
  /**
   * An S3 gateway endpoint (free) so the web server installs httpd from the Amazon
   * Linux 2023 repositories, which are S3 buckets. Its policy allows only those
   * buckets.
   */
  readonly s3GatewayEndpoint: boolean;
}

/** The NLB and the endpoint service in front of the web server. */
export interface EndpointServiceConfig {
  /** TCP port of the NLB's listener, the target group and the web server. */
  readonly port: number;
  /** Path the target group's HTTP health check requests, as in article 003. */
  readonly healthCheckPath: string;
  /**
   * Article 003's second lesson: with it off, a consumer whose endpoint is in a zone
   * without a healthy target gets nothing.
   */
  readonly crossZoneLoadBalancing: boolean;
  /**
   * Article 003's first lesson: with it on (as AWS sets it unless told), the NLB's own group judges
   * PrivateLink traffic and refuses it, though the endpoint's group already decided.
   */
  readonly enforceInboundRulesOnPrivateLinkTraffic: boolean;
  /**
   * A name of yours (e.g. `hello.example.com`) that consumers resolve to their
   * endpoint. Unset: consumers use each endpoint's own DNS name. Needs
   * `privateDnsPublicZoneId`, where the ownership record goes.
   */
  readonly privateDnsName?: string;
  /**
   * Route 53 public hosted zone, in the service's account, of `privateDnsName`'s
   * domain: the stack writes the TXT record AWS verifies before any endpoint may use
   * the name.
   */
  readonly privateDnsPublicZoneId?: string;
}

/** One consumer: dev, stg and prod in article 002, VPC A in article 003. */
export interface ConsumerVpcConfig extends InternetEgressConfig {
  /** Consumer name; its VPC's name, construct id and Name tag prefix. */
  readonly name: string;
  /** The consumer's IPv4 block; consumers may share one: overlapping is the point of article 002. */
  readonly cidr: string;
  /** Private subnets. */
  readonly subnets: readonly SubnetConfig[];
  /** Subnet of the client instance. */
  readonly clientSubnet: string;
  /**
   * Subnets of the interface endpoint, one per zone, each in a zone the NLB serves.
   * Article 003 put it beside the client.
   */
  readonly endpointSubnets: readonly string[];
  /**
   * Role to assume for everything of this consumer when it is another account's, e.g.
   * `arn:aws:iam::111122223333:role/privnet-deploy`. The account id in the ARN becomes
   * an allowed principal of the service. Unset: the service's own account.
   */
  readonly assumeRoleArn?: string;
}

/** The `privatelink` section: articles 002 and 003. */
export interface PrivateLinkConfig extends WithFlowLogs {
  readonly service: ServiceVpcConfig;
  readonly endpointService: EndpointServiceConfig;
  /** The consumers (article 002's dev, stg and prod). */
  readonly consumers: readonly ConsumerVpcConfig[];
  /**
   * Runs VPC Reachability Analyzer from each client towards the server (TCP, the
   * service port), as article 003 did, and outputs whether a path was found. 0.10 USD
   * per analysis; an analysis runs when created.
   */
  readonly reachabilityAnalysis: boolean;
}

/** Article 002's environments: the same block in each, each its own account in the article. */
function articleConsumer(name: string): ConsumerVpcConfig {
  return {
    name,
    cidr: "10.0.0.0/16",
    subnets: [{ name: `${name}-private-a`, cidr: "10.0.1.0/24", availabilityZone: "a" }],
    publicSubnets: [],
    natGateway: false,
    clientSubnet: `${name}-private-a`,
    endpointSubnets: [`${name}-private-a`],
    assumeRoleArn: undefined,
  };
}

export const PRIVATELINK_DEFAULTS: PrivateLinkConfig = {
  service: {
    name: "shared",
    cidr: "172.16.0.0/16",
    subnets: [
      { name: "shared-private-a", cidr: "172.16.1.0/24", availabilityZone: "a" },
      { name: "shared-private-c", cidr: "172.16.2.0/24", availabilityZone: "c" },
    ],
    publicSubnets: [],
    natGateway: false,
    serverName: "web-server",
    serverSubnet: "shared-private-c",
    s3GatewayEndpoint: true,
  },
  endpointService: {
    port: 80,
    healthCheckPath: "/index.html",
    crossZoneLoadBalancing: true,
    enforceInboundRulesOnPrivateLinkTraffic: false,
    privateDnsName: undefined,
    privateDnsPublicZoneId: undefined,
  },
  consumers: [articleConsumer("dev"), articleConsumer("stg"), articleConsumer("prod")],
  reachabilityAnalysis: false,
  flowLogs: FLOW_LOGS_OFF,
};

/** The element shape of this section's lists whose default is empty, for the override loader. */
export const PRIVATELINK_EMPTY_LIST_ELEMENTS: Readonly<Record<string, unknown>> = {
  "privatelink.service.publicSubnets": { name: "", cidr: "", availabilityZone: "" } satisfies SubnetConfig,
  "privatelink.consumers[].publicSubnets": { name: "", cidr: "", availabilityZone: "" } satisfies SubnetConfig,
};

/** Ids directly under the privatelink stack besides the configured VPC, server and consumer names. */
export const PRIVATELINK_STACK_IDS: readonly string[] = [
  "aws",
  "backend",
  "flow-logs",
  "ami",
  "vpc-quota",
  "instance-type-zones",
  "instance-type-zone-ids",
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

/** Ids inside a NAT egress construct besides its public subnets and their route tables. */
export const NAT_EGRESS_IDS: readonly string[] = ["internet-gateway", "address", "nat-gateway"];

/** What the stack and its flows read: the common keys and this section. */
export type PrivateLinkStackConfig = WithSection<"privatelink", PrivateLinkConfig>;

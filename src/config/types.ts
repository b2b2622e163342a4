/**
 * The one typed configuration of the app. Every field has an article default in
 * `defaults.ts`; an override file replaces any subset (see `load.ts`). Everything here
 * shapes the synthesized configuration, so it is read at synth time, never as a
 * Terraform variable.
 */

export interface ProjectConfig {
  /** Prefix of resource names and value of the `Project` tag. Default `privnet`. */
  readonly project: string;
  /** AWS region of every stack. Default `ap-northeast-1`, the articles' region. */
  readonly region: string;
  /** Tags added to every taggable resource through the provider's `default_tags`. Default none beyond `Project`, `Stack` and `ManagedBy`. */
  readonly tags: Readonly<Record<string, string>>;
  readonly state: StateConfig;
  readonly instances: InstanceConfig;
  readonly peering: PeeringConfig;
  readonly albPeering: AlbPeeringConfig;
  readonly privatelink: PrivateLinkConfig;
  readonly endpointSharing: EndpointSharingConfig;
}

export interface StateConfig {
  /**
   * S3 bucket holding every stack's state. Default unset: synth still works and the
   * backend is written without a bucket, so `terraform init` refuses until it is set.
   * The `state` stack creates this bucket (with this exact name when set).
   */
  readonly bucket?: string;
  /**
   * Prefix of each stack's state key; `<stack>/terraform.tfstate` follows. Default
   * `<project>/`, so environments that share a bucket under different project names
   * never share a state.
   */
  readonly keyPrefix?: string;
  /** Region of the state bucket. Default: `region`. */
  readonly region?: string;
}

export interface InstanceConfig {
  /** Instance type of every test instance. Default `t2.micro`, as in the articles. */
  readonly instanceType: string;
  /** SSM public parameter naming the AMI. Default Amazon Linux 2023, kernel 6.1, x86_64. */
  readonly amiSsmParameter: string;
}

export interface SubnetConfig {
  /** Subnet name; becomes its construct id and Name tag. */
  readonly name: string;
  readonly cidr: string;
  /** Availability Zone letter within the region, e.g. `a` for ap-northeast-1a. */
  readonly availabilityZone: string;
}

export interface PeeredVpcConfig {
  /** VPC name; becomes its construct id and Name tag. */
  readonly name: string;
  readonly cidr: string;
  readonly subnet: SubnetConfig;
  /** Name of the test instance in the subnet. */
  readonly instanceName: string;
}

export interface OperatorConfig {
  /**
   * The operator's public IPv4 address (or CIDR) allowed as an Instance Connect
   * destination, as the article did. Default unset: fetched at plan time from
   * `addressUrl`. Set it in CI, where the fetched address would be the runner's.
   */
  readonly cidr?: string;
  /** HTTPS URL that answers with the caller's IPv4 address. Default `https://ipv4.icanhazip.com`. */
  readonly addressUrl: string;
}

export interface PeeringConfig extends WithFlowLogs {
  /** Side that requests the peering: vpc1 10.0.0.0/16 in the article. */
  readonly requester: PeeredVpcConfig;
  /** Side that accepts it: vpc2 172.18.0.0/16 in the article. */
  readonly accepter: PeeredVpcConfig;
  readonly operator: OperatorConfig;
  /** EC2 key pair for the instances. Default none: Instance Connect pushes a short-lived key. */
  readonly keyName?: string;
}

/** The VPC behind the internal ALB: foo in article 004, the accepter of the peering. */
export interface AlbVpcConfig {
  /** VPC name; becomes its construct id and Name tag. Default `foo`. */
  readonly name: string;
  /** Default `10.2.0.0/16`, the article's. */
  readonly cidr: string;
  /**
   * Private subnets of the ALB and the web servers, in at least two Availability Zones
   * (an ALB needs two). Default `foo-private-1` 10.2.1.0/24 in `a` and `foo-private-2`
   * 10.2.2.0/24 in `c`.
   */
  readonly subnets: readonly SubnetConfig[];
  /** Web server names, placed round-robin over `subnets`. Default `web-1`, `web-2`. */
  readonly webServerNames: readonly string[];
  /**
   * Role to assume for everything in this VPC when it belongs to another account,
   * e.g. `arn:aws:iam::111122223333:role/privnet-deploy`; the account id in the ARN
   * becomes the peering's peer owner. Default unset: one account for both VPCs.
   */
  readonly assumeRoleArn?: string;
}

/** The VPC of the client: bar in article 004, the requester of the peering. */
export interface ClientVpcConfig {
  /** VPC name; becomes its construct id and Name tag. Default `bar`. */
  readonly name: string;
  /** Default `10.3.0.0/16` (the article does not say; anything apart from foo's). */
  readonly cidr: string;
  /** Default `bar-private` 10.3.1.0/24 in `a`. */
  readonly subnet: SubnetConfig;
  /** Name of the client instance. Default `client`. */
  readonly instanceName: string;
}

export interface InternalAlbConfig {
  /** Port of the HTTP listener. Default 80. */
  readonly listenerPort: number;
  /** Port the web servers serve on, and the target group's. Default 8080, as in the article. */
  readonly targetPort: number;
  /** Path the target group's health check requests. Default `/`. */
  readonly healthCheckPath: string;
  /** Refuse deletion of the ALB until turned off again. Default false, so `destroy` works. */
  readonly deletionProtection: boolean;
  /**
   * Address ranges besides bar's CIDR allowed to the listener, e.g. an on-premises range
   * reaching foo through a VPN. Default none: the article's "allow all" was a stopgap.
   */
  readonly additionalClientCidrs: readonly string[];
}

export interface PrivateNameConfig {
  /** Private hosted zone, associated with bar. Default `home`. */
  readonly zoneName: string;
  /** Label of the ALB's alias record in the zone. Default `alb`, hence `alb.home`. */
  readonly recordName: string;
}

export interface AlbPeeringConfig extends WithFlowLogs {
  readonly foo: AlbVpcConfig;
  readonly bar: ClientVpcConfig;
  readonly alb: InternalAlbConfig;
  readonly dns: PrivateNameConfig;
}

/** A subnet of the privatelink stack, whose zone may also be given by its ID. */
export interface PrivateLinkSubnetConfig {
  /** Subnet name; becomes its construct id and Name tag. */
  readonly name: string;
  readonly cidr: string;
  /**
   * A zone letter (`a`: the zone named ap-northeast-1a in the account that creates the
   * subnet) or an Availability Zone ID (`apne1-az4`: the same physical zone in every
   * account). A letter names different zones in different accounts, so a consumer in
   * another account needs IDs, on its side and on the service's.
   */
  readonly availabilityZone: string;
}

/** How a VPC of the privatelink stack reaches the internet, when it must. */
export interface InternetEgressConfig {
  /**
   * Public subnets, used only to hold the NAT gateway (in the first). Default none: the
   * article-003 layout had one in each zone; give them with `natGateway: true`.
   */
  readonly publicSubnets: readonly PrivateLinkSubnetConfig[];
  /**
   * One NAT gateway (about 45 USD a month in Tokyo before data) that gives the private
   * subnets a way out, as article 003 did. Default false: nothing here needs it.
   */
  readonly natGateway: boolean;
}

/** The service provider's VPC: shared-vpc in article 002, VPC B in article 003. */
export interface ServiceVpcConfig extends InternetEgressConfig {
  /** VPC name; becomes its construct id and Name tag. Default `shared` (article 002's shared-vpc). */
  readonly name: string;
  /** Default `172.16.0.0/16`, article 002's. */
  readonly cidr: string;
  /**
   * Private subnets; the NLB has a node in each, so they are the zones consumers can
   * use. Default `shared-private-a` 172.16.1.0/24 in `a` and `shared-private-c`
   * 172.16.2.0/24 in `c` (article 003's two zones).
   */
  readonly subnets: readonly PrivateLinkSubnetConfig[];
  /** Name of the web server. Default `web-server`. */
  readonly serverName: string;
  /** Subnet of the web server. Default `shared-private-c`: article 003's server sat in 1c. */
  readonly serverSubnet: string;
  /**
   * An S3 gateway endpoint (free) so the web server installs httpd from the Amazon
   * Linux 2023 repositories, which are S3 buckets. Its policy allows only those
   * buckets. Default true.
   */
  readonly s3GatewayEndpoint: boolean;
}

/** The NLB and the endpoint service in front of the web server. */
export interface EndpointServiceConfig {
  /** TCP port of the NLB's listener, the target group and the web server. Default 80. */
  readonly port: number;
  /** Path the target group's HTTP health check requests. Default `/index.html`, as in article 003. */
  readonly healthCheckPath: string;
  /**
   * Article 003's second lesson: with it off, a consumer whose endpoint is in a zone
   * without a healthy target gets nothing. Default true.
   */
  readonly crossZoneLoadBalancing: boolean;
  /**
   * Article 003's first lesson: with it on (AWS's default), the NLB's own group judges
   * PrivateLink traffic and refuses it, though the endpoint's group already decided.
   * Default false.
   */
  readonly enforceInboundRulesOnPrivateLinkTraffic: boolean;
  /**
   * A name of yours (e.g. `hello.example.com`) that consumers resolve to their
   * endpoint. Default unset: consumers use each endpoint's own DNS name. Needs
   * `privateDnsPublicZoneId`, where the ownership record goes.
   */
  readonly privateDnsName?: string;
  /**
   * Route 53 public hosted zone, in the service's account, of `privateDnsName`'s
   * domain: the stack writes the TXT record AWS verifies before any endpoint may use
   * the name. Default unset.
   */
  readonly privateDnsPublicZoneId?: string;
}

/** One consumer: dev, stg and prod in article 002, VPC A in article 003. */
export interface ConsumerVpcConfig extends InternetEgressConfig {
  /** Consumer name; its VPC's name, construct id and Name tag prefix. */
  readonly name: string;
  /** Default `10.0.0.0/16` for every consumer: overlapping is the point of article 002. */
  readonly cidr: string;
  /** Private subnets. Default one, `<name>-private-a` 10.0.1.0/24 in `a`. */
  readonly subnets: readonly PrivateLinkSubnetConfig[];
  /** Subnet of the client instance. Default `<name>-private-a`. */
  readonly clientSubnet: string;
  /**
   * Subnets of the interface endpoint, one per zone, each in a zone the NLB serves.
   * Default `<name>-private-a`, beside the client as in article 003.
   */
  readonly endpointSubnets: readonly string[];
  /**
   * Role to assume for everything of this consumer when it is another account's, e.g.
   * `arn:aws:iam::111122223333:role/privnet-deploy`. The account id in the ARN becomes
   * an allowed principal of the service. Default unset: the service's own account.
   */
  readonly assumeRoleArn?: string;
}

export interface PrivateLinkConfig extends WithFlowLogs {
  readonly service: ServiceVpcConfig;
  readonly endpointService: EndpointServiceConfig;
  /** Default dev, stg and prod, all 10.0.0.0/16 (article 002). */
  readonly consumers: readonly ConsumerVpcConfig[];
  /**
   * Runs VPC Reachability Analyzer from each client towards the server (TCP, the
   * service port), as article 003 did, and outputs whether a path was found. 0.10 USD
   * per analysis; an analysis runs when created. Default false.
   */
  readonly reachabilityAnalysis: boolean;
}

/** The hub of article 001 (Shared-VPC): the VPC that holds the interface endpoints. */
export interface HubVpcConfig {
  /** VPC name; becomes its construct id and Name tag. Default `shared-vpc`. */
  readonly name: string;
  /** Default `172.16.0.0/16`, the article's. */
  readonly cidr: string;
  /**
   * Subnets of the endpoints, one per Availability Zone (an endpoint takes one subnet
   * per zone, and two zones keep SSM up when one fails). The hub's instance sits in the
   * first. Default `shared-vpc-subnet-a` 172.16.100.0/24 in `a` and `shared-vpc-subnet-c`
   * 172.16.200.0/24 in `c`.
   */
  readonly subnets: readonly SubnetConfig[];
  /** Name of the hub's instance. Default `shared-vpc-ec2`. */
  readonly instanceName: string;
}

/** A VPC that uses the hub's endpoints: User-VPC in article 001. */
export interface SpokeVpcConfig {
  /** VPC name; becomes its construct id and Name tag. Default `user-vpc`. */
  readonly name: string;
  /** Must overlap neither the hub nor another spoke: both transports route by block. Default `192.168.0.0/16`. */
  readonly cidr: string;
  /** Private subnets; the spoke's instance sits in the first. Default `user-vpc-subnet-a` 192.168.100.0/24 in `a`. */
  readonly subnets: readonly SubnetConfig[];
  /** Name of the spoke's instance. Default `user-vpc-ec2`. */
  readonly instanceName: string;
  /**
   * Role to assume for everything in this spoke when it belongs to another account,
   * e.g. `arn:aws:iam::111122223333:role/privnet-deploy`. Spokes of one account share
   * one provider, so they must name the same role. Default unset: the hub's account.
   */
  readonly assumeRoleArn?: string;
}

/** How spokes resolve the services' names to the hub's endpoints. */
export type SharedDnsStrategy = "zone-associations" | "route53-profile";
/** How spokes reach the hub. */
export type SharedTransport = "peering" | "transit-gateway";

export interface EndpointSharingConfig extends WithFlowLogs {
  readonly hub: HubVpcConfig;
  /**
   * AWS services given an interface endpoint in the hub and a private hosted zone,
   * written as after the region in the service name (`ssm`, `logs`, `ecr.api`).
   * Session Manager needs the default three. Default `ssm`, `ssmmessages`, `ec2messages`.
   */
  readonly services: readonly string[];
  /** Default one spoke, the article's User-VPC. */
  readonly spokes: readonly SpokeVpcConfig[];
  /**
   * `zone-associations` (the article's): each zone is associated with each spoke, one
   * association per zone and spoke. `route53-profile`: one Route 53 Profile holds the
   * zones and is associated once per spoke; it is shareable with other accounts through
   * AWS RAM. A profile is billed by the hour, far above the endpoints it shares (see the
   * README); zone associations are free. Default `zone-associations`.
   */
  readonly dns: SharedDnsStrategy;
  /**
   * `peering` (the article's): one peering per spoke, at most 125 per VPC, and not
   * transitive, so spokes never reach each other. `transit-gateway`: one attachment per
   * VPC and route tables that let spokes reach the hub only. Default `peering`.
   */
  readonly transport: SharedTransport;
}

/** Traffic a flow log records: all of it, or only what was accepted or rejected. */
export type FlowLogTrafficType = "ALL" | "ACCEPT" | "REJECT";

/**
 * VPC flow logs of one stack, to a CloudWatch Logs group per account. Off by default:
 * ingestion is billed per GB (README, Flow logs, gives the figures), and many
 * organizations already collect flow logs centrally.
 */
export interface FlowLogsConfig {
  /** Default false; the guardrails report then shows the rule excepted with this reason. */
  readonly enabled: boolean;
  /** Days CloudWatch Logs keeps records; one of the values CloudWatch accepts. Default 365, checkov CKV_AWS_338's minimum. */
  readonly retentionDays: number;
  /** Default `ALL`; `REJECT` records only what security groups and ACLs refused, for a fraction of the volume. */
  readonly trafficType: FlowLogTrafficType;
}

/** A stack section that creates VPCs. */
export interface WithFlowLogs {
  readonly flowLogs: FlowLogsConfig;
}

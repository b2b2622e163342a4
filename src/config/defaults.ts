import type { ConsumerVpcConfig, FlowLogsConfig, PrivateLinkSubnetConfig, ProjectConfig } from "./types";

/** Every network stack's default: off, with the settings used once turned on. */
const FLOW_LOGS_OFF: FlowLogsConfig = { enabled: false, retentionDays: 365, trafficType: "ALL" };

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

/**
 * The element shape of lists whose default is empty, for the override loader: the key
 * with every list index written `[]`.
 */
export const EMPTY_LIST_ELEMENTS: Readonly<Record<string, unknown>> = {
  "privatelink.service.publicSubnets": { name: "", cidr: "", availabilityZone: "" } satisfies PrivateLinkSubnetConfig,
  "privatelink.consumers[].publicSubnets": { name: "", cidr: "", availabilityZone: "" } satisfies PrivateLinkSubnetConfig,
};

/**
 * The articles' values. Optional keys are listed with `undefined` so that the override
 * loader knows them and can reject a misspelt key instead of ignoring it.
 */
export const DEFAULT_CONFIG: ProjectConfig = {
  project: "privnet",
  region: "ap-northeast-1",
  tags: {},
  state: {
    bucket: undefined,
    keyPrefix: undefined,
    region: undefined,
  },
  instances: {
    instanceType: "t2.micro",
    amiSsmParameter: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64",
  },
  peering: {
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
  },
  albPeering: {
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
  },
  privatelink: {
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
  },
  endpointSharing: {
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
  },
};

import type { ProjectConfig } from "./types";

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
  },
};

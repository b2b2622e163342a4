/** Configuration overrides shared by tests that must see every resource type the stacks can create. */

export const ROLE = (account: string) => `arn:aws:iam::${account}:role/privnet-deploy`;
export const FLOW_LOGS_ON = { flowLogs: { enabled: true } };

/** Every option that adds resources, and other accounts wherever a stack allows them. */
export const EVERYTHING_ON: Record<string, unknown> = {
  peering: FLOW_LOGS_ON,
  albPeering: { ...FLOW_LOGS_ON, foo: { assumeRoleArn: ROLE("111122223333") }, alb: { additionalClientCidrs: ["192.168.0.0/16"] } },
  privatelink: {
    ...FLOW_LOGS_ON,
    service: {
      natGateway: true,
      publicSubnets: [{ name: "shared-public-a", cidr: "172.16.101.0/24", availabilityZone: "apne1-az4" }],
      subnets: [
        { name: "shared-private-a", cidr: "172.16.1.0/24", availabilityZone: "apne1-az4" },
        { name: "shared-private-c", cidr: "172.16.2.0/24", availabilityZone: "apne1-az1" },
      ],
    },
    endpointService: { privateDnsName: "hello.example.com", privateDnsPublicZoneId: "Z0123456789ABCDEFGHIJ" },
    reachabilityAnalysis: true,
    consumers: [
      {
        name: "dev",
        cidr: "10.0.0.0/16",
        subnets: [{ name: "dev-private", cidr: "10.0.1.0/24", availabilityZone: "apne1-az4" }],
        publicSubnets: [{ name: "dev-public", cidr: "10.0.101.0/24", availabilityZone: "apne1-az4" }],
        natGateway: true,
        clientSubnet: "dev-private",
        endpointSubnets: ["dev-private"],
        assumeRoleArn: ROLE("111122223333"),
      },
    ],
  },
  endpointSharing: {
    ...FLOW_LOGS_ON,
    transport: "transit-gateway",
    dns: "route53-profile",
    spokes: [
      { name: "user-vpc", cidr: "192.168.0.0/16", subnets: [{ name: "user-vpc-a", cidr: "192.168.1.0/24", availabilityZone: "a" }], instanceName: "user-ec2" },
      { name: "dev", cidr: "10.1.0.0/16", subnets: [{ name: "dev-a", cidr: "10.1.1.0/24", availabilityZone: "a" }], instanceName: "dev-ec2", assumeRoleArn: ROLE("444455556666") },
    ],
  },
};

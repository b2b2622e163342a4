/**
 * AWS limits that synth can count against. A hard limit cannot be raised, so going over
 * it is refused before anything is written; an adjustable quota has a default that an
 * account can raise, so going over the default is a warning that says how.
 */
export interface AwsLimit {
  readonly name: string;
  /** The default quota, or the hard limit. */
  readonly figure: number;
  /** Service Quotas' service and quota code, where the quota is in Service Quotas. */
  readonly quota?: { readonly service: string; readonly code: string };
  /** How it is raised when Service Quotas does not have it. */
  readonly raisedBy?: string;
  /** The most it can be raised to, where AWS states one: beyond it, refused. */
  readonly maximum?: number;
  /** Counted over every stack in one account and region, rather than within one stack. */
  readonly acrossStacks?: boolean;
  /** What else must change past a count, where the quota interacts with another. */
  readonly beyond?: { readonly count: number; readonly note: string };
  /** What AWS counts beside the stacks' own, which a raised quota must leave room for. */
  readonly alsoCounted?: { readonly count: number; readonly what: string };
  /** What the plan checks too, against what only the account knows. */
  readonly atPlan?: string;
}

export const AWS_LIMITS = {
  tagsPerResource: { name: "tags per resource", figure: 50 },
  vpcsPerRegion: {
    name: "VPCs per Region",
    figure: 5,
    quota: { service: "vpc", code: "L-F678F1CE" },
    acrossStacks: true,
    alsoCounted: { count: 1, what: "the default VPC, where it still exists" },
    atPlan: "and at plan time, in each account a stack creates VPCs in, against that account's own quota and the VPCs it already has: refused before anything is created",
  },
  peeringsPerVpc: { name: "active VPC peering connections per VPC", figure: 50, quota: { service: "vpc", code: "L-7E9ECCDB" }, maximum: 125 },
  rulesPerSecurityGroup: {
    name: "inbound or outbound rules per security group",
    figure: 60,
    quota: { service: "vpc", code: "L-0EA8095F" },
    maximum: 1000,
    beyond: {
      count: 200,
      note: "rules per group times security groups per network interface may not pass 1,000, so lower that quota too (vpc L-2AFB9258, 5 by default)",
    },
  },
  routesPerRouteTable: { name: "routes per route table", figure: 50, quota: { service: "vpc", code: "L-93826ACB" }, maximum: 1000 },
  interfaceEndpointsPerVpc: { name: "interface VPC endpoints per VPC", figure: 50, quota: { service: "vpc", code: "L-29B6F2EB" } },
  instanceConnectEndpointsPerVpc: { name: "EC2 Instance Connect endpoints per VPC", figure: 1 },
  instanceConnectEndpointsPerRegion: { name: "EC2 Instance Connect endpoints per account and Region", figure: 5, acrossStacks: true },
  attachmentsPerTransitGateway: { name: "attachments per transit gateway", figure: 5000, quota: { service: "ec2", code: "L-E0233F82" } },
  vpcsPerPrivateHostedZone: { name: "VPCs associated with one private hosted zone", figure: 300, raisedBy: "a request to AWS Support (Route 53 quotas)" },
} as const satisfies Record<string, AwsLimit>;

export type LimitId = keyof typeof AWS_LIMITS;

/** Whether the limit can be raised at all. */
export function isAdjustable(limit: AwsLimit): boolean {
  return limit.quota !== undefined || limit.raisedBy !== undefined;
}

/**
 * List prices the review and the topology READMEs count with: AWS's on-demand prices
 * for ap-northeast-1 (Tokyo), in USD, from the pricing page each names. Data processing,
 * traffic, log ingestion and storage are charged by use and left out: a reviewer sees
 * what a change costs by the hour, whatever it carries.
 */
export const PRICE_REGION = "ap-northeast-1";
/**
 * When the table was put together, from the figures the topology READMEs quoted; the
 * machines that built it reach no AWS page, so check the pages before relying on a cent.
 */
export const PRICES_RECORDED = "2026-12-06";

export interface Price {
  /** USD per unit. */
  readonly usd: number;
  readonly unit: "hour" | "month" | "GB-month";
  /** The AWS pricing page it is from. */
  readonly source: string;
}

export const PRICES = {
  "t2.micro": { usd: 0.0152, unit: "hour", source: "Amazon EC2 On-Demand pricing" },
  "t3.micro": { usd: 0.0136, unit: "hour", source: "Amazon EC2 On-Demand pricing" },
  "t3.small": { usd: 0.0272, unit: "hour", source: "Amazon EC2 On-Demand pricing" },
  gp3: { usd: 0.096, unit: "GB-month", source: "Amazon EBS pricing" },
  interfaceEndpointZone: { usd: 0.014, unit: "hour", source: "AWS PrivateLink pricing" },
  loadBalancer: { usd: 0.0243, unit: "hour", source: "Elastic Load Balancing pricing" },
  natGateway: { usd: 0.062, unit: "hour", source: "Amazon VPC pricing (NAT gateways)" },
  transitGatewayAttachment: { usd: 0.07, unit: "hour", source: "AWS Transit Gateway pricing" },
  hostedZone: { usd: 0.5, unit: "month", source: "Amazon Route 53 pricing" },
  route53Profile: { usd: 0.75, unit: "hour", source: "Amazon Route 53 pricing (Route 53 Profiles)" },
  publicIpv4: { usd: 0.005, unit: "hour", source: "Amazon VPC pricing (public IPv4 addresses)" },
} as const satisfies Record<string, Price>;

/** Charged by use, never by the hour: named in every cost line so that nobody takes the figure for the bill. */
export const EXCLUDED_CHARGES = [
  "data processed by endpoints, load balancers (LCUs), NAT and transit gateways",
  "data transfer",
  "flow log ingestion and storage",
  "Reachability Analyzer analyses",
];

/** Hours in AWS's month. */
export const HOURS_PER_MONTH = 730;

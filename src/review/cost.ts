import { blocksOf, numberOf } from "../reachability/values";
import { resourceBlocks, type TerraformJson } from "../terraform-json/read";
import { HOURS_PER_MONTH, PRICES, type Price } from "./prices";

/** One priced thing a stack creates: what, how many, and what they cost a month together. */
export interface CostLine {
  readonly what: string;
  readonly count: number;
  readonly monthlyUsd: number;
}

export interface StackCost {
  readonly lines: CostLine[];
  readonly monthlyUsd: number;
  /** Things the table has no price for: named, never counted as free. */
  readonly unpriced: string[];
}

const monthly = (price: Price, quantity = 1) => (price.unit === "hour" ? price.usd * HOURS_PER_MONTH : price.usd) * quantity;

/** What a synthesized stack costs a month at list prices, before any charge by use. */
export function costOf(json: TerraformJson): StackCost {
  const lines = new Map<string, CostLine>();
  const unpriced = new Set<string>();
  const add = (what: string, usd: number, count = 1) => {
    const line = lines.get(what) ?? { what, count: 0, monthlyUsd: 0 };
    lines.set(what, { what, count: line.count + count, monthlyUsd: line.monthlyUsd + usd });
  };
  for (const instance of resourceBlocks(json, "aws_instance")) {
    const type = String(instance.body["instance_type"]);
    const price = (PRICES as Record<string, Price>)[type];
    if (price?.unit === "hour") add(`${type} instance`, monthly(price));
    else unpriced.add(`${type} instance`);
    const root = blocksOf(instance.body["root_block_device"])[0];
    const size = numberOf(root?.["volume_size"]);
    // An unset size is the image's, which is 8 GiB for the Amazon Linux images the stacks use.
    const gib = typeof size === "number" ? size : 8;
    add("gp3 root volume GiB", monthly(PRICES.gp3, gib), gib);
  }
  for (const endpoint of resourceBlocks(json, "aws_vpc_endpoint")) {
    if (endpoint.body["vpc_endpoint_type"] !== "Interface") continue;
    const zones = Array.isArray(endpoint.body["subnet_ids"]) ? endpoint.body["subnet_ids"].length : 1;
    add("interface endpoint zone", monthly(PRICES.interfaceEndpointZone, zones), zones);
  }
  for (const lb of resourceBlocks(json, "aws_lb", "aws_alb")) add(`${String(lb.body["load_balancer_type"] ?? "application")} load balancer`, monthly(PRICES.loadBalancer));
  for (const _ of resourceBlocks(json, "aws_nat_gateway")) add("NAT gateway", monthly(PRICES.natGateway));
  for (const _ of resourceBlocks(json, "aws_ec2_transit_gateway_vpc_attachment")) add("transit gateway attachment", monthly(PRICES.transitGatewayAttachment));
  for (const _ of resourceBlocks(json, "aws_route53_zone")) add("hosted zone", monthly(PRICES.hostedZone));
  for (const _ of resourceBlocks(json, "aws_route53profiles_profile")) add("Route 53 profile", monthly(PRICES.route53Profile));
  for (const _ of resourceBlocks(json, "aws_eip")) add("public IPv4 address", monthly(PRICES.publicIpv4));
  const sorted = [...lines.values()].sort((a, b) => b.monthlyUsd - a.monthlyUsd || a.what.localeCompare(b.what));
  return { lines: sorted, monthlyUsd: sorted.reduce((sum, line) => sum + line.monthlyUsd, 0), unpriced: [...unpriced].sort() };
}

/** A figure as people read money: two decimals, a sign when it is a difference. */
export function usd(amount: number, signed = false): string {
  const text = Math.abs(amount).toFixed(2);
  if (!signed) return `${text} USD`;
  return `${amount > 0.004 ? "+" : amount < -0.004 ? "-" : "±"}${text} USD`;
}

/** A stack's cost as a Markdown table, with where the prices come from and what they leave out: the topology READMEs show it. */
export function costTable(cost: StackCost, pricesNote: string): string {
  const hourly = cost.monthlyUsd / HOURS_PER_MONTH;
  return [
    "| at the defaults | count | a month |",
    "| --- | ---: | ---: |",
    ...cost.lines.map((line) => `| ${line.what} | ${line.count} | ${line.monthlyUsd.toFixed(2)} |`),
    `| **in all** (about ${hourly.toFixed(2)} USD an hour) | | **${cost.monthlyUsd.toFixed(2)} USD** |`,
    ...(cost.unpriced.length > 0 ? ["", `Not priced: ${cost.unpriced.join(", ")}.`] : []),
    "",
    pricesNote,
  ].join("\n");
}

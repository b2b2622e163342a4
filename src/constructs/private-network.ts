import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "./naming";
import type { NetworkIdentity } from "./security-group";
import { VpcQuotaCheck } from "./vpc-quota";

/**
 * Where a subnet goes: by zone name (`ap-northeast-1a`, which names a different zone in
 * each account) or by zone ID (`apne1-az4`, the same zone in every account).
 */
export type ZonePlacement = { readonly availabilityZone: string } | { readonly availabilityZoneId: string };

export type PrivateSubnetProps = {
  /** Subnet name: construct id and Name tag suffix. */
  readonly name: string;
  readonly cidr: string;
} & ZonePlacement;

/** The subnet arguments of a placement; only the one given appears in the configuration. */
export function placementArguments(placement: ZonePlacement): { availabilityZone?: string; availabilityZoneId?: string } {
  return "availabilityZoneId" in placement ? { availabilityZoneId: placement.availabilityZoneId } : { availabilityZone: placement.availabilityZone };
}

export interface PrivateNetworkProps {
  /** VPC name: Name tag suffix and the label other VPCs' rules use for it. */
  readonly name: string;
  readonly cidr: string;
  /** Private subnets, each with its own route table (the articles' layout). */
  readonly subnets: readonly PrivateSubnetProps[];
  /** DNS hostnames for instances. Default false, as AWS creates a VPC. */
  readonly enableDnsHostnames?: boolean;
  /** The provider of the account the VPC belongs to. Default: the stack's default AWS provider. */
  readonly provider?: TerraformProvider;
}

/**
 * A subnet with a route table that only it uses (the articles' layout), created in
 * `scope` with ids `<name>`, `<name>-route-table` and `<name>-route-table-association`.
 */
export function subnetWithRouteTable(
  scope: Construct,
  vpcId: string,
  props: PrivateSubnetProps,
  provider?: TerraformProvider,
): { subnet: Subnet; routeTable: RouteTable } {
  const subnet = new Subnet(scope, props.name, {
    provider,
    vpcId,
    cidrBlock: props.cidr,
    ...placementArguments(props),
    mapPublicIpOnLaunch: false,
    tags: nameTag(scope, props.name),
  });
  const routeTable = new RouteTable(scope, `${props.name}-route-table`, { provider, vpcId, tags: nameTag(scope, `${props.name}-rt`) });
  new RouteTableAssociation(scope, `${props.name}-route-table-association`, { provider, subnetId: subnet.id, routeTableId: routeTable.id });
  return { subnet, routeTable };
}

/** One private subnet with the route table that only it uses. */
export interface PrivateSubnet {
  readonly name: string;
  /** Its zone as configured: a zone name or a zone ID. */
  readonly zone: string;
  readonly subnet: Subnet;
  readonly routeTable: RouteTable;
  /** The provider of the subnet's account; whatever is placed in the subnet uses it too. */
  readonly provider?: TerraformProvider;
}

/**
 * A VPC with private subnets only: no internet gateway, no public addresses. Each
 * subnet gets its own route table, and the VPC's default security group is adopted
 * with no rules so nothing can be attached to an open group by accident.
 */
export class PrivateNetwork extends Construct implements NetworkIdentity {
  /** The VPC resource itself, for what attaches to it as a whole (flow logs, guardrail exceptions). */
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly cidr: string;
  readonly name: string;
  readonly subnets: readonly PrivateSubnet[];
  readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: PrivateNetworkProps) {
    super(scope, id);
    this.name = props.name;
    this.cidr = props.cidr;
    this.provider = props.provider;
    const { provider } = props;

    const vpc = (this.vpc = new Vpc(this, "vpc", {
      provider,
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: props.enableDnsHostnames ?? false,
      tags: nameTag(this, props.name),
    }));
    this.vpcId = vpc.id;
    VpcQuotaCheck.countVpc(this, provider);

    new DefaultSecurityGroup(this, "default-security-group", {
      provider,
      vpcId: vpc.id,
      tags: nameTag(this, `${props.name}-default-no-rules`),
    });

    this.subnets = props.subnets.map((subnetProps) => ({
      name: subnetProps.name,
      zone: "availabilityZoneId" in subnetProps ? subnetProps.availabilityZoneId : subnetProps.availabilityZone,
      ...subnetWithRouteTable(this, vpc.id, subnetProps, provider),
      provider,
    }));
  }

  subnet(name: string): PrivateSubnet {
    const found = this.subnets.find((candidate) => candidate.name === name);
    if (!found) {
      throw new Error(`${this.node.path} has no subnet named ${name} (it has ${this.subnets.map((s) => s.name).join(", ")})`);
    }
    return found;
  }

  /** The first subnet in each zone: what an attachment that needs one subnet per zone takes. */
  onePerZone(): PrivateSubnet[] {
    return this.subnets.filter((candidate, index) => this.subnets.findIndex((other) => other.zone === candidate.zone) === index);
  }

  /**
   * Sends traffic for `destinationCidr` from every subnet of this network to `target`
   * (a peering connection or a transit gateway). Routes are created in `scope` so that
   * the connection owns them; they wait for `dependsOn` (an acceptance in another
   * account, an attachment) when given.
   */
  routeTo(scope: Construct, destinationCidr: string, target: RouteTarget, dependsOn?: ITerraformDependable[]): Route[] {
    return this.subnets.map(
      ({ name, routeTable }) =>
        new Route(scope, routeIdOf(this.name, name), {
          provider: this.provider,
          routeTableId: routeTable.id,
          destinationCidrBlock: destinationCidr,
          ...target,
          dependsOn,
        }),
    );
  }
}

/** The id of the route `routeTo` adds to a subnet's table, in the scope it is given (a peering's, say). */
export function routeIdOf(networkName: string, subnetName: string): string {
  return `${networkName}-${subnetName}-route`;
}

/** Where a route sends traffic. */
export type RouteTarget = { readonly vpcPeeringConnectionId: string } | { readonly transitGatewayId: string };

import { Eip } from "@cdktf/provider-aws/lib/eip";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { exceptGuardrail } from "../../guardrails/exception";
import { nameTag } from "../../constructs/naming";
import { subnetWithRouteTable, type PrivateNetwork, type PrivateSubnetProps } from "../../constructs/private-network";
import { CidrPeer } from "../../constructs/security-group";

export interface NatEgressProps {
  readonly network: PrivateNetwork;
  /** Public subnets; the NAT gateway sits in the first. They hold nothing else. */
  readonly publicSubnets: readonly PrivateSubnetProps[];
}

/**
 * Article 003's way out: an internet gateway, public subnets and one NAT gateway that
 * every private subnet of the network routes the internet through. Instances still
 * have no public address; they reach out on the ports their groups allow to `peer`.
 */
export class NatEgress extends Construct {
  /** The internet, for security group egress rules. */
  readonly peer = new CidrPeer("0.0.0.0/0", "internet");
  /** The default routes of the private subnets: what an instance's boot script waits for. */
  readonly routes: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: NatEgressProps) {
    super(scope, id);
    const { network } = props;
    const provider = network.provider;
    const gateway = new InternetGateway(this, "internet-gateway", { provider, vpcId: network.vpcId, tags: nameTag(this, `${network.name}-igw`) });
    const publicSubnets = props.publicSubnets.map((subnetProps) => {
      const { subnet, routeTable } = subnetWithRouteTable(this, network.vpcId, subnetProps, provider);
      new Route(this, `${subnetProps.name}-internet-route`, { provider, routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: gateway.id });
      return subnet;
    });
    const address = new Eip(this, "address", { provider, domain: "vpc", tags: nameTag(this, `${network.name}-nat`), dependsOn: [gateway] });
    exceptGuardrail(
      address,
      "no-public-ip",
      "the NAT gateway's own address, asked for with natGateway = true: private instances leave through it and nothing can connect in",
    );
    const nat = new NatGateway(this, "nat-gateway", {
      provider,
      subnetId: publicSubnets[0]!.id,
      allocationId: address.allocationId,
      connectivityType: "public",
      tags: nameTag(this, `${network.name}-nat`),
    });
    this.routes = network.subnets.map(
      ({ name, routeTable }) =>
        new Route(this, `${name}-nat-route`, { provider, routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }),
    );
  }
}

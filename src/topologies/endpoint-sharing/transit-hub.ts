import { Ec2TransitGateway } from "@cdktf/provider-aws/lib/ec2-transit-gateway";
import { Ec2TransitGatewayRouteTable } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table";
import { Ec2TransitGatewayRouteTableAssociation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association";
import { Ec2TransitGatewayRouteTablePropagation } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation";
import { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import { Ec2TransitGatewayVpcAttachmentAccepter } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "../../constructs/naming";
import type { PrivateNetwork } from "../../constructs/private-network";

export interface TransitHubProps {
  /** Name tag suffix of the gateway and its route tables. */
  readonly name: string;
  /** The hub VPC, attached in every zone it has a subnet in. */
  readonly hub: PrivateNetwork;
}

/**
 * A transit gateway that connects spokes to a hub and not to each other, as peering
 * did: spokes' attachments use a route table that knows only the hub, and the hub's
 * attachment uses one that knows every spoke. The gateway's default route table is
 * off, so nothing new is connected to everything by default, and attachments from
 * other accounts wait to be accepted in code.
 *
 * Each attachment takes one subnet per zone, and only hosts in zones it has a subnet in
 * can use it, so every zone of a VPC is attached.
 */
export class TransitHub extends Construct {
  readonly id: string;
  readonly arn: string;
  private readonly hub: PrivateNetwork;
  private readonly hubAttachment: Ec2TransitGatewayVpcAttachment;
  private readonly hubRouteTable: Ec2TransitGatewayRouteTable;
  private readonly spokeRouteTable: Ec2TransitGatewayRouteTable;
  /** The hub attachment's association and propagation: traffic to any spoke waits for them. */
  private readonly hubSide: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: TransitHubProps) {
    super(scope, id);
    this.hub = props.hub;
    const gateway = new Ec2TransitGateway(this, "gateway", {
      description: `Spokes to ${props.hub.name} only`,
      defaultRouteTableAssociation: "disable",
      defaultRouteTablePropagation: "disable",
      autoAcceptSharedAttachments: "disable",
      dnsSupport: "enable",
      tags: nameTag(this, props.name),
    });
    this.id = gateway.id;
    this.arn = gateway.arn;
    this.hubRouteTable = new Ec2TransitGatewayRouteTable(this, "hub-route-table", { transitGatewayId: gateway.id, tags: nameTag(this, `${props.name}-to-spokes`) });
    this.spokeRouteTable = new Ec2TransitGatewayRouteTable(this, "spoke-route-table", { transitGatewayId: gateway.id, tags: nameTag(this, `${props.name}-to-hub`) });
    this.hubAttachment = this.attach(this, "hub-attachment", props.hub);
    this.hubSide = [
      new Ec2TransitGatewayRouteTableAssociation(this, "hub-association", {
        transitGatewayAttachmentId: this.hubAttachment.id,
        transitGatewayRouteTableId: this.hubRouteTable.id,
      }),
      new Ec2TransitGatewayRouteTablePropagation(this, "hub-into-spoke-table", {
        transitGatewayAttachmentId: this.hubAttachment.id,
        transitGatewayRouteTableId: this.spokeRouteTable.id,
      }),
    ];
  }

  /**
   * Attaches `spoke`, in `scope`, and routes between it and the hub both ways. A spoke
   * of another account (one with a provider of its own) attaches once `after` (the
   * gateway's share with its account) is done, and the hub's account accepts it.
   * Returns what traffic between the two waits for: the VPC routes, and the gateway's
   * associations and propagations on both sides.
   */
  connect(scope: Construct, spoke: PrivateNetwork, after: readonly ITerraformDependable[] = []): ITerraformDependable[] {
    const attachment = this.attach(scope, "tgw-attachment", spoke, after);
    const accepted: ITerraformDependable[] =
      spoke.provider === undefined
        ? [attachment]
        : [
            attachment,
            new Ec2TransitGatewayVpcAttachmentAccepter(scope, "tgw-attachment-accepter", {
              transitGatewayAttachmentId: attachment.id,
              // Here, not on the attachment: another account's attachment cannot set them
              // (the provider would report drift on every plan), and the accepter's default is true.
              transitGatewayDefaultRouteTableAssociation: false,
              transitGatewayDefaultRouteTablePropagation: false,
              tags: nameTag(scope, `${spoke.name}-attachment`),
            }),
          ];
    const association = new Ec2TransitGatewayRouteTableAssociation(scope, "tgw-association", {
      transitGatewayAttachmentId: attachment.id,
      transitGatewayRouteTableId: this.spokeRouteTable.id,
      dependsOn: accepted,
    });
    const propagation = new Ec2TransitGatewayRouteTablePropagation(scope, "tgw-propagation", {
      transitGatewayAttachmentId: attachment.id,
      transitGatewayRouteTableId: this.hubRouteTable.id,
      dependsOn: accepted,
    });
    return [
      ...spoke.routeTo(scope, this.hub.cidr, { transitGatewayId: this.id }, accepted),
      ...this.hub.routeTo(scope, spoke.cidr, { transitGatewayId: this.id }, [this.hubAttachment, ...accepted]),
      association,
      propagation,
      ...this.hubSide,
    ];
  }

  private attach(scope: Construct, id: string, network: PrivateNetwork, after: readonly ITerraformDependable[] = []): Ec2TransitGatewayVpcAttachment {
    return new Ec2TransitGatewayVpcAttachment(scope, id, {
      provider: network.provider,
      transitGatewayId: this.id,
      vpcId: network.vpcId,
      subnetIds: network.onePerZone().map(({ subnet }) => subnet.id),
      ...(network.provider === undefined ? { transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false } : {}),
      dnsSupport: "enable",
      dependsOn: after.length > 0 ? [...after] : undefined,
      tags: nameTag(scope, `${network.name}-attachment`),
    });
  }
}

import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { Construct } from "constructs";
import { nameTag } from "./naming";
import type { PrivateNetwork } from "./private-network";

export interface VpcPeeringProps {
  /** Name tag suffix of the peering connection. */
  readonly name: string;
  /** The VPC that requests the peering. */
  readonly requester: PrivateNetwork;
  /** The VPC that accepts it; same account and region, so it is accepted automatically. */
  readonly accepter: PrivateNetwork;
}

/**
 * A peering connection with the routes that make it usable: every subnet on each side
 * routes the other VPC's CIDR over it. A peering without both routes carries nothing.
 */
export class VpcPeering extends Construct {
  readonly id: string;

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const connection = new VpcPeeringConnection(this, "connection", {
      vpcId: props.requester.vpcId,
      peerVpcId: props.accepter.vpcId,
      autoAccept: true,
      tags: nameTag(this, props.name),
    });
    this.id = connection.id;
    props.requester.routeToPeering(this, props.accepter.cidr, connection.id);
    props.accepter.routeToPeering(this, props.requester.cidr, connection.id);
  }
}

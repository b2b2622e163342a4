import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";
import { VpcPeeringConnectionOptions } from "@cdktf/provider-aws/lib/vpc-peering-connection-options";
import type { Route } from "@cdktf/provider-aws/lib/route";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "./naming";
import type { PrivateNetwork } from "./private-network";

export interface VpcPeeringProps {
  /** Name tag suffix of the peering connection. */
  readonly name: string;
  /** The VPC that requests the peering; its network's provider creates the request. */
  readonly requester: PrivateNetwork;
  /** The VPC that accepts it; its network's provider accepts when it is another account's. */
  readonly accepter: PrivateNetwork;
  /**
   * Account id of the accepter's owner when it differs from the requester's. Default
   * unset: same account, and the request is accepted automatically.
   */
  readonly peerOwnerId?: string;
  /**
   * Lets each side resolve the other's private DNS host names to private addresses.
   * Default false. Each side's option is set by that side's account, as AWS requires.
   */
  readonly remoteDnsResolution?: boolean;
}

/**
 * A peering connection with the routes that make it usable: every subnet on each side
 * routes the other VPC's CIDR over it. A peering without both routes carries nothing.
 *
 * Across accounts the accepter's account accepts in code, and the routes and options
 * wait for that acceptance: AWS only sets options on an active connection.
 */
export class VpcPeering extends Construct {
  readonly id: string;
  /** The routes both ways: what traffic over the peering waits for. */
  readonly routes: Route[];

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;
    const crossAccount = props.peerOwnerId !== undefined;
    const connection = new VpcPeeringConnection(this, "connection", {
      provider: requester.provider,
      vpcId: requester.vpcId,
      peerVpcId: accepter.vpcId,
      peerOwnerId: props.peerOwnerId,
      autoAccept: crossAccount ? undefined : true,
      tags: nameTag(this, props.name),
    });
    this.id = connection.id;

    const acceptance: ITerraformDependable[] | undefined = crossAccount
      ? [
          new VpcPeeringConnectionAccepterA(this, "accepter", {
            provider: accepter.provider,
            vpcPeeringConnectionId: connection.id,
            autoAccept: true,
            tags: nameTag(this, props.name),
          }),
        ]
      : undefined;
    this.routes = [
      ...requester.routeTo(this, accepter.cidr, { vpcPeeringConnectionId: connection.id }, acceptance),
      ...accepter.routeTo(this, requester.cidr, { vpcPeeringConnectionId: connection.id }, acceptance),
    ];

    if (props.remoteDnsResolution) {
      for (const side of ["requester", "accepter"] as const) {
        new VpcPeeringConnectionOptions(this, `${side}-dns-options`, {
          provider: props[side].provider,
          vpcPeeringConnectionId: connection.id,
          [side]: { allowRemoteVpcDnsResolution: true },
          dependsOn: acceptance,
        });
      }
    }
  }
}

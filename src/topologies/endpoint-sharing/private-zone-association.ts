import { Route53VpcAssociationAuthorization } from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import { Route53ZoneAssociation } from "@cdktf/provider-aws/lib/route53-zone-association";
import { Construct } from "constructs";
import type { PrivateNetwork } from "../../constructs/private-network";

export interface PrivateZoneAssociationProps {
  /** A private hosted zone of the stack's default account. */
  readonly zoneId: string;
  /** The VPC that should resolve from the zone; another account's when it has a provider of its own. */
  readonly network: PrivateNetwork;
}

/**
 * Lets a VPC resolve from a private hosted zone. A VPC of another account needs the
 * zone owner's authorization first, then associates itself with its own account's
 * credentials.
 */
export class PrivateZoneAssociation extends Construct {
  readonly association: Route53ZoneAssociation;

  constructor(scope: Construct, id: string, props: PrivateZoneAssociationProps) {
    super(scope, id);
    const { network, zoneId } = props;
    const authorization =
      network.provider === undefined ? undefined : new Route53VpcAssociationAuthorization(this, "authorization", { zoneId, vpcId: network.vpcId });
    this.association = new Route53ZoneAssociation(this, "association", {
      provider: network.provider,
      zoneId,
      vpcId: network.vpcId,
      dependsOn: authorization === undefined ? undefined : [authorization],
    });
  }
}

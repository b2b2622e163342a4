import { Route53ProfilesAssociation } from "@cdktf/provider-aws/lib/route53profiles-association";
import { Route53ProfilesProfile } from "@cdktf/provider-aws/lib/route53profiles-profile";
import { Route53ProfilesResourceAssociation } from "@cdktf/provider-aws/lib/route53profiles-resource-association";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "../../constructs/naming";
import type { PrivateNetwork } from "../../constructs/private-network";

export interface SharedDnsProfileProps {
  /** Profile name (Name tag suffix too). */
  readonly name: string;
  /** The private hosted zones the profile carries, each with a name of letters, digits and hyphens. */
  readonly zones: readonly { readonly name: string; readonly arn: string }[];
}

/**
 * A Route 53 profile that carries private hosted zones: associated once with a VPC, it
 * gives that VPC every zone, and zones added later reach every associated VPC. A VPC
 * takes one profile; another account associates its VPCs once the profile is shared
 * with it through AWS RAM.
 */
export class SharedDnsProfile extends Construct {
  readonly id: string;
  readonly arn: string;
  private readonly zonesInside: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: SharedDnsProfileProps) {
    super(scope, id);
    const profile = new Route53ProfilesProfile(this, "profile", { name: nameTag(this, props.name).Name, tags: nameTag(this, props.name) });
    this.id = profile.id;
    this.arn = profile.arn;
    this.zonesInside = props.zones.map(
      (zone) => new Route53ProfilesResourceAssociation(this, `${zone.name}-zone`, { name: zone.name, profileId: profile.id, resourceArn: zone.arn }),
    );
  }

  /**
   * Associates the profile with `network`, in `scope`, once its zones are in and
   * `after` (the profile's share with another account) is done.
   */
  associate(scope: Construct, id: string, network: PrivateNetwork, after: readonly ITerraformDependable[] = []): Route53ProfilesAssociation {
    return new Route53ProfilesAssociation(scope, id, {
      provider: network.provider,
      name: network.name,
      profileId: this.id,
      resourceId: network.vpcId,
      dependsOn: [...this.zonesInside, ...after],
      tags: nameTag(scope, `${network.name}-dns-profile`),
    });
  }
}

import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Construct } from "constructs";
import { nameTag } from "../../constructs/naming";
import type { PrivateNetwork } from "../../constructs/private-network";

export interface PrivateAliasNameProps {
  /** Private hosted zone, e.g. `home`. */
  readonly zoneName: string;
  /** Label of the record in the zone, e.g. `alb` for `alb.home`. */
  readonly recordName: string;
  /** VPCs whose resolver answers from the zone; they must be in the default provider's account. */
  readonly resolvingNetworks: readonly PrivateNetwork[];
  /** What the name aliases: a load balancer's DNS name and its hosted zone id. */
  readonly target: { readonly dnsName: string; readonly zoneId: string };
}

/**
 * A friendly private name for an AWS endpoint: a private hosted zone seen by the
 * given VPCs, with an alias A record. Route 53 answers an alias with the target's
 * current addresses, which an ALB changes as it scales, so no address is written down.
 * Target health is evaluated, so a failover or weighted record added beside it takes
 * over while the ALB has no healthy target.
 */
export class PrivateAliasName extends Construct {
  readonly fqdn: string;
  readonly zoneId: string;

  constructor(scope: Construct, id: string, props: PrivateAliasNameProps) {
    super(scope, id);
    this.fqdn = `${props.recordName}.${props.zoneName}`;
    const zone = new Route53Zone(this, "zone", {
      name: props.zoneName,
      comment: `Private names for ${props.resolvingNetworks.map((network) => network.name).join(", ")}`,
      vpc: props.resolvingNetworks.map((network) => ({ vpcId: network.vpcId })),
      tags: nameTag(this, props.zoneName),
    });
    this.zoneId = zone.zoneId;
    new Route53Record(this, "record", {
      zoneId: zone.zoneId,
      name: this.fqdn,
      type: "A",
      alias: { name: props.target.dnsName, zoneId: props.target.zoneId, evaluateTargetHealth: true },
    });
  }
}

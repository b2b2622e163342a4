import { DataAwsVpcEndpointService } from "@cdktf/provider-aws/lib/data-aws-vpc-endpoint-service";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { regionalDnsEntry } from "../../constructs/regional-dns-entry";
import { serviceSlug, type AwsServiceEndpointName } from "../../config/service-names";
import { nameTag } from "../../constructs/naming";
import { Port } from "../../constructs/port";
import type { PrivateNetwork } from "../../constructs/private-network";
import { CidrPeer, FlowSecurityGroup, type NetworkIdentity } from "../../constructs/security-group";
import { ENDPOINT_SHARING_HUB_GROUP_NAMES } from "./config";

/** Name (without the stack prefix) of a service's shared endpoint; the declared flows use it too. */
export function sharedEndpointName(service: string): string {
  return `vpce-${serviceSlug(service)}`;
}

export interface SharedServiceEndpointsProps {
  /** The hub: the endpoints get a network interface in each of its subnets. */
  readonly network: PrivateNetwork;
  readonly services: readonly AwsServiceEndpointName[];
}

/** One shared service: its endpoint in the hub and the zone that stands in for its private DNS. */
export interface SharedService {
  readonly name: AwsServiceEndpointName;
  readonly endpoint: VpcEndpoint;
  readonly zone: Route53Zone;
}

/**
 * Interface endpoints for AWS services in a hub VPC, usable from other VPCs (article
 * 001). An endpoint's own private DNS answers only inside its VPC, so it is left off,
 * and each service gets a private hosted zone named like the service's public name,
 * whose apex aliases the endpoint's regional DNS name. The zones are associated with
 * the hub here and with other VPCs by whoever shares them (zone associations or a
 * Route 53 profile).
 *
 * Private DNS on the hub's endpoints as well would make AWS create its own zone of the
 * same name in the hub, and AWS refuses to associate a second zone of that name, so
 * the hub resolves through these zones like every spoke.
 */
export class SharedServiceEndpoints extends Construct {
  readonly securityGroup: FlowSecurityGroup;
  readonly services: readonly SharedService[];
  /** The alias records: a client that resolves the services needs them. */
  readonly records: ITerraformDependable[] = [];
  private readonly hub: PrivateNetwork;

  constructor(scope: Construct, id: string, props: SharedServiceEndpointsProps) {
    super(scope, id);
    this.hub = props.network;
    this.securityGroup = new FlowSecurityGroup(this, "security-group", {
      network: props.network,
      name: ENDPOINT_SHARING_HUB_GROUP_NAMES[0]!,
      description: "Shared interface endpoints: HTTPS in from the hub and every spoke",
    });
    this.services = props.services.map((name) => {
      const scopeOfService = new Construct(this, serviceSlug(name.service));
      // The zone must be named as AWS names the service's private DNS; checked here
      // against AWS at plan time, since a zone of another name would answer nothing.
      new DataAwsVpcEndpointService(scopeOfService, "service", {
        serviceName: name.serviceName,
        serviceType: "Interface",
        lifecycle: {
          postcondition: [
            {
              condition: `\${try(contains(["${name.zoneName}", "*.${name.zoneName}"], self.private_dns_name), false)}`,
              errorMessage: `endpointSharing.services: AWS's private DNS name for ${name.service} is not ${name.zoneName} (nor *.${name.zoneName}), so a private hosted zone of that name would answer nothing. Add the service's DNS name to src/config/service-names.ts, or leave the service out.`,
            },
          ],
        },
      });
      const endpoint = new VpcEndpoint(scopeOfService, "endpoint", {
        vpcId: props.network.vpcId,
        serviceName: name.serviceName,
        vpcEndpointType: "Interface",
        subnetIds: props.network.onePerZone().map(({ subnet }) => subnet.id),
        securityGroupIds: [this.securityGroup.id],
        privateDnsEnabled: false,
        ipAddressType: "ipv4",
        tags: nameTag(this, sharedEndpointName(name.service)),
      });
      const zone = new Route53Zone(scopeOfService, "zone", {
        name: name.zoneName,
        comment: `Answers ${name.zoneName} with the shared ${name.service} endpoint in ${props.network.name}`,
        // A private zone is created with one VPC; the others are associated by separate
        // resources, which this block would otherwise fight on every plan.
        vpc: [{ vpcId: props.network.vpcId }],
        lifecycle: { ignoreChanges: ["vpc"] },
        tags: nameTag(this, name.zoneName),
      });
      const regional = regionalDnsEntry(endpoint);
      const recordNames = name.wildcard ? [{ id: "apex", name: name.zoneName }, { id: "wildcard", name: `*.${name.zoneName}` }] : [{ id: "apex", name: name.zoneName }];
      for (const record of recordNames) {
        this.records.push(
          new Route53Record(scopeOfService, `${record.id}-record`, {
            zoneId: zone.zoneId,
            name: record.name,
            type: "A",
            // No other record could take over, so an answer is always better than none.
            alias: { name: regional.dnsName, zoneId: regional.hostedZoneId, evaluateTargetHealth: false },
          }),
        );
      }
      return { name, endpoint, zone };
    });
  }

  /** Admits every host of `network` to the endpoints on HTTPS. */
  shareWith(network: NetworkIdentity): void {
    this.securityGroup.allowFrom(new CidrPeer(network.cidr, network.name), Port.tcp(443));
  }

  /** Lets the members of `client` (in the hub or a spoke) open HTTPS to the hub, where the endpoints are. */
  allowClient(client: FlowSecurityGroup): void {
    client.allowTo(new CidrPeer(this.hub.cidr, `${this.hub.name}-endpoints`), Port.tcp(443));
  }
}

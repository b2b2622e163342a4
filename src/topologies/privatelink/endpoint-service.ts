import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { VpcEndpointConnectionAccepter } from "@cdktf/provider-aws/lib/vpc-endpoint-connection-accepter";
import { VpcEndpointService } from "@cdktf/provider-aws/lib/vpc-endpoint-service";
import { VpcEndpointServicePrivateDnsVerification } from "@cdktf/provider-aws/lib/vpc-endpoint-service-private-dns-verification";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "../../constructs/naming";

export interface ServicePrivateDns {
  /** The name consumers resolve to their endpoint, e.g. `hello.example.com`. */
  readonly name: string;
  /** Route 53 public zone of the name's domain, where the verification TXT record goes. */
  readonly publicZoneId: string;
}

export interface EndpointServiceProps {
  /** Name tag suffix. */
  readonly name: string;
  readonly networkLoadBalancerArn: string;
  /** Who may create endpoints, e.g. `arn:aws:iam::111122223333:root` (article 002's whitelist). */
  readonly allowedPrincipals: readonly string[];
  /** Default none: consumers use their endpoint's own DNS name. */
  readonly privateDns?: ServicePrivateDns;
}

/** What a service needs to know of a consumer's endpoint to accept it. */
export interface ConsumerEndpoint {
  /** Consumer name: the acceptance's id suffix. */
  readonly consumerName: string;
  readonly endpointId: string;
}

/**
 * A VPC endpoint service (PrivateLink) for an NLB, in the stack's own account, IPv4,
 * that requires acceptance: an allowed principal can ask, and only the `accept`
 * written here lets it in, so the whole handshake of article 002 is reviewable code. With a private DNS name, the
 * ownership TXT record is written and verified before any endpoint may use the name.
 */
export class EndpointService extends Construct {
  readonly id: string;
  readonly serviceName: string;
  /** What an endpoint's private DNS must wait for besides its own acceptance: the domain's verification. */
  readonly privateDnsReady: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: EndpointServiceProps) {
    super(scope, id);
    const service = new VpcEndpointService(this, "service", {
      acceptanceRequired: true,
      networkLoadBalancerArns: [props.networkLoadBalancerArn],
      supportedIpAddressTypes: ["ipv4"],
      allowedPrincipals: [...props.allowedPrincipals],
      privateDnsName: props.privateDns?.name,
      tags: nameTag(this, props.name),
    });
    this.id = service.id;
    this.serviceName = service.serviceName;

    if (props.privateDns) {
      const configuration = service.privateDnsNameConfiguration.get(0);
      const ownership = new Route53Record(this, "private-dns-ownership", {
          zoneId: props.privateDns.publicZoneId,
        name: configuration.name,
        type: configuration.type,
        ttl: 300,
        records: [configuration.value],
      });
      this.privateDnsReady.push(
        new VpcEndpointServicePrivateDnsVerification(this, "private-dns-verification", {
              serviceId: service.id,
          waitForVerification: true,
          dependsOn: [ownership],
        }),
      );
    }
  }

  /** Accepts a consumer's connection request, in the service's account. */
  accept(endpoint: ConsumerEndpoint): VpcEndpointConnectionAccepter {
    return new VpcEndpointConnectionAccepter(this, `accept-${endpoint.consumerName}`, {
      vpcEndpointServiceId: this.id,
      vpcEndpointId: endpoint.endpointId,
    });
  }
}

import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcEndpointPrivateDns } from "@cdktf/provider-aws/lib/vpc-endpoint-private-dns";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { regionalDnsEntry } from "../../constructs/regional-dns-entry";
import { nameTag } from "../../constructs/naming";
import { Port } from "../../constructs/port";
import type { PrivateNetwork, PrivateSubnet } from "../../constructs/private-network";
import { FlowSecurityGroup } from "../../constructs/security-group";

export interface ServiceEndpointProps {
  /** Name tag suffix of the endpoint and its group. */
  readonly name: string;
  readonly network: PrivateNetwork;
  /** One subnet per zone, each in a zone the service's NLB serves. */
  readonly subnets: readonly PrivateSubnet[];
  /** The endpoint service's name, `com.amazonaws.vpce.<region>.vpce-svc-...`. */
  readonly serviceName: string;
  /** TCP port clients use. */
  readonly port: number;
}

/**
 * An interface endpoint into another VPC's endpoint service, with its own security
 * group: the one place PrivateLink traffic is judged (article 003). Clients are
 * admitted with `allowClient`, which writes their egress too.
 */
export class ServiceEndpoint extends Construct {
  readonly id: string;
  /** The endpoint's regional DNS name, resolving to its addresses in every subnet. */
  readonly dnsName: string;
  readonly securityGroup: FlowSecurityGroup;
  private readonly port: Port;
  private readonly network: PrivateNetwork;

  constructor(scope: Construct, id: string, props: ServiceEndpointProps) {
    super(scope, id);
    this.network = props.network;
    this.port = Port.tcp(props.port);
    this.securityGroup = new FlowSecurityGroup(this, "security-group", {
      network: props.network,
      name: props.name,
      description: `Interface endpoint: TCP ${props.port} in from its clients only`,
    });
    // Private DNS is left out here on purpose: it can only be turned on once the
    // service has accepted the connection (enablePrivateDns).
    const endpoint = new VpcEndpoint(this, "endpoint", {
      provider: props.network.provider,
      vpcId: props.network.vpcId,
      serviceName: props.serviceName,
      vpcEndpointType: "Interface",
      subnetIds: props.subnets.map(({ subnet }) => subnet.id),
      securityGroupIds: [this.securityGroup.id],
      ipAddressType: "ipv4",
      tags: nameTag(this, props.name),
    });
    this.id = endpoint.id;
    this.dnsName = regionalDnsEntry(endpoint).dnsName;
  }

  /** Admits the members of `client` to the endpoint on the service port. */
  allowClient(client: FlowSecurityGroup): void {
    client.allowTo(this.securityGroup, this.port);
  }

  /** Turns on the service's private DNS name in this VPC, once `after` (the acceptance, the domain's verification) is done. */
  enablePrivateDns(after: ITerraformDependable[]): void {
    new VpcEndpointPrivateDns(this, "private-dns", {
      provider: this.network.provider,
      vpcEndpointId: this.id,
      privateDnsEnabled: true,
      dependsOn: after,
    });
  }
}

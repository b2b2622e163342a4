import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EndpointService } from "./endpoint-service";
import { accountProvider } from "../../constructs/account-provider";
import type { HardenedInstance } from "../../constructs/hardened-instance";
import type { InstancePreset } from "../../constructs/instance-preset";
import { InstanceConnectEndpoint } from "../../constructs/instance-connect-endpoint";
import { NatEgress } from "./nat-egress";
import { Port } from "../../constructs/port";
import { PrivateNetwork, type PrivateSubnetProps } from "../../constructs/private-network";
import { consumerPartNames } from "./consumer-names";
import { ReachabilityAnalysis } from "./reachability-analysis";
import { FlowSecurityGroup } from "../../constructs/security-group";
import { ServiceEndpoint } from "./service-endpoint";

/**
 * Where an analysis of a client's path ends: the server, when it is in the consumer's
 * account (with what its side must have in place first), or the consumer's own
 * endpoint, since a path is analysed within one account.
 */
export type ReachabilityTarget =
  | { readonly to: "server"; readonly serverId: string; readonly serverSideReady: ITerraformDependable[] }
  | { readonly to: "own-endpoint" };

export interface PrivateLinkConsumerProps {
  /** Consumer name (`dev`): its VPC's name and the prefix of everything it has. */
  readonly name: string;
  readonly cidr: string;
  readonly subnets: readonly PrivateSubnetProps[];
  /** Public subnets for a NAT gateway; empty for none. */
  readonly publicSubnets: readonly PrivateSubnetProps[];
  readonly natGateway: boolean;
  /** Subnet of the client instance. */
  readonly clientSubnet: string;
  /** Subnets of the interface endpoint, one per zone the service serves. */
  readonly endpointSubnets: readonly string[];
  /** Role of the consumer's account, when it is not the stack's: everything but the acceptance is created with it. */
  readonly assumeRoleArn?: string;
  readonly service: EndpointService;
  /** TCP port of the service. */
  readonly port: number;
  /** Turn on the service's private DNS name in this VPC once accepted and verified. */
  readonly privateDns: boolean;
  readonly instances: InstancePreset;
}

/**
 * One consumer of article 002: its own VPC (its block may equal every other's), a
 * client instance, an interface endpoint into the service that admits the client
 * only, the service's acceptance of that endpoint, and an Instance Connect endpoint
 * to log in to the client. Everything but the acceptance is created in the
 * consumer's account.
 */
export class PrivateLinkConsumer extends Construct {
  readonly network: PrivateNetwork;
  readonly client: HardenedInstance;
  readonly endpoint: ServiceEndpoint;
  readonly instanceConnect: InstanceConnectEndpoint;
  private readonly port: number;
  private readonly ownSideReady: ITerraformDependable[];

  constructor(scope: Construct, id: string, props: PrivateLinkConsumerProps) {
    super(scope, id);
    this.port = props.port;
    const names = consumerPartNames(props.name);
    const provider = props.assumeRoleArn === undefined ? undefined : accountProvider(this, "account", props.assumeRoleArn, `${props.name}-account`);
    this.network = new PrivateNetwork(this, "network", {
      name: props.name,
      cidr: props.cidr,
      subnets: props.subnets,
      // An endpoint's private DNS name answers only in VPCs with DNS support and host names on.
      enableDnsHostnames: true,
      provider,
    });
    const clientGroup = new FlowSecurityGroup(this, "client-sg", {
      network: this.network,
      name: names.client,
      description: `Client: TCP ${props.port} to the endpoint of the service, SSH from the Instance Connect endpoint`,
    });
    if (props.natGateway) {
      const nat = new NatEgress(this, "nat-gateway", { network: this.network, publicSubnets: props.publicSubnets });
      clientGroup.allowTo(nat.peer, Port.tcp(443));
    }
    const clientSubnet = this.network.subnet(props.clientSubnet);
    this.client = props.instances.launch(this, "client", {
      name: names.client,
      subnet: clientSubnet,
      securityGroups: [clientGroup],
    });

    this.endpoint = new ServiceEndpoint(this, "endpoint", {
      name: names.endpoint,
      network: this.network,
      subnets: props.endpointSubnets.map((name) => this.network.subnet(name)),
      serviceName: props.service.serviceName,
      port: props.port,
    });
    this.endpoint.allowClient(clientGroup);
    const acceptance = props.service.accept({ consumerName: props.name, endpointId: this.endpoint.id });
    this.ownSideReady = [acceptance, ...clientGroup.rules, ...this.endpoint.securityGroup.rules];
    if (props.privateDns) {
      this.endpoint.enablePrivateDns([acceptance, ...props.service.privateDnsReady]);
    }

    this.instanceConnect = new InstanceConnectEndpoint(this, "eic", { name: names.instanceConnect, network: this.network, subnet: clientSubnet });
    this.instanceConnect.allowSshTo(clientGroup);
  }

  /** Analyses the path from the client on the service port to `target`, once everything on it exists. */
  analyseReachability(target: ReachabilityTarget): ReachabilityAnalysis {
    const toServer = target.to === "server";
    return new ReachabilityAnalysis(this, "reachability", {
      name: `${this.network.name}-client-to-${toServer ? "server" : "endpoint"}`,
      source: this.client.id,
      destination: toServer ? target.serverId : this.endpoint.id,
      port: this.port,
      provider: this.network.provider,
      after: [...this.ownSideReady, ...(toServer ? target.serverSideReady : [])],
    });
  }
}

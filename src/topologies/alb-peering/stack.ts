import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { AlbPeeringStackConfig } from "./config";
import { accountOfRoleArn } from "../../config/role-arn";
import { accountProvider } from "../../constructs/account-provider";
import { configuredSubnets } from "../../constructs/configured-subnets";
import { InstancePreset } from "../../constructs/instance-preset";
import { InstanceConnectEndpoint } from "../../constructs/instance-connect-endpoint";
import { InternalAlb } from "./internal-alb";
import { PrivateAliasName } from "./private-alias-name";
import { PrivateNetwork } from "../../constructs/private-network";
import { CidrPeer, FlowSecurityGroup } from "../../constructs/security-group";
import { staticPageServerUserData } from "./static-page-server";
import { VpcPeering } from "../../constructs/vpc-peering";
import { ProjectStack, type ProjectStackProps } from "../../constructs/project-stack";
import { recordFlowLogs } from "../../constructs/vpc-flow-logs";

/** Name of the Instance Connect endpoint in bar (and of its group); the declared flows use it too. */
export const ALB_PEERING_EIC_ENDPOINT_NAME = "eic-endpoint";
/** Name of the internal ALB (and of its group); the declared flows use it too. */
export const ALB_PEERING_ALB_NAME = "alb";

/**
 * Article 004: a client in bar reaches web servers in foo through foo's internal ALB,
 * over a VPC peering, by a private name.
 *
 *   operator --EIC--> client [bar 10.3.0.0/16] --peering--> internal ALB :80 [foo 10.2.0.0/16] --> web-1, web-2 :8080
 *   client resolves alb.home (private zone "home", associated with bar) to the ALB
 *
 * foo may live in another account (`albPeering.foo.assumeRoleArn`): everything in foo is
 * then created through a second provider, and foo's account accepts the peering.
 */
export class AlbPeeringStack extends ProjectStack {
  constructor(scope: Construct, name: string, props: ProjectStackProps<AlbPeeringStackConfig>) {
    super(scope, name, props);
    const { foo, bar, alb: albConfig, dns } = props.config.albPeering;
    const { region } = props.config;

    const fooProvider = foo.assumeRoleArn === undefined ? undefined : accountProvider(this, "accepter-account", foo.assumeRoleArn);
    const fooNetwork = new PrivateNetwork(this, foo.name, {
      name: foo.name,
      cidr: foo.cidr,
      subnets: configuredSubnets(foo.subnets, region),
      enableDnsHostnames: true,
      provider: fooProvider,
    });
    const barNetwork = new PrivateNetwork(this, bar.name, {
      name: bar.name,
      cidr: bar.cidr,
      subnets: configuredSubnets([bar.subnet], region),
      // A private hosted zone answers only in VPCs with DNS support and host names on.
      enableDnsHostnames: true,
    });
    new VpcPeering(this, "peering", {
      name: `${bar.name}-${foo.name}`,
      requester: barNetwork,
      accepter: fooNetwork,
      peerOwnerId: foo.assumeRoleArn === undefined ? undefined : accountOfRoleArn(foo.assumeRoleArn),
      remoteDnsResolution: true,
    });

    const alb = new InternalAlb(this, "alb", {
      name: ALB_PEERING_ALB_NAME,
      network: fooNetwork,
      subnets: fooNetwork.subnets,
      listenerPort: albConfig.listenerPort,
      targetPort: albConfig.targetPort,
      healthCheckPath: albConfig.healthCheckPath,
      deletionProtection: albConfig.deletionProtection,
    });

    const instances = new InstancePreset(this, props.config.instances);
    const webGroup = new FlowSecurityGroup(this, "web-sg", {
      network: fooNetwork,
      name: "web",
      description: `Web servers: HTTP ${albConfig.targetPort} from the internal ALB only`,
    });
    const webServers = foo.webServerNames.map(
      (serverName, index) =>
        instances.launch(this, serverName, {
          name: serverName,
          subnet: fooNetwork.subnets[index % fooNetwork.subnets.length]!,
          securityGroups: [webGroup],
          userData: staticPageServerUserData({ serverName, port: albConfig.targetPort }),
        }),
    );
    alb.forwardTo(webGroup, webServers);

    const clientGroup = new FlowSecurityGroup(this, "client-sg", {
      network: barNetwork,
      name: "client",
      description: `Client: HTTP to the ALB in ${foo.name}, SSH from the Instance Connect endpoint`,
    });
    alb.allowClient(clientGroup);
    for (const cidr of albConfig.additionalClientCidrs) {
      alb.allowClient(new CidrPeer(cidr, `cidr-${cidr.replace(/[./]/g, "-")}`));
    }
    const client = instances.launch(this, bar.instanceName, {
      name: bar.instanceName,
      subnet: barNetwork.subnet(bar.subnet.name),
      securityGroups: [clientGroup],
    });
    const endpoint = new InstanceConnectEndpoint(this, "eic", {
      name: ALB_PEERING_EIC_ENDPOINT_NAME,
      network: barNetwork,
      subnet: barNetwork.subnet(bar.subnet.name),
    });
    endpoint.allowSshTo(clientGroup);

    const privateName = new PrivateAliasName(this, "private-name", {
      zoneName: dns.zoneName,
      recordName: dns.recordName,
      resolvingNetworks: [barNetwork],
      target: { dnsName: alb.dnsName, zoneId: alb.zoneId },
    });

    const portSuffix = albConfig.listenerPort === 80 ? "" : `:${albConfig.listenerPort}`;
    new TerraformOutput(this, "alb-dns-name", { description: "The internal ALB's own DNS name (resolves to private addresses)", value: alb.dnsName });
    new TerraformOutput(this, "alb-private-name", { description: `The ALB's private name, resolvable in ${bar.name}`, value: privateName.fqdn });
    new TerraformOutput(this, "web-instance-ids", { value: webServers.map((server) => server.id) });
    new TerraformOutput(this, "client-instance-id", { value: client.id });
    new TerraformOutput(this, "eic-endpoint-id", { value: endpoint.id });
    new TerraformOutput(this, "connect-command", {
      description: `Log in to ${bar.instanceName} in ${bar.name} through the Instance Connect endpoint`,
      value: endpoint.sshCommand(client.id, region),
    });
    new TerraformOutput(this, "curl-command", {
      description: `Run on ${bar.instanceName} after connect-command: the ALB answers by its private name, from ${foo.webServerNames.join(" or ")}`,
      value: `curl -v http://${privateName.fqdn}${portSuffix}/`,
    });
    recordFlowLogs(this, props.config.albPeering.flowLogs, "albPeering.flowLogs", props.config.project);
  }
}

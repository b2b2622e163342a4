import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { TerraformOutput, type ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { PrivateLinkStackConfig } from "./config";
import { accountRootOfRoleArn } from "../../config/role-arn";
import { EndpointService } from "./endpoint-service";
import { configuredSubnets } from "../../constructs/configured-subnets";
import { InstancePreset } from "../../constructs/instance-preset";
import { httpdUserData } from "./httpd-server";
import { InternalNlb } from "./internal-nlb";
import { NatEgress } from "./nat-egress";
import { Port } from "../../constructs/port";
import { PrivateLinkConsumer } from "./consumer";
import { PrivateNetwork } from "../../constructs/private-network";
import { amazonLinux2023RepositoryBucket, S3GatewayEndpoint } from "./s3-gateway-endpoint";
import { FlowSecurityGroup } from "../../constructs/security-group";
import { ProjectStack, type ProjectStackProps } from "../../constructs/project-stack";
import type { SubnetConfig } from "../../config/network";
import { recordFlowLogs } from "../../constructs/vpc-flow-logs";

/** Name of the NLB (and of its group); the declared flows use it too. */
export const PRIVATELINK_NLB_NAME = "nlb";
/** The web server's page, article 003's. */
export const PRIVATELINK_PAGE = "Hello!";

/**
 * Articles 002 and 003: a web server behind an internal NLB in the service VPC, offered
 * as a VPC endpoint service; each consumer VPC (dev, stg, prod, all 10.0.0.0/16) reaches
 * it through its own interface endpoint, accepted by the service in code.
 *
 *   operator --EIC--> client [dev 10.0.0.0/16] --> endpoint --PrivateLink--> NLB :80 [shared 172.16.0.0/16] --> web-server :80
 *   (the same for stg and prod; their blocks overlap, PrivateLink does not route)
 *
 * Consumers may be other accounts (`assumeRoleArn`): their resources are created
 * through a provider of their own, and their accounts become the service's allowed
 * principals.
 */
export class PrivateLinkStack extends ProjectStack {
  constructor(scope: Construct, name: string, props: ProjectStackProps<PrivateLinkStackConfig>) {
    super(scope, name, props);
    const { service, endpointService: serviceConfig, consumers, reachabilityAnalysis } = props.config.privatelink;
    const { region } = props.config;
    const subnetProps = (subnets: readonly SubnetConfig[]) => configuredSubnets(subnets, region);

    const serviceNetwork = new PrivateNetwork(this, service.name, {
      name: service.name,
      cidr: service.cidr,
      subnets: subnetProps(service.subnets),
      enableDnsHostnames: true,
    });
    const instances = new InstancePreset(this, props.config.instances);

    const serverGroup = new FlowSecurityGroup(this, "server-sg", {
      network: serviceNetwork,
      name: "server",
      description: `Web server: TCP ${serviceConfig.port} from the NLB only, HTTPS out to the package repositories`,
    });
    const packageRoutes: ITerraformDependable[] = [];
    if (service.s3GatewayEndpoint) {
      const s3 = new S3GatewayEndpoint(this, "s3-gateway-endpoint", {
        name: `${service.name}-s3`,
        network: serviceNetwork,
        region,
        readableBuckets: [amazonLinux2023RepositoryBucket(region)],
      });
      serverGroup.allowTo(s3.peer, Port.tcp(443));
      packageRoutes.push(s3.endpoint);
    }
    if (service.natGateway) {
      const nat = new NatEgress(this, "nat-gateway", { network: serviceNetwork, publicSubnets: subnetProps(service.publicSubnets) });
      serverGroup.allowTo(nat.peer, Port.tcp(443));
      packageRoutes.push(...nat.routes);
    }
    const server = instances.launch(this, service.serverName, {
      name: service.serverName,
      subnet: serviceNetwork.subnet(service.serverSubnet),
      securityGroups: [serverGroup],
      userData: httpdUserData({ page: PRIVATELINK_PAGE, port: serviceConfig.port }),
      // The boot script installs httpd through these; without them first, it would find no repository.
      dependsOn: packageRoutes,
    });

    const nlb = new InternalNlb(this, "nlb", {
      name: PRIVATELINK_NLB_NAME,
      network: serviceNetwork,
      subnets: serviceNetwork.subnets,
      port: serviceConfig.port,
      healthCheckPath: serviceConfig.healthCheckPath,
      crossZoneLoadBalancing: serviceConfig.crossZoneLoadBalancing,
      enforceInboundRulesOnPrivateLinkTraffic: serviceConfig.enforceInboundRulesOnPrivateLinkTraffic,
    });
    nlb.forwardTo(serverGroup, [server]);

    const endpointService = new EndpointService(this, "endpoint-service", {
      name: "service",
      networkLoadBalancerArn: nlb.arn,
      allowedPrincipals: this.allowedPrincipals(consumers),
      privateDns:
        serviceConfig.privateDnsName !== undefined && serviceConfig.privateDnsPublicZoneId !== undefined
          ? { name: serviceConfig.privateDnsName, publicZoneId: serviceConfig.privateDnsPublicZoneId }
          : undefined,
    });

    const consumerSides = consumers.map((consumer) => {
      const side = new PrivateLinkConsumer(this, consumer.name, {
        name: consumer.name,
        cidr: consumer.cidr,
        subnets: subnetProps(consumer.subnets),
        publicSubnets: subnetProps(consumer.publicSubnets),
        natGateway: consumer.natGateway,
        clientSubnet: consumer.clientSubnet,
        endpointSubnets: consumer.endpointSubnets,
        assumeRoleArn: consumer.assumeRoleArn,
        service: endpointService,
        port: serviceConfig.port,
        privateDns: serviceConfig.privateDnsName !== undefined,
        instances,
      });
      const analysis = reachabilityAnalysis
        ? side.analyseReachability(
            consumer.assumeRoleArn === undefined
              ? { to: "server", serverId: server.id, serverSideReady: [...nlb.readyForTraffic(), ...serverGroup.rules] }
              : { to: "own-endpoint" },
          )
        : undefined;
      return { name: consumer.name, side, analysis };
    });

    const byConsumer = (value: (side: PrivateLinkConsumer) => unknown) => Object.fromEntries(consumerSides.map(({ name: consumerName, side }) => [consumerName, value(side)]));
    const portSuffix = serviceConfig.port === 80 ? "" : `:${serviceConfig.port}`;
    new TerraformOutput(this, "service-name", { description: "The endpoint service's name, what a consumer's endpoint connects to", value: endpointService.serviceName });
    new TerraformOutput(this, "server-instance-id", { value: server.id });
    new TerraformOutput(this, "endpoint-ids", { description: "Each consumer's interface endpoint", value: byConsumer((side) => side.endpoint.id) });
    new TerraformOutput(this, "endpoint-dns-names", { description: "Each consumer's endpoint DNS name, resolvable in that consumer's VPC", value: byConsumer((side) => side.endpoint.dnsName) });
    new TerraformOutput(this, "client-instance-ids", { value: byConsumer((side) => side.client.id) });
    new TerraformOutput(this, "connect-commands", {
      description: "Log in to each consumer's client through its Instance Connect endpoint (with that consumer account's credentials)",
      value: byConsumer((side) => side.instanceConnect.sshCommand(side.client.id, region)),
    });
    new TerraformOutput(this, "curl-commands", {
      description: `Run on each client after its connect command; the answer is ${PRIVATELINK_PAGE}`,
      value: byConsumer((side) => `curl -sS http://${serviceConfig.privateDnsName ?? side.endpoint.dnsName}${portSuffix}/`),
    });
    if (reachabilityAnalysis) {
      new TerraformOutput(this, "reachability-path-found", {
        description: "Reachability Analyzer's verdict for each client (to the server, or to its own endpoint when the consumer is another account)",
        value: Object.fromEntries(consumerSides.map(({ name: consumerName, analysis }) => [consumerName, analysis!.pathFound])),
      });
    }
    recordFlowLogs(this, props.config.privatelink.flowLogs, "privatelink.flowLogs", props.config.project);
  }

  /**
   * The service's allowed principals: each consumer account's root, as article 002
   * whitelisted them. Consumers in the stack's own account add that account, which
   * synth does not know: this adds the data sources that read it at plan time.
   */
  private allowedPrincipals(consumers: PrivateLinkStackConfig["privatelink"]["consumers"]): string[] {
    const principals = new Set<string>();
    for (const consumer of consumers) {
      if (consumer.assumeRoleArn !== undefined) {
        principals.add(accountRootOfRoleArn(consumer.assumeRoleArn)!);
      }
    }
    if (consumers.some((consumer) => consumer.assumeRoleArn === undefined)) {
      const caller = new DataAwsCallerIdentity(this, "caller");
      const partition = new DataAwsPartition(this, "partition");
      principals.add(`arn:${partition.partition}:iam::${caller.accountId}:root`);
    }
    return [...principals];
  }
}

import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { TerraformOutput, type ITerraformDependable, type TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { EndpointSharingStackConfig } from "./config";
import { accountOfRoleArn } from "../../config/role-arn";
import { awsServiceEndpointName, serviceSlug } from "../../config/service-names";
import { EndpointSharingSpoke } from "./spoke";
import { accountProvider } from "../../constructs/account-provider";
import { configuredSubnets } from "../../constructs/configured-subnets";
import { InstancePreset } from "../../constructs/instance-preset";
import { HubResourceShare } from "./hub-resource-share";
import { PrivateNetwork } from "../../constructs/private-network";
import { PrivateZoneAssociation } from "./private-zone-association";
import { FlowSecurityGroup } from "../../constructs/security-group";
import { SharedDnsProfile } from "./shared-dns-profile";
import { SharedServiceEndpoints } from "./shared-service-endpoints";
import { SsmInstanceProfile } from "./ssm-instance-profile";
import { TransitHub } from "./transit-hub";
import { VpcPeering } from "../../constructs/vpc-peering";
import { ProjectStack, type ProjectStackProps } from "../../constructs/project-stack";
import { recordFlowLogs } from "../../constructs/vpc-flow-logs";

/** What the article ran inside each session to prove the endpoints answer. */
export const SSM_DIAGNOSTICS_COMMAND = "sudo ssm-cli get-diagnostics --output table";

/** What a spoke of another account has of its own: the provider, and the instance profile IAM keeps per account. */
interface SpokeAccount {
  readonly provider: TerraformProvider;
  readonly instanceProfile: SsmInstanceProfile;
}

/**
 * Article 001: one set of SSM interface endpoints in a hub VPC, used by every spoke.
 * Each service's name resolves to the hub's endpoint through a private hosted zone
 * that the hub and every spoke see; spokes reach the hub over a peering each, or
 * through a transit gateway.
 *
 *   operator --Session Manager--> user-vpc-ec2 [user-vpc 192.168.0.0/16]
 *     user-vpc-ec2 --resolves ssm.<region>.amazonaws.com (private zone)--> vpce-ssm [shared-vpc 172.16.0.0/16]
 *     --peering (or transit gateway)--> endpoints in shared-vpc-subnet-a and -c :443
 *   (likewise ssmmessages and ec2messages, and shared-vpc-ec2 in the hub itself)
 *
 * Spokes may be other accounts (`assumeRoleArn`): their resources are created through
 * one provider per account, the zones authorize their VPCs, and the transit gateway or
 * the Route 53 profile is shared with their accounts through AWS RAM.
 */
export class EndpointSharingStack extends ProjectStack {
  private readonly accountsScope: Construct;
  private readonly spokeAccounts = new Map<string, SpokeAccount>();
  private readonly partition: DataAwsPartition;

  constructor(scope: Construct, name: string, props: ProjectStackProps<EndpointSharingStackConfig>) {
    super(scope, name, props);
    const { hub, services, spokes, dns, transport } = props.config.endpointSharing;
    const { region } = props.config;

    const hubNetwork = new PrivateNetwork(this, hub.name, { name: hub.name, cidr: hub.cidr, subnets: configuredSubnets(hub.subnets, region), enableDnsHostnames: true });
    const endpoints = new SharedServiceEndpoints(this, "endpoints", {
      network: hubNetwork,
      services: services.map((service) => awsServiceEndpointName(service, region)),
    });
    const hubGroup = new FlowSecurityGroup(this, "hub-instance-sg", {
      network: hubNetwork,
      name: hub.instanceName,
      description: "Hub instance: HTTPS to the hub (its shared endpoints), SSH to the spokes, nothing in",
    });
    endpoints.shareWith(hubNetwork);
    endpoints.allowClient(hubGroup);

    this.partition = new DataAwsPartition(this, "partition");
    const instances = new InstancePreset(this, props.config.instances);
    const hubProfile = new SsmInstanceProfile(this, "ssm-role", { name: this.instanceProfileName(), partition: this.partition.partition });
    this.accountsScope = new Construct(this, "accounts");

    const transit = transport === "transit-gateway" ? new TransitHub(this, "transit-gateway", { name: "tgw", hub: hubNetwork }) : undefined;
    const profile =
      dns === "route53-profile"
        ? new SharedDnsProfile(this, "dns-profile", {
            name: "shared-endpoints",
            zones: endpoints.services.map((service) => ({ name: serviceSlug(service.name.service), arn: service.zone.arn })),
          })
        : undefined;
    const otherAccounts = [...new Set(spokes.flatMap((spoke) => (spoke.assumeRoleArn === undefined ? [] : [accountOfRoleArn(spoke.assumeRoleArn)!])))];
    if (otherAccounts.length > 0) {
      this.refuseHubAccountAsSpokeAccount(otherAccounts);
    }
    const sharedResources = [
      ...(transit ? [{ id: "transit-gateway", arn: transit.arn }] : []),
      ...(profile ? [{ id: "dns-profile", arn: profile.arn }] : []),
    ];
    const share =
      otherAccounts.length > 0 && sharedResources.length > 0
        ? new HubResourceShare(this, "resource-share", { name: "hub", resources: sharedResources, accounts: otherAccounts })
        : undefined;

    const spokeInstances = spokes.map((spoke) => {
      const account = spoke.assumeRoleArn === undefined ? undefined : this.spokeAccount(spoke.assumeRoleArn);
      const part = new EndpointSharingSpoke(this, spoke.name, {
        name: spoke.name,
        cidr: spoke.cidr,
        subnets: configuredSubnets(spoke.subnets, region),
        instanceName: spoke.instanceName,
        provider: account?.provider,
        endpoints,
        hubInstanceGroup: hubGroup,
      });
      // Only another account's spoke uses the share; the hub's own account needs none.
      const shareReady = account === undefined ? undefined : share?.ready;
      const ready: ITerraformDependable[] = transit
        ? transit.connect(part, part.network, shareReady)
        : new VpcPeering(part, "peering", {
            name: `${hub.name}-${spoke.name}`,
            requester: hubNetwork,
            accepter: part.network,
            peerOwnerId: spoke.assumeRoleArn === undefined ? undefined : accountOfRoleArn(spoke.assumeRoleArn),
          }).routes;
      if (profile) {
        ready.push(profile.associate(part, "dns-profile-association", part.network, shareReady));
      } else {
        for (const service of endpoints.services) {
          const association = new PrivateZoneAssociation(part, `${serviceSlug(service.name.service)}-zone`, { zoneId: service.zone.zoneId, network: part.network });
          ready.push(association.association);
        }
      }
      const instanceProfile = account?.instanceProfile ?? hubProfile;
      const instance = part.launchInstance({
        instances,
        instanceProfileName: instanceProfile.name,
        after: [...ready, ...endpoints.records, instanceProfile.ready],
      });
      return { vpc: spoke.name, instance, crossAccount: account !== undefined };
    });

    const hubInstance = instances.launch(this, hub.instanceName, {
      name: hub.instanceName,
      subnet: hubNetwork.subnets[0]!,
      securityGroups: [hubGroup],
      iamInstanceProfile: hubProfile.name,
      dependsOn: [...endpoints.records, hubProfile.ready],
    });

    const allInstances = [{ vpc: hub.name, instance: hubInstance, crossAccount: false }, ...spokeInstances];
    new TerraformOutput(this, "endpoint-ids", {
      description: "The shared interface endpoint of each service, in the hub",
      value: Object.fromEntries(endpoints.services.map((service) => [service.name.service, service.endpoint.id])),
    });
    new TerraformOutput(this, "zone-ids", {
      description: "The private hosted zone standing in for each service's private DNS, seen by the hub and every spoke",
      value: Object.fromEntries(endpoints.services.map((service) => [service.name.zoneName, service.zone.zoneId])),
    });
    new TerraformOutput(this, "instance-ids", { value: Object.fromEntries(allInstances.map(({ vpc, instance }) => [vpc, instance.id])) });
    new TerraformOutput(this, "start-session-commands", {
      description: "Log in to each VPC's instance through the shared endpoints (for a spoke of another account, with that account's credentials)",
      value: Object.fromEntries(allInstances.map(({ vpc, instance }) => [vpc, `aws ssm start-session --target ${instance.id} --region ${region}`])),
    });
    new TerraformOutput(this, "diagnostics-command", {
      description: "Run in each session: every endpoint's connectivity row says Success, as in the article",
      value: SSM_DIAGNOSTICS_COMMAND,
    });
    new TerraformOutput(this, "dns-check-commands", {
      description: "Run in each session: every name answers with the hub's private addresses, one per hub subnet",
      value: endpoints.services.map((service) => `dig +short ${service.name.zoneName}`),
    });
    if (transit) {
      new TerraformOutput(this, "transit-gateway-id", { value: transit.id });
    }
    if (profile) {
      new TerraformOutput(this, "route53-profile-id", { value: profile.id });
    }
    recordFlowLogs(this, props.config.endpointSharing.flowLogs, "endpointSharing.flowLogs", props.config.project);
  }

  /**
   * Synth cannot know the stack's own account. A spoke whose role is in it would make
   * a second instance profile of the same name, a share with itself and an accepter of
   * an attachment that needs none, so the plan stops first, with what to change.
   */
  private refuseHubAccountAsSpokeAccount(otherAccounts: readonly string[]): void {
    new DataAwsCallerIdentity(this, "caller", {
      lifecycle: {
        postcondition: [
          {
            condition: `\${!contains(${JSON.stringify(otherAccounts)}, self.account_id)}`,
            errorMessage: `endpointSharing.spokes[].assumeRoleArn: a spoke's role is in the hub's own account (one of ${otherAccounts.join(", ")}); leave assumeRoleArn unset for spokes in the hub's account.`,
          },
        ],
      },
    });
  }

  /** IAM names are unique per account: the project keeps two deployments in one account apart. */
  private instanceProfileName(): string {
    return `${this.config.project}-${this.node.id}-ssm`;
  }

  /** The provider and instance profile of the account `roleArn` is in, one set per account. */
  private spokeAccount(roleArn: string): SpokeAccount {
    const accountId = accountOfRoleArn(roleArn)!;
    const known = this.spokeAccounts.get(accountId);
    if (known !== undefined) {
      return known;
    }
    const scope = new Construct(this.accountsScope, accountId);
    const provider = accountProvider(scope, "provider", roleArn, `account-${accountId}`);
    const instanceProfile = new SsmInstanceProfile(scope, "ssm-role", { name: this.instanceProfileName(), partition: this.partition.partition, provider });
    const account = { provider, instanceProfile };
    this.spokeAccounts.set(accountId, account);
    return account;
  }
}

import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import type { HardenedInstance } from "../../constructs/hardened-instance";
import type { InstancePreset } from "../../constructs/instance-preset";
import { Port } from "../../constructs/port";
import { PrivateNetwork, type PrivateSubnetProps } from "../../constructs/private-network";
import { FlowSecurityGroup } from "../../constructs/security-group";
import type { SharedServiceEndpoints } from "./shared-service-endpoints";

export interface EndpointSharingSpokeProps {
  /** Spoke name (`user-vpc`): its VPC's name. */
  readonly name: string;
  readonly cidr: string;
  /** Private subnets; the instance sits in the first. */
  readonly subnets: readonly PrivateSubnetProps[];
  readonly instanceName: string;
  /** The provider of the spoke's account; undefined when it is the stack's account. */
  readonly provider?: TerraformProvider;
  readonly endpoints: SharedServiceEndpoints;
  /** The hub's instance, whose VPC may SSH in, as in the article. */
  readonly hubInstanceGroup: FlowSecurityGroup;
}

/**
 * One spoke of article 001 (User-VPC): a VPC whose hosts use the hub's endpoints, and
 * an instance managed through them. Its group sends HTTPS to the hub only and admits
 * SSH from the hub only (its block, as rules across VPCs name blocks); Session Manager
 * is the way in.
 */
export class EndpointSharingSpoke extends Construct {
  readonly network: PrivateNetwork;
  private readonly group: FlowSecurityGroup;
  private readonly instanceName: string;

  constructor(scope: Construct, id: string, props: EndpointSharingSpokeProps) {
    super(scope, id);
    this.instanceName = props.instanceName;
    this.network = new PrivateNetwork(this, "network", {
      name: props.name,
      cidr: props.cidr,
      subnets: props.subnets,
      // The shared zones answer only in VPCs with DNS support and host names on.
      enableDnsHostnames: true,
      provider: props.provider,
    });
    this.group = new FlowSecurityGroup(this, "instance-sg", {
      network: this.network,
      name: props.instanceName,
      description: "Spoke instance: HTTPS to the hub (its shared endpoints), SSH from the hub",
    });
    props.endpoints.shareWith(this.network);
    props.endpoints.allowClient(this.group);
    props.hubInstanceGroup.allowTo(this.group, Port.tcp(22));
  }

  /** The spoke's instance, launched once `after` (its routes and names to the endpoints) exists, so the agent registers at first boot. */
  launchInstance(props: { readonly instances: InstancePreset; readonly instanceProfileName: string; readonly after: ITerraformDependable[] }): HardenedInstance {
    return props.instances.launch(this, "instance", {
      name: this.instanceName,
      subnet: this.network.subnets[0]!,
      securityGroups: [this.group],
      iamInstanceProfile: props.instanceProfileName,
      dependsOn: props.after,
    });
  }
}

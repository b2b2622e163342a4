import { Ec2InstanceConnectEndpoint } from "@cdktf/provider-aws/lib/ec2-instance-connect-endpoint";
import { Construct } from "constructs";
import { nameTag } from "./naming";
import { Port } from "./port";
import type { PrivateSubnet } from "./private-network";
import { FlowSecurityGroup, type NetworkIdentity } from "./security-group";

export interface InstanceConnectEndpointProps {
  /** Endpoint name: Name tag suffix of the endpoint and its security group. */
  readonly name: string;
  readonly network: NetworkIdentity;
  /** Subnet the endpoint's network interface lives in. */
  readonly subnet: PrivateSubnet;
}

/**
 * An EC2 Instance Connect endpoint with its own security group, which article 000
 * found it cannot connect without. Client IP preservation is off (the provider's
 * default is on): with it on, instances see the operator's address instead of the
 * endpoint's, and the rule admitting the endpoint's group never matches. Changing it
 * later replaces the endpoint.
 */
export class InstanceConnectEndpoint extends Construct {
  readonly id: string;
  readonly securityGroup: FlowSecurityGroup;

  constructor(scope: Construct, id: string, props: InstanceConnectEndpointProps) {
    super(scope, id);
    this.securityGroup = new FlowSecurityGroup(this, "security-group", {
      network: props.network,
      name: props.name,
      description: "EC2 Instance Connect endpoint: SSH out to instances that admit it",
    });
    const endpoint = new Ec2InstanceConnectEndpoint(this, "endpoint", {
      provider: props.subnet.provider,
      subnetId: props.subnet.subnet.id,
      securityGroupIds: [this.securityGroup.id],
      preserveClientIp: false,
      tags: nameTag(this, props.name),
    });
    this.id = endpoint.id;
  }

  /** The AWS CLI command that opens an SSH session to `instanceId` through this endpoint. */
  sshCommand(instanceId: string, region: string): string {
    return `aws ec2-instance-connect ssh --instance-id ${instanceId} --connection-type eice --os-user ec2-user --region ${region}`;
  }

  /** Opens SSH from this endpoint to the members of `target` (both rules). */
  allowSshTo(target: FlowSecurityGroup): void {
    this.securityGroup.allowTo(target, Port.tcp(22));
  }
}

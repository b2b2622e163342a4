import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { PeeringStackConfig } from "./config";
import { configuredSubnets } from "../../constructs/configured-subnets";
import { InstancePreset } from "../../constructs/instance-preset";
import { InstanceConnectEndpoint } from "../../constructs/instance-connect-endpoint";
import { OperatorAddress } from "./operator-address";
import { Port } from "../../constructs/port";
import { PrivateNetwork } from "../../constructs/private-network";
import { CidrPeer, FlowSecurityGroup } from "../../constructs/security-group";
import { VpcPeering } from "../../constructs/vpc-peering";
import { ProjectStack, type ProjectStackProps } from "../../constructs/project-stack";
import type { PeeredVpcConfig } from "./config";
import { recordFlowLogs } from "../../constructs/vpc-flow-logs";

/** The ids of the outputs each instance gets, beside the configured names in the stack's scope. */
export function instanceOutputIds(instanceName: string): { readonly instanceId: string; readonly privateIp: string } {
  return { instanceId: `${instanceName}-instance-id`, privateIp: `${instanceName}-private-ip` };
}

/** Name of the Instance Connect endpoint (and its group); the declared flows use it too. */
export const PEERING_EIC_ENDPOINT_NAME = "eic-endpoint";

/**
 * Article 000: two peered VPCs, one instance in each, ping between them, and an EC2
 * Instance Connect endpoint to log in to the first one without a bastion.
 *
 *   operator --EIC (tcp/22)--> ec2-1 [vpc1 10.0.0.0/16] <--icmp over peering--> ec2-2 [vpc2 172.18.0.0/16]
 */
export class PeeringStack extends ProjectStack {
  constructor(scope: Construct, name: string, props: ProjectStackProps<PeeringStackConfig>) {
    super(scope, name, props);
    const { peering, region } = props.config;

    const networkFor = (side: PeeredVpcConfig) =>
      new PrivateNetwork(this, side.name, {
        name: side.name,
        cidr: side.cidr,
        subnets: configuredSubnets([side.subnet], region),
      });
    const vpc1 = networkFor(peering.requester);
    const vpc2 = networkFor(peering.accepter);
    new VpcPeering(this, "peering", { name: `${vpc1.name}-${vpc2.name}`, requester: vpc1, accepter: vpc2 });

    const sg1 = new FlowSecurityGroup(this, "sg1", {
      network: vpc1,
      name: "sg1",
      description: `ICMP with ${vpc2.name} over the peering`,
    });
    const sg2 = new FlowSecurityGroup(this, "sg2", {
      network: vpc2,
      name: "sg2",
      description: `ICMP with ${vpc1.name} over the peering`,
    });
    // Ping both ways; each flow writes the sender's egress and the receiver's ingress.
    sg1.allowTo(sg2, Port.allIcmp());
    sg2.allowTo(sg1, Port.allIcmp());

    const endpoint = new InstanceConnectEndpoint(this, "eic", {
      name: PEERING_EIC_ENDPOINT_NAME,
      network: vpc1,
      subnet: vpc1.subnet(peering.requester.subnet.name),
    });
    const eicToEc2 = new FlowSecurityGroup(this, "eic-to-ec2", {
      network: vpc1,
      name: "eic-to-ec2",
      description: "Admits SSH from the EC2 Instance Connect endpoint",
    });
    endpoint.allowSshTo(eicToEc2);
    const operator = new OperatorAddress(this, "operator-address", peering.operator);
    endpoint.securityGroup.allowTo(new CidrPeer(operator.cidr, "operator"), Port.tcp(22));

    const instances = new InstancePreset(this, props.config.instances);
    const instanceIn = (side: PeeredVpcConfig, network: PrivateNetwork, groups: FlowSecurityGroup[]) =>
      instances.launch(this, side.instanceName, {
        name: side.instanceName,
        subnet: network.subnet(side.subnet.name),
        securityGroups: groups,
        keyName: peering.keyName,
      });
    const ec2First = instanceIn(peering.requester, vpc1, [sg1, eicToEc2]);
    const ec2Second = instanceIn(peering.accepter, vpc2, [sg2]);

    for (const [side, instance] of [
      [peering.requester, ec2First],
      [peering.accepter, ec2Second],
    ] as const) {
      const outputIds = instanceOutputIds(side.instanceName);
      new TerraformOutput(this, outputIds.instanceId, { value: instance.id });
      new TerraformOutput(this, outputIds.privateIp, { value: instance.privateIp });
    }
    new TerraformOutput(this, "eic-endpoint-id", { value: endpoint.id });
    new TerraformOutput(this, "connect-command", {
      description: `Log in to ${peering.requester.instanceName} through the Instance Connect endpoint`,
      value: endpoint.sshCommand(ec2First.id, region),
    });
    new TerraformOutput(this, "ping-command", {
      description: `Run on ${peering.requester.instanceName}: ping ${peering.accepter.instanceName} over the peering`,
      value: `ping -c 4 ${ec2Second.privateIp}`,
    });
    recordFlowLogs(this, props.config.peering.flowLogs, "peering.flowLogs", props.config.project);
  }
}

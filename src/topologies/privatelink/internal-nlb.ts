import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import type { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { HardenedInstance } from "../../constructs/hardened-instance";
import { nameTag } from "../../constructs/naming";
import { Port } from "../../constructs/port";
import type { PrivateNetwork, PrivateSubnet } from "../../constructs/private-network";
import { FlowSecurityGroup } from "../../constructs/security-group";
import { registerInstances } from "../../constructs/target-registration";

/** Generated names, as for the ALB (see internal-alb.ts): two environments per account, replacements without deadlock. */
const LOAD_BALANCER_NAME_PREFIX = "nlb-";
const TARGET_GROUP_NAME_PREFIX = "tg-";

export interface InternalNlbProps {
  /** Name tag suffix of the NLB, its group and its target group. */
  readonly name: string;
  readonly network: PrivateNetwork;
  /** One subnet per zone; the NLB has a node in each, and PrivateLink serves only those zones. */
  readonly subnets: readonly PrivateSubnet[];
  /** TCP port of the listener and of the targets. */
  readonly port: number;
  /** Path of the targets' HTTP health check. */
  readonly healthCheckPath: string;
  /** Lets each node send to targets in every zone (article 003: off strands an endpoint whose zone has no target). */
  readonly crossZoneLoadBalancing: boolean;
  /** Whether the NLB's own group judges PrivateLink traffic too (article 003: on refuses it). */
  readonly enforceInboundRulesOnPrivateLinkTraffic: boolean;
}

/**
 * An internal Network Load Balancer for an endpoint service: TCP listener, one target
 * group of instances checked over HTTP. Its security group exists from creation (adding
 * one later replaces the NLB) and has no inbound rule: the service's consumers are
 * judged by their endpoints' groups, and nothing else is to reach the NLB. Health
 * checks leave through the group, so `forwardTo` writes the egress they need.
 */
export class InternalNlb extends Construct {
  readonly securityGroup: FlowSecurityGroup;
  readonly arn: string;
  private readonly port: Port;
  private readonly targetGroupArn: string;
  private readonly listener: LbListener;
  private readonly attachments: LbTargetGroupAttachment[] = [];
  private readonly provider: PrivateNetwork["provider"];

  constructor(scope: Construct, id: string, props: InternalNlbProps) {
    super(scope, id);
    this.provider = props.network.provider;
    this.port = Port.tcp(props.port);
    this.securityGroup = new FlowSecurityGroup(this, "security-group", {
      network: props.network,
      name: props.name,
      description: "Internal NLB of the endpoint service: no inbound (PrivateLink traffic is judged at the endpoints), out to its targets",
    });
    const loadBalancer = new Lb(this, "load-balancer", {
      provider: this.provider,
      namePrefix: LOAD_BALANCER_NAME_PREFIX,
      internal: true,
      loadBalancerType: "network",
      subnets: props.subnets.map(({ subnet }) => subnet.id),
      securityGroups: [this.securityGroup.id],
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic: props.enforceInboundRulesOnPrivateLinkTraffic ? "on" : "off",
      enableCrossZoneLoadBalancing: props.crossZoneLoadBalancing,
      tags: nameTag(this, props.name),
    });
    this.arn = loadBalancer.arn;

    const targetGroup = new LbTargetGroup(this, "target-group", {
      provider: this.provider,
      namePrefix: TARGET_GROUP_NAME_PREFIX,
      vpcId: props.network.vpcId,
      targetType: "instance",
      protocol: "TCP",
      port: props.port,
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: props.healthCheckPath,
        matcher: "200-399",
        interval: 30,
        timeout: 6,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
      },
      // Test servers hold no long connections; the default 300 s makes every destroy wait five minutes.
      deregistrationDelay: "30",
      lifecycle: { createBeforeDestroy: true },
      tags: nameTag(this, `${props.name}-${props.port}`),
    });
    this.targetGroupArn = targetGroup.arn;

    this.listener = new LbListener(this, "listener", {
      provider: this.provider,
      loadBalancerArn: loadBalancer.arn,
      protocol: "TCP",
      port: props.port,
      defaultAction: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      tags: nameTag(this, `${props.name}-tcp-${props.port}`),
    });
  }

  /** Registers `instances` and lets the NLB (traffic and health checks) reach the members of `targetSecurityGroup`. */
  forwardTo(targetSecurityGroup: FlowSecurityGroup, instances: readonly HardenedInstance[]): void {
    this.securityGroup.allowTo(targetSecurityGroup, this.port);
    this.attachments.push(...registerInstances(this, { targetGroupArn: this.targetGroupArn, port: this.port.fromPort, provider: this.provider }, instances));
  }

  /** What must exist before traffic can pass: the listener, the registrations and the group's rules. */
  readyForTraffic(): ITerraformDependable[] {
    return [this.listener, ...this.attachments, ...this.securityGroup.rules];
  }
}

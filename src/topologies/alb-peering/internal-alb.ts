import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Construct } from "constructs";
import type { HardenedInstance } from "../../constructs/hardened-instance";
import { nameTag } from "../../constructs/naming";
import { Port } from "../../constructs/port";
import type { PrivateNetwork, PrivateSubnet } from "../../constructs/private-network";
import { FlowSecurityGroup, type Peer } from "../../constructs/security-group";
import { registerInstances } from "../../constructs/target-registration";

/**
 * Load balancer and target group names are unique per account and region and fixed at
 * creation. Generated names (a prefix and a unique suffix) let two environments share
 * an account, and let a replaced target group (new port, new VPC) be created before the
 * old one is deleted: with a fixed name it could be neither created first (name taken)
 * nor deleted first (in use by the listener). The Name tags carry the readable names.
 */
const LOAD_BALANCER_NAME_PREFIX = "alb-";
const TARGET_GROUP_NAME_PREFIX = "tg-";

export interface InternalAlbProps {
  /** Name tag suffix of the ALB, its group and its target group. */
  readonly name: string;
  readonly network: PrivateNetwork;
  /** Subnets of the ALB's nodes, in at least two Availability Zones. */
  readonly subnets: readonly PrivateSubnet[];
  /** Port of the HTTP listener, e.g. 80. */
  readonly listenerPort: number;
  /** Port the targets serve HTTP on, e.g. 8080; the health check uses it too. */
  readonly targetPort: number;
  /** Path the health check requests; a 200 answer is healthy. */
  readonly healthCheckPath: string;
  /** Refuses deletion of the ALB while on. */
  readonly deletionProtection: boolean;
}

/**
 * An internal Application Load Balancer with an HTTP listener forwarding to one target
 * group of instances. It owns its security group: clients are admitted with
 * `allowClient`, and targets with `forwardTo`, which also writes the ALB's egress
 * (the health checks go out through it too).
 */
export class InternalAlb extends Construct {
  readonly securityGroup: FlowSecurityGroup;
  readonly dnsName: string;
  readonly zoneId: string;
  readonly listenerPort: Port;
  private readonly targetPort: Port;
  private readonly targetGroupArn: string;
  private readonly provider: PrivateNetwork["provider"];

  constructor(scope: Construct, id: string, props: InternalAlbProps) {
    super(scope, id);
    this.provider = props.network.provider;
    this.listenerPort = Port.tcp(props.listenerPort);
    this.targetPort = Port.tcp(props.targetPort);
    this.securityGroup = new FlowSecurityGroup(this, "security-group", {
      network: props.network,
      name: props.name,
      description: "Internal ALB: HTTP in from its clients, out to its targets",
    });
    const loadBalancer = new Lb(this, "load-balancer", {
      provider: this.provider,
      namePrefix: LOAD_BALANCER_NAME_PREFIX,
      internal: true,
      loadBalancerType: "application",
      subnets: props.subnets.map(({ subnet }) => subnet.id),
      securityGroups: [this.securityGroup.id],
      // A request with malformed headers is refused rather than passed to the targets (request smuggling).
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection,
      tags: nameTag(this, props.name),
    });
    this.dnsName = loadBalancer.dnsName;
    this.zoneId = loadBalancer.zoneId;

    const targetGroupTag = nameTag(this, `${props.name}-${props.targetPort}`).Name;
    const targetGroup = new LbTargetGroup(this, "target-group", {
      provider: this.provider,
      namePrefix: TARGET_GROUP_NAME_PREFIX,
      vpcId: props.network.vpcId,
      targetType: "instance",
      protocol: "HTTP",
      port: props.targetPort,
      healthCheck: {
        enabled: true,
        protocol: "HTTP",
        port: "traffic-port",
        path: props.healthCheckPath,
        matcher: "200",
        interval: 30,
        timeout: 5,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
      },
      // Test servers hold no long requests; the default 300 s makes every destroy wait five minutes.
      deregistrationDelay: "30",
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: targetGroupTag },
    });
    this.targetGroupArn = targetGroup.arn;

    new LbListener(this, "listener", {
      provider: this.provider,
      loadBalancerArn: loadBalancer.arn,
      protocol: "HTTP",
      port: props.listenerPort,
      defaultAction: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      tags: nameTag(this, `${props.name}-http-${props.listenerPort}`),
    });
  }

  /** Admits `client` to the listener; a group of this app gets the matching egress too. */
  allowClient(client: Peer): void {
    this.securityGroup.allowFrom(client, this.listenerPort);
  }

  /** Registers `instances` as targets and lets the ALB reach the members of `targetSecurityGroup` on the target port. */
  forwardTo(targetSecurityGroup: FlowSecurityGroup, instances: readonly HardenedInstance[]): void {
    this.securityGroup.allowTo(targetSecurityGroup, this.targetPort);
    registerInstances(this, { targetGroupArn: this.targetGroupArn, port: this.targetPort.fromPort, provider: this.provider }, instances);
  }
}

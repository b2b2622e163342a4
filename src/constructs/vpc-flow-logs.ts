import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { TerraformStack, type TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { exceptGuardrail } from "../guardrails/exception";
import { nameTag } from "./naming";
import { PrivateNetwork } from "./private-network";
import type { FlowLogsConfig } from "../config/flow-logs";

export interface VpcFlowLogsProps {
  readonly settings: FlowLogsConfig;
  /** Where the settings are in the configuration, e.g. `peering.flowLogs`: named in the exception when they are off. */
  readonly settingsKey: string;
  /** Prefix of the log group and role names, e.g. `privnet`. */
  readonly project: string;
  readonly networks: readonly PrivateNetwork[];
}

/** A log group and the role that lets the flow-logs service write to it, in one account. */
class FlowLogDestination extends Construct {
  readonly logGroupArn: string;
  readonly roleArn: string;
  readonly ready: IamRolePolicy;

  constructor(scope: Construct, id: string, props: { provider?: TerraformProvider; roleNamePrefix: string; logGroupName: string; localName: string; retentionDays: number }) {
    super(scope, id);
    const { provider } = props;
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      provider,
      name: props.logGroupName,
      retentionInDays: props.retentionDays,
      tags: nameTag(this, props.localName),
    });
    const account = new DataAwsCallerIdentity(this, "account", { provider });
    const role = new IamRole(this, "role", {
      provider,
      // A prefix: IAM appends a unique suffix, so stacks and accounts never clash within IAM's 64 characters.
      namePrefix: props.roleNamePrefix,
      description: "Lets VPC Flow Logs of this stack write to its log group",
      // aws:SourceAccount: only flow logs of this account may use the role (confused deputy).
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": account.accountId } },
          },
        ],
      }),
      tags: nameTag(this, props.localName),
    });
    this.ready = new IamRolePolicy(this, "write-to-log-group", {
      provider,
      role: role.name,
      name: "write-to-log-group",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: `${logGroup.arn}:*`,
          },
          // The service lists groups before it writes; the action has no resource narrower than the account's groups.
          { Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
        ],
      }),
    });
    this.logGroupArn = logGroup.arn;
    this.roleArn = role.arn;
  }
}

/**
 * VPC flow logs for every network of a stack, to CloudWatch Logs: one log group and
 * one delivery role per account (a VPC's logs stay in its own account). When the
 * settings are off, each VPC declares the `vpc-flow-logs` exception with the key that
 * turns them on, so the guardrails report says why there are none.
 */
export class VpcFlowLogs extends Construct {
  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const { settings, networks } = props;
    if (!settings.enabled) {
      for (const network of networks) {
        exceptGuardrail(
          network.vpc,
          "vpc-flow-logs",
          `flow logs are off for this stack (${props.settingsKey}.enabled = false; off unless turned on): CloudWatch Logs bills each GB ingested (docs/guardrails.md, VPC flow logs); turn them on there`,
        );
      }
      return;
    }
    const stackName = TerraformStack.of(this).node.id;
    // Two scopes, so that no VPC name can collide with a destination's id.
    const destinationScope = new Construct(this, "destinations");
    const logScope = new Construct(this, "vpcs");
    const destinations = new Map<TerraformProvider | undefined, FlowLogDestination>();
    for (const network of networks) {
      const alias = network.provider?.alias;
      let destination = destinations.get(network.provider);
      if (!destination) {
        const suffix = alias === undefined ? "" : `-${alias}`;
        destination = new FlowLogDestination(destinationScope, alias ?? "default", {
          provider: network.provider,
          roleNamePrefix: `${props.project}-flowlogs-`,
          localName: `flow-logs${suffix}`,
          logGroupName: `/${props.project}/${stackName}/vpc-flow-logs${suffix}`,
          retentionDays: settings.retentionDays,
        });
        destinations.set(network.provider, destination);
      }
      new FlowLog(logScope, network.name, {
        provider: network.provider,
        vpcId: network.vpcId,
        trafficType: settings.trafficType,
        logDestinationType: "cloud-watch-logs",
        logDestination: destination.logGroupArn,
        iamRoleArn: destination.roleArn,
        // One minute instead of ten: a flow under test shows up while one still looks.
        maxAggregationInterval: 60,
        tags: nameTag(this, `${network.name}-flow-log`),
        dependsOn: [destination.ready],
      });
    }
  }
}

/**
 * Flow logs for every VPC the stack has built so far, or the exception that says
 * they are off and where to turn them on. Call it last, once every network exists.
 */
export function recordFlowLogs(stack: TerraformStack, settings: FlowLogsConfig, settingsKey: string, project: string): void {
  const networks = stack.node.findAll().filter((construct): construct is PrivateNetwork => construct instanceof PrivateNetwork);
  new VpcFlowLogs(stack, "flow-logs", { settings, settingsKey, project, networks });
}

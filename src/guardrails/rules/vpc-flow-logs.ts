import type { GuardrailRule } from "../rule";

export const vpcFlowLogs: GuardrailRule = {
  id: "vpc-flow-logs",
  title: "Every VPC records flow logs",
  controls: ["checkov CKV2_AWS_11", "AWS FSBP EC2.6", "CIS AWS v1.4.0 3.9"],
  rationale: "Flow logs are the only record of which connections a security group or ACL rejected; without them an incident, or a flow that does not work, leaves no trace.",
  fix: "turn on <stack section>.flowLogs.enabled in the configuration (docs/guardrails.md, VPC flow logs), or add an aws_flow_log whose vpc_id refers to the VPC",
  countJudged({ model }) {
    return model.vpcs.size;
  },
  check({ context, model }) {
    const logged = new Set(context.blocks("aws_flow_log").map((block) => context.idOf(block.body["vpc_id"], "aws_vpc")).filter((vpc) => typeof vpc === "string"));
    return [...model.vpcs.values()].filter((vpc) => !logged.has(vpc.address)).map((vpc) => ({ address: vpc.address, problem: "no aws_flow_log refers to this VPC" }));
  },
};

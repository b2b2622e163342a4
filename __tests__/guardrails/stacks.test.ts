import { describe, expect, it } from "vitest";
import { checkGuardrails } from "../../src/guardrails/check";
import type { TerraformJson } from "../../src/terraform-json/read";
import { EVERYTHING_ON } from "../support/everything-on";
import { ref, resourceNamed, resourcesOf, synthStack, writtenStacks } from "../support/synth";
import { STACK_NAMES } from "../../src/topologies/registry";

const asWritten = writtenStacks();
const everythingOn = writtenStacks(EVERYTHING_ON);

function guardrailsOf(name: string, stacks: Map<string, unknown> = asWritten) {
  return { result: checkGuardrails(stacks.get(name) as TerraformJson, name) };
}

describe("guardrails on this project's stacks", () => {
  it.each(STACK_NAMES)("%s, as the articles configure it, breaks no rule and carries no unused exception", (name) => {
    const { result } = guardrailsOf(name);
    expect(result.violations.map((finding) => `${finding.rule.id} ${finding.address}: ${finding.problem}`)).toEqual([]);
    expect(result.invalidExceptions).toEqual([]);
    expect(result.unusedExceptions).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(STACK_NAMES)("%s, with every option on and other accounts, breaks no rule and carries no unused exception", (name) => {
    const { result } = guardrailsOf(name, everythingOn);
    expect(result.violations.map((finding) => `${finding.rule.id} ${finding.address}: ${finding.problem}`)).toEqual([]);
    expect(result.unusedExceptions).toEqual([]);
  });

  it("explains every default exception: flow logs off, named with the key that turns them on", () => {
    const reasons = STACK_NAMES.flatMap((name) => guardrailsOf(name).result.excepted.map((finding) => `${name} ${finding.rule.id} ${finding.address.split(".")[0]}: ${finding.reason}`));
    expect(reasons).toHaveLength(10);
    for (const reason of reasons) {
      expect(reason).toMatch(/^\S+ vpc-flow-logs aws_vpc: flow logs are off for this stack \((peering|endpointSharing|privatelink|albPeering)\.flowLogs\.enabled = false; off unless turned on\)/);
    }
  });

  it("declares the NAT gateway's Elastic IP as the one public address, with its reason", () => {
    const { result } = guardrailsOf("privatelink", everythingOn);
    const excepted = result.excepted.map((finding) => [finding.rule.id, finding.label, finding.reason]).sort((a, b) => a[1]!.localeCompare(b[1]!));
    expect(excepted).toEqual([
      ["no-public-ip", "privatelink-dev-nat", expect.stringMatching(/^the NAT gateway's own address, asked for with natGateway = true/)],
      ["no-public-ip", "privatelink-shared-nat", expect.stringMatching(/^the NAT gateway's own address, asked for with natGateway = true/)],
    ]);
  });
});

describe("flow logs, when a stack turns them on", () => {
  it("logs every VPC to a log group of its own account, through a role only that account's flow logs may assume", () => {
    const { json } = synthStack("alb-peering", EVERYTHING_ON);
    const foo = resourceNamed(json, "aws_vpc", "alb-peering-foo");
    const bar = resourceNamed(json, "aws_vpc", "alb-peering-bar");
    const groups = resourcesOf(json, "aws_cloudwatch_log_group");
    const roles = resourcesOf(json, "aws_iam_role");
    const logs = Object.values(resourcesOf(json, "aws_flow_log"));
    const groupNamed = (name: string) => `aws_cloudwatch_log_group.${Object.entries(groups).find(([, group]) => group.name === name)![0]}`;
    const defaultGroup = groupNamed("/privnet/alb-peering/vpc-flow-logs");
    const otherGroup = groupNamed("/privnet/alb-peering/vpc-flow-logs-accepter-account");
    expect(groups[otherGroup.split(".")[1]!]).toMatchObject({ retention_in_days: 365, provider: "aws.accepter-account" });
    expect(groups[defaultGroup.split(".")[1]!]).toMatchObject({ retention_in_days: 365 });
    expect(groups[defaultGroup.split(".")[1]!].provider).toBeUndefined();
    expect(logs.map((log) => [log.vpc_id, log.traffic_type, log.log_destination_type, log.log_destination, log.max_aggregation_interval, log.provider]).sort()).toEqual([
      [ref(bar.address), "ALL", "cloud-watch-logs", ref(defaultGroup, "arn"), 60, undefined],
      [ref(foo.address), "ALL", "cloud-watch-logs", ref(otherGroup, "arn"), 60, "aws.accepter-account"],
    ]);
    const trust = JSON.parse(Object.values(roles).find((role) => role.provider === undefined && role.name_prefix === "privnet-flowlogs-")!.assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": expect.stringMatching(/^\$\{data\.aws_caller_identity\..+\.account_id\}$/) } },
      },
    ]);
    const policy = Object.values(resourcesOf(json, "aws_iam_role_policy")).find((candidate) => candidate.provider === undefined)!;
    expect(JSON.parse(policy.policy).Statement).toEqual([
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: `${ref(defaultGroup, "arn")}:*` },
      { Effect: "Allow", Action: "logs:DescribeLogGroups", Resource: "*" },
    ]);
  });

  it("records only rejected traffic, kept 30 days, when configured so", () => {
    const { json } = synthStack("peering", { peering: { flowLogs: { enabled: true, trafficType: "REJECT", retentionDays: 30 } } });
    expect(Object.values(resourcesOf(json, "aws_flow_log")).map((log) => log.traffic_type)).toEqual(["REJECT", "REJECT"]);
    expect(Object.values(resourcesOf(json, "aws_cloudwatch_log_group")).map((group) => group.retention_in_days)).toEqual([30]);
  });
});

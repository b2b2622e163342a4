import { describe, expect, it } from "vitest";
import { driftReport } from "../../src/operations/drift/drift-report";
import { renderDriftMarkdown, renderDriftText } from "../../src/operations/drift/render";
import type { StateResource } from "../../src/terraform-json/state";
import { deployedFixture } from "../support/deployed";
import { deployedResources as deployedState, driftBetween, refreshedAfterDeploy, resourceNamed } from "../support/refreshed";

type Edit = (resources: StateResource[]) => StateResource[];

/**
 * The drift a refresh finds after `gone` removed resources from AWS (the refresh fills
 * the lists from what is left, as AWS reports it) and `edit` changed what it reads.
 */
function drift(stack: "peering" | "endpoint-sharing", gone: Edit = (same) => same, edit: Edit = (same) => same) {
  const fixture = deployedFixture(stack);
  const recorded = deployedState(stack);
  const refreshed = edit(refreshedAfterDeploy(gone(recorded)));
  return driftReport({
    stack,
    recorded,
    refreshed,
    drift: driftBetween(recorded, refreshed),
    synthesized: fixture.synthesized,
    flows: fixture.flows,
  });
}

const without = (address: string) => (resources: StateResource[]) => resources.filter((resource) => resource.address !== address);

function withIngress(group: StateResource, entry: Record<string, unknown>) {
  return (resources: StateResource[]) =>
    resources.map((resource) =>
      resource.address === group.address ? { ...resource, values: { ...resource.values, ingress: [...(resource.values["ingress"] as unknown[]), entry] } } : resource,
    );
}

const handMadeSsh = {
  cidr_blocks: ["0.0.0.0/0"],
  description: "added in the console",
  from_port: 22,
  ipv6_cidr_blocks: [],
  prefix_list_ids: [],
  protocol: "tcp",
  security_groups: [],
  self: false,
  to_port: 22,
};

describe("drift of a deployed stack, in network terms", () => {
  it("finds none right after a deploy, although the refresh fills every group, route table, zone and role with what the stack's own resources put there", () => {
    const recorded = deployedState("endpoint-sharing");
    const refreshed = refreshedAfterDeploy(recorded);
    // The refresh did change what the state holds: the lists are there, and Terraform reports them.
    expect(driftBetween(recorded, refreshed).map((entry) => entry.type)).toEqual(expect.arrayContaining(["aws_security_group", "aws_route_table", "aws_route53_zone", "aws_iam_role", "aws_route53_record"]));
    for (const stack of ["peering", "endpoint-sharing"] as const) {
      const report = drift(stack);
      expect([stack, report.drifted, report.resources, report.opened, report.closed]).toEqual([stack, false, [], [], []]);
    }
  });

  it("reads a rule deleted outside Terraform as the intended ping it closed", () => {
    const rule = resourceNamed(deployedState("peering"), "aws_vpc_security_group_ingress_rule", "sg2_ingress-icmp");
    const report = drift("peering", without(rule.address));
    expect(report.drifted).toBe(true);
    expect(report.resources).toEqual([{ address: rule.address, constructPath: "peering/sg2/ingress-icmp-from-sg1", change: "deleted", attributes: [] }]);
    const closed = report.closed.filter((flow) => flow.expectation === "intended");
    expect(closed.map((flow) => `${flow.from} -> ${flow.to} ${flow.traffic}`)).toEqual(["peering-ec2-1 -> peering-ec2-2 icmp"]);
    expect(closed[0]!.cause.map((cause) => [cause.address, cause.change])).toEqual([[rule.address, "removed"]]);
    expect(closed[0]!.reason.head).toMatch(/peering-sg2 has no ingress rule for icmp/);
    expect(report.opened).toEqual([]);
  });

  it("counts a rule added by hand, which no resource of the stack manages, and names the flows it opened that must not be", () => {
    const group = resourceNamed(deployedState("peering"), "aws_security_group", "sg2_group");
    const report = drift("peering", undefined, withIngress(group, handMadeSsh));
    expect(report.resources).toEqual([{ address: group.address, constructPath: "peering/sg2/group", change: "changed", attributes: [{ attribute: "ingress", added: ["ingress tcp/22 from 0.0.0.0/0"] }] }]);
    const mustNot = report.opened.filter((flow) => flow.expectation === "must-not");
    expect(mustNot.length).toBeGreaterThan(0);
    expect(mustNot.every((flow) => flow.to === "peering-ec2-2" && flow.traffic === "tcp/22")).toBe(true);
    expect(mustNot.map((flow) => flow.from)).toContain("any other host in peering-private2");
    expect(mustNot[0]!.cause.map((cause) => cause.address)).toEqual([group.address]);
    expect(renderDriftText(report)).toMatch(/^peering: 1 resource drifted; flows \d+ opened \(\d+ MUST-NOT\)/);
    expect(renderDriftText(report)).toContain("ingress: + ingress tcp/22 from 0.0.0.0/0");
    expect(renderDriftMarkdown(report)).toContain(":warning: **must-not**");
  });

  it("keeps counting a rule added by hand once an apply has recorded it (a deploy leaves it in place), and none once it is removed", () => {
    const recorded = deployedState("peering");
    const group = resourceNamed(recorded, "aws_security_group", "sg2_group");
    // The redeploy recorded what it read: the hand-made rule is now in the state too.
    const redeployed = withIngress(group, handMadeSsh)(refreshedAfterDeploy(recorded));
    const fixture = deployedFixture("peering");
    const report = driftReport({ stack: "peering", recorded: redeployed, refreshed: redeployed, drift: [], synthesized: fixture.synthesized, flows: fixture.flows });
    expect(report.drifted).toBe(true);
    expect(report.resources).toEqual([]);
    expect(report.standing).toEqual([{ address: group.address, constructPath: "peering/sg2/group", attribute: "ingress", entries: ["ingress tcp/22 from 0.0.0.0/0"] }]);
    expect(report.opened.filter((flow) => flow.expectation === "must-not").map((flow) => flow.traffic)).toContain("tcp/22");
    expect(report.closed).toEqual([]);
    expect(renderDriftText(report)).toMatch(/^peering: 0 resources drifted, 1 entry standing outside the code; flows/);
    expect(renderDriftText(report)).toContain("a deploy does not remove it");
    const cleaned = refreshedAfterDeploy(recorded);
    const none = driftReport({ stack: "peering", recorded: cleaned, refreshed: cleaned, drift: [], synthesized: fixture.synthesized, flows: fixture.flows });
    expect([none.drifted, none.standing, none.opened]).toEqual([false, [], []]);
  });

  it("finds none after a deploy that removed a rule from the code, although the group the apply recorded still lists it", () => {
    const fixture = deployedFixture("peering");
    const before = deployedState("peering");
    const rule = resourceNamed(before, "aws_vpc_security_group_ingress_rule", "sg2_ingress-icmp");
    // The apply read the group (rule and all), then destroyed the rule's resource.
    const recorded = refreshedAfterDeploy(before).filter((resource) => resource.address !== rule.address);
    const refreshed = refreshedAfterDeploy(before.filter((resource) => resource.address !== rule.address));
    const report = driftReport({ stack: "peering", recorded, refreshed, drift: driftBetween(recorded, refreshed), synthesized: fixture.synthesized, flows: fixture.flows });
    expect([report.drifted, report.resources, report.standing, report.closed, report.opened]).toEqual([false, [], [], [], []]);
  });

  it("reads a private zone's association removed by hand as the spoke's names no longer resolving to the hub's endpoints", () => {
    const association = deployedState("endpoint-sharing").find((resource) => resource.type === "aws_route53_zone_association")!;
    const report = drift("endpoint-sharing", without(association.address));
    expect(report.resources.map((resource) => [resource.address, resource.change])).toEqual([[association.address, "deleted"]]);
    const closed = report.closed.filter((flow) => flow.expectation === "intended");
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.every((flow) => /\.amazonaws\.com$/.test(flow.to) && flow.traffic === "tcp/443")).toBe(true);
    expect(closed[0]!.cause.map((cause) => cause.address)).toContain(association.address);
  });

  it("lists a changed value, never a sensitive one", () => {
    const recorded = deployedState("peering");
    const instance = resourceNamed(recorded, "aws_instance", "ec2-2");
    const refreshed = refreshedAfterDeploy(recorded).map((resource) => (resource.address === instance.address ? { ...resource, values: { ...resource.values, instance_type: "t3.large", user_data: "changed" } } : resource));
    const entries = driftBetween(recorded, refreshed).map((entry) => (entry.address === instance.address ? { ...entry, sensitive: ["user_data"] } : entry));
    const report = driftReport({ stack: "peering", recorded, refreshed, drift: entries });
    const attributes = report.resources.find((resource) => resource.address === instance.address)!.attributes;
    expect(attributes).toEqual([
      { attribute: "instance_type", before: "t2.micro", after: "t3.large" },
      { attribute: "user_data", sensitive: true },
    ]);
    expect(renderDriftText(report)).not.toContain("changed\n");
    expect(renderDriftText(report)).toContain("user_data: changed (sensitive, not shown)");
  });
});

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesize, synthesizeStacks } from "../../src/app";
import { countLimits, type LimitFinding } from "../../src/limits/count-limits";
import { formatLimitFinding, LimitError } from "../../src/limits/report";
import { expectOneIssue } from "../support/config-issues";
import type { TerraformJson } from "../../src/terraform-json/read";
import { configWith, synthStack, tempDir } from "../support/synth";

const findingsWith = (overrides: unknown = {}): LimitFinding[] => countLimits(synthesizeStacks(configWith(overrides)));

function spokes(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    name: `spoke-${index + 1}`,
    cidr: `10.${Math.floor(index / 256)}.${index % 256}.0/24`,
    subnets: [{ name: `spoke-${index + 1}-a`, cidr: `10.${Math.floor(index / 256)}.${index % 256}.0/26`, availabilityZone: "a" }],
    instanceName: `spoke-${index + 1}-ec2`,
  }));
}

describe("AWS limits, counted at synth", () => {
  it("warns at the defaults only that the stacks together need 10 VPCs against a default quota of 5, with its code and how to raise it", () => {
    const findings = findingsWith();
    expect(findings.map((finding) => [finding.limit, finding.count, finding.refused])).toEqual([["vpcsPerRegion", 10, false]]);
    expect(formatLimitFinding(findings[0]!)).toBe(
      "peering, endpoint-sharing, privatelink, alb-peering, deployed together in the deploying account and one Region, need 10 VPCs per Region, over the default quota of 5 (Service Quotas vpc L-F678F1CE); raise it first to 11 (10 and the default VPC, where it still exists): aws service-quotas request-service-quota-increase --service-code vpc --quota-code L-F678F1CE --desired-value 11.",
    );
  });

  it("puts the warnings where cdktf prints them: the annotations of the stack past the limit, in the manifest", () => {
    const dir = tempDir();
    const configFile = join(dir, "privnet.json");
    writeFileSync(configFile, JSON.stringify({ endpointSharing: { spokes: spokes(60) } }));
    const { warnings } = synthesize({ env: { PRIVNET_CONFIG: configFile }, outdir: join(dir, "out"), cdktfCommand: { name: "synth", stacks: [] } });
    const rules = warnings.find((warning) => warning.stacks.join() === "endpoint-sharing" && warning.message.includes("rules per security group"))!;
    const manifest = JSON.parse(readFileSync(join(dir, "out", "manifest.json"), "utf8"));
    expect(manifest.stacks["endpoint-sharing"].annotations).toContainEqual({ constructPath: "endpoint-sharing", level: "@cdktf/warn", message: rules.message });
  });

  it("warns about the rules and routes 125 peered spokes give the hub", () => {
    const json = synthStack("endpoint-sharing", { endpointSharing: { spokes: spokes(125) } }).json as TerraformJson;
    const findings = countLimits([{ name: "endpoint-sharing", json }]).filter((finding) => finding.limit !== "vpcsPerRegion");
    expect(findings.find((finding) => finding.limit === "rulesPerSecurityGroup" && finding.scope.endsWith("(inbound, IPv4)"))).toMatchObject({ count: 126, refused: false });
    expect(findings.filter((finding) => finding.limit === "routesPerRouteTable").map((finding) => finding.count)).toContain(125);
    expect(findings.every((finding) => !finding.refused)).toBe(true);
  });

  it("counts a group's IPv4 and IPv6 rules apart, as AWS does, and a group or prefix-list peer in both, a prefix list by its maximum entries", () => {
    const rule = (peer: Record<string, unknown>) => ({ security_group_id: "${aws_security_group.web.id}", ip_protocol: "tcp", from_port: 443, to_port: 443, ...peer });
    const rules = (count: number, peer: (index: number) => Record<string, unknown>) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`${String(peer(index)["cidr_ipv4"] ? "v4" : peer(index)["cidr_ipv6"] ? "v6" : "other")}-${index}`, rule(peer(index))]));
    const stack = (ingress: Record<string, unknown>) =>
      ({
        resource: {
          aws_vpc: { a: { cidr_block: "10.0.0.0/16" } },
          aws_security_group: { web: { vpc_id: "${aws_vpc.a.id}" }, peer: { vpc_id: "${aws_vpc.a.id}" } },
          aws_ec2_managed_prefix_list: { offices: { name: "offices", address_family: "IPv4", max_entries: 20 } },
          aws_vpc_security_group_ingress_rule: ingress,
        },
      }) as unknown as TerraformJson;
    const ruleFindings = (json: TerraformJson) => countLimits([{ name: "hand-written", json }]).filter((finding) => finding.limit === "rulesPerSecurityGroup").map((finding) => [finding.scope, finding.count]);
    const v4 = (index: number) => ({ cidr_ipv4: `10.1.${index}.0/24` });
    const v6 = (index: number) => ({ cidr_ipv6: `2001:db8:${index.toString(16)}::/48` });

    expect(ruleFindings(stack({ ...rules(40, v4), ...rules(40, v6) }))).toEqual([]);
    expect(ruleFindings(stack({ ...rules(50, v4), ...rules(11, () => ({ referenced_security_group_id: "${aws_security_group.peer.id}" })) }))).toEqual([["aws_security_group.web (inbound, IPv4)", 61]]);
    expect(ruleFindings(stack({ ...rules(45, v4), list: rule({ prefix_list_id: "${aws_ec2_managed_prefix_list.offices.id}" }) }))).toEqual([["aws_security_group.web (inbound, IPv4)", 65]]);
    expect(ruleFindings(stack({ ...rules(50, v6), ...rules(11, () => ({ referenced_security_group_id: "${aws_security_group.peer.id}" })) }))).toEqual([["aws_security_group.web (inbound, IPv6)", 61]]);
    expect(ruleFindings(stack({ ...rules(45, v6), list: rule({ prefix_list_id: "${aws_ec2_managed_prefix_list.offices.id}" }) }))).toEqual([["aws_security_group.web (inbound, IPv6)", 65]]);
  });

  it("refuses before building a spoke count the endpoints' group cannot take", () => {
    expectOneIssue(
      { endpointSharing: { transport: "transit-gateway", spokes: spokes(7300) } },
      "endpointSharing.spokes",
      "7300 spokes",
      /at most 1000 even with quota L-0EA8095F raised; at most 999 spokes/,
    );
  });

  it("warns when the stacks together need more Instance Connect endpoints than one account and Region may have", () => {
    const consumer = (name: string) => ({ name, cidr: "10.0.0.0/16", subnets: [{ name: `${name}-private-a`, cidr: "10.0.1.0/24", availabilityZone: "a" }], clientSubnet: `${name}-private-a`, endpointSubnets: [`${name}-private-a`] });
    const finding = findingsWith({ privatelink: { consumers: ["dev", "stg", "prod", "qa"].map(consumer) } }).find((candidate) => candidate.limit === "instanceConnectEndpointsPerRegion");
    expect(finding).toMatchObject({ count: 6, refused: false, stacks: ["peering", "privatelink", "alb-peering"] });
    expect(formatLimitFinding(finding!)).toContain("over 5, which cannot be raised: deploy some of them in another account or Region");
  });

  it("refuses more than 46 tags of your own before building: with Project, Stack, ManagedBy and Name, AWS's 50 per resource", () => {
    const tags = Object.fromEntries(Array.from({ length: 47 }, (_, index) => [`team-${index}`, "x"]));
    expectOneIssue({ tags }, "tags", "47 tags", /give every resource 51 tags with Project, Stack, ManagedBy, Name, and AWS allows 50 per resource; list at most 46 of your own/);
  });

  it("refuses, on the synthesized JSON, a resource whose default and own tags pass 50, and writes nothing", () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`own-${index}`, "x"]));
    const defaults = Object.fromEntries(Array.from({ length: 21 }, (_, index) => [`default-${index}`, "x"]));
    const json = { provider: { aws: [{ default_tags: [{ tags: defaults }] }] }, resource: { aws_vpc: { big: { cidr_block: "10.0.0.0/16", tags: many } } } } as unknown as TerraformJson;
    const [finding] = countLimits([{ name: "hand-written", json }]);
    expect(finding).toMatchObject({ limit: "tagsPerResource", scope: "aws_vpc.big", count: 51, refused: true });
    expect(new LimitError([finding!]).message).toBe(
      "AWS limits: the configuration needs more than AWS allows; nothing was written.\n  - hand-written: aws_vpc.big needs 51 tags per resource; AWS allows 50, a limit that cannot be raised.",
    );
  });

  it("refuses one stack that alone needs more Instance Connect endpoints than an account may have in a Region", () => {
    const consumer = (name: string) => ({ name, cidr: "10.0.0.0/16", subnets: [{ name: `${name}-private-a`, cidr: "10.0.1.0/24", availabilityZone: "a" }], clientSubnet: `${name}-private-a`, endpointSubnets: [`${name}-private-a`] });
    const findings = findingsWith({ privatelink: { consumers: ["c1", "c2", "c3", "c4", "c5", "c6"].map(consumer) } }).filter((finding) => finding.limit === "instanceConnectEndpointsPerRegion");
    expect(findings).toContainEqual(expect.objectContaining({ stacks: ["privatelink"], count: 6, refused: true }));
  });

  it("says past 200 rules per group that the groups-per-interface quota must come down too", () => {
    expect(formatLimitFinding({ limit: "rulesPerSecurityGroup", stacks: ["endpoint-sharing"], scope: "aws_security_group.x (inbound)", count: 300, refused: false })).toContain("lower that quota too (vpc L-2AFB9258, 5 by default)");
  });

  it("takes 46 tags of your own: with Project, Stack, ManagedBy and Name that is 50", () => {
    const tags = Object.fromEntries(Array.from({ length: 46 }, (_, index) => [`team-${index}`, "x"]));
    expect(findingsWith({ tags }).filter((finding) => finding.limit === "tagsPerResource")).toEqual([]);
  });
});

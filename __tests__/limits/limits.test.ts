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
      "peering, endpoint-sharing, privatelink, alb-peering, deployed together in the deploying account and one Region, need 10 VPCs per Region (the default VPC, where it still exists, is one more), over the default quota of 5 (Service Quotas vpc L-F678F1CE); raise it first: aws service-quotas request-service-quota-increase --service-code vpc --quota-code L-F678F1CE --desired-value 10.",
    );
  });

  it("puts the warnings where cdktf prints them: the stack's annotations in the manifest", () => {
    const dir = tempDir();
    const { warnings } = synthesize({ env: {}, outdir: join(dir, "out") });
    const manifest = JSON.parse(readFileSync(join(dir, "out", "manifest.json"), "utf8"));
    expect(manifest.stacks.peering.annotations).toContainEqual({ constructPath: "peering", level: "@cdktf/warn", message: warnings[0]!.message });
  });

  it("warns about the rules and routes 125 peered spokes give the hub", { timeout: 60_000 }, () => {
    const json = synthStack("endpoint-sharing", { endpointSharing: { spokes: spokes(125) } }).json as TerraformJson;
    const findings = countLimits([{ name: "endpoint-sharing", json }]).filter((finding) => finding.limit !== "vpcsPerRegion");
    expect(findings.find((finding) => finding.limit === "rulesPerSecurityGroup" && finding.scope.endsWith("(inbound)"))).toMatchObject({ count: 126, refused: false });
    expect(findings.filter((finding) => finding.limit === "routesPerRouteTable").map((finding) => finding.count)).toContain(125);
    expect(findings.every((finding) => !finding.refused)).toBe(true);
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

  it("refuses a resource with more than 50 tags, counting the default tags and its own, and writes nothing", () => {
    const tags = Object.fromEntries(Array.from({ length: 47 }, (_, index) => [`team-${index}`, "x"]));
    const file = join(tempDir(), "privnet.json");
    writeFileSync(file, JSON.stringify({ tags }));
    const outdir = join(tempDir(), "out");
    let error: unknown;
    try {
      synthesize({ env: { PRIVNET_CONFIG: file }, outdir });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LimitError);
    expect((error as LimitError).message).toMatch(/^AWS limits: the configuration needs more than AWS allows; nothing was written\./);
    expect((error as LimitError).message).toMatch(/needs 51 tags per resource; AWS allows 50, a limit that cannot be raised\./);
    expect(() => readFileSync(join(outdir, "manifest.json"))).toThrow();
  });

  it("takes 46 tags of your own: with Project, Stack, ManagedBy and Name that is 50", () => {
    const tags = Object.fromEntries(Array.from({ length: 46 }, (_, index) => [`team-${index}`, "x"]));
    expect(findingsWith({ tags }).filter((finding) => finding.limit === "tagsPerResource")).toEqual([]);
  });
});

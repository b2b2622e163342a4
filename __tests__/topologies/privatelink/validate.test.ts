import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/config/errors";
import { resourcesOf, synthStack } from "../../support/synth";
import { expectOneIssue as expectOneIssueIn, issuesWith as issuesOf } from "../../support/config-issues";
import { DEFAULT_CONFIG, mergeOverrides, findConfigIssues } from "../../../src/topologies/project-config";

/** Issues of the configuration with `privatelink` overridden. */
const issuesWith = (privatelink: unknown) => issuesOf({ privatelink });
/** Asserts exactly one issue, naming the key and the value, with the rule's words. */
const expectOneIssue = (privatelink: unknown, key: string, value: unknown, rule: RegExp) => expectOneIssueIn({ privatelink }, key, value, rule);

const subnet = (name: string, cidr: string, availabilityZone: string) => ({ name, cidr, availabilityZone });
const consumer = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  cidr: "10.0.0.0/16",
  subnets: [subnet(`${name}-private`, "10.0.1.0/24", "a")],
  clientSubnet: `${name}-private`,
  endpointSubnets: [`${name}-private`],
  ...overrides,
});
const byZoneId = {
  subnets: [subnet("shared-private-a", "172.16.1.0/24", "apne1-az4"), subnet("shared-private-c", "172.16.2.0/24", "apne1-az1")],
};

describe("privatelink configuration", () => {
  it("accepts the article defaults, whose three consumers share one block on purpose", () => {
    expect(findConfigIssues(DEFAULT_CONFIG)).toEqual([]);
    expect(new Set(DEFAULT_CONFIG.privatelink.consumers.map((entry) => entry.cidr))).toEqual(new Set(["10.0.0.0/16"]));
  });

  it("refuses a consumer whose role ARN carries a malformed account id", () => {
    expectOneIssue(
      { service: byZoneId, consumers: [consumer("dev", { subnets: [subnet("dev-private", "10.0.1.0/24", "apne1-az4")], assumeRoleArn: "arn:aws:iam::12345:role/deploy" })] },
      "privatelink.consumers[0].assumeRoleArn",
      "arn:aws:iam::12345:role/deploy",
      /must be an IAM role ARN such as arn:aws:iam::111122223333:role/,
    );
  });

  it("refuses two consumers with one name", () => {
    expectOneIssue({ consumers: [consumer("dev"), consumer("dev")] }, "privatelink.consumers[1].name", "dev", /duplicates the name at privatelink\.consumers\[0\]\.name/);
  });

  it("refuses a consumer subnet outside the consumer's block", () => {
    expectOneIssue(
      { consumers: [consumer("dev", { subnets: [subnet("dev-private", "10.1.1.0/24", "a")] })] },
      "privatelink.consumers[0].subnets[0].cidr",
      "10.1.1.0/24",
      /must lie inside privatelink\.consumers\[0\]\.cidr \(10\.0\.0\.0\/16\)/,
    );
  });

  it("refuses an endpoint in a zone where the service's NLB has no node", () => {
    expectOneIssue(
      { consumers: [consumer("dev", { subnets: [subnet("dev-private", "10.0.1.0/24", "d")] })] },
      "privatelink.consumers[0].endpointSubnets[0]",
      "dev-private",
      /is in zone d, where the service's NLB has no node \(it serves a, c\); PrivateLink connects an endpoint only to the NLB node in its own zone/,
    );
  });

  it("refuses zone letters for a consumer in another account, where a letter names another zone", () => {
    expectOneIssue(
      { consumers: [consumer("dev", { assumeRoleArn: "arn:aws:iam::111122223333:role/deploy" })] },
      "privatelink.consumers[0].endpointSubnets[0]",
      "dev-private",
      /zone letter "a", but dev is another account \(assumeRoleArn\).*give Availability Zone IDs \(e\.g\. apne1-az4\) here and in privatelink\.service\.subnets/,
    );
  });

  it("refuses comparing a zone ID with zone letters, and accepts IDs on both sides", () => {
    expectOneIssue(
      { consumers: [consumer("dev", { subnets: [subnet("dev-private", "10.0.1.0/24", "apne1-az4")] })] },
      "privatelink.consumers[0].endpointSubnets[0]",
      "dev-private",
      /privatelink\.service\.subnets give their zones as letters; write both sides in one form/,
    );
    expect(issuesWith({ service: byZoneId, consumers: [consumer("dev", { subnets: [subnet("dev-private", "10.0.1.0/24", "apne1-az1")] })] })).toEqual([]);
    expectOneIssue(
      { service: byZoneId, consumers: [consumer("dev", { subnets: [subnet("dev-private", "10.0.1.0/24", "apne1-az2")] })] },
      "privatelink.consumers[0].endpointSubnets[0]",
      "dev-private",
      /is in zone apne1-az2, where the service's NLB has no node \(it serves apne1-az4, apne1-az1\)/,
    );
  });

  it("refuses a zone ID of another region and a zone that is neither a letter nor an ID", () => {
    expect(issuesWith({ service: byZoneId, consumers: [consumer("dev", { subnets: [subnet("dev-private", "10.0.1.0/24", "use1-az4")] })] })).toContainEqual({
      key: "privatelink.consumers[0].subnets[0].availabilityZone",
      value: "use1-az4",
      rule: "is not an Availability Zone ID of ap-northeast-1, whose IDs start with apne1-",
    });
    const issues = issuesWith({ consumers: [consumer("dev", { subnets: [subnet("dev-private", "10.0.1.0/24", "zone-1")] })] });
    expect(issues[0]).toMatchObject({ key: "privatelink.consumers[0].subnets[0].availabilityZone", value: "zone-1" });
    expect(issues[0]!.rule).toMatch(/must be a zone letter such as "a" .* or an Availability Zone ID such as "apne1-az4"/);
  });

  it("refuses two NLB subnets in one zone, and two endpoint subnets in one zone", () => {
    expectOneIssue(
      { service: { subnets: [subnet("shared-private-a", "172.16.1.0/24", "a"), subnet("shared-private-c", "172.16.2.0/24", "a")], serverSubnet: "shared-private-a" } },
      "privatelink.service.subnets[1].availabilityZone",
      "a",
      /repeats the zone of privatelink\.service\.subnets\[0\]: an NLB takes one subnet per Availability Zone/,
    );
    expectOneIssue(
      { consumers: [consumer("dev", { subnets: [subnet("dev-1", "10.0.1.0/24", "a"), subnet("dev-2", "10.0.2.0/24", "a")], clientSubnet: "dev-1", endpointSubnets: ["dev-1", "dev-2"] })] },
      "privatelink.consumers[0].endpointSubnets[1]",
      "dev-2",
      /is in zone a like privatelink\.consumers\[0\]\.endpointSubnets\[0\]: an endpoint takes one subnet per zone/,
    );
  });

  it("refuses a client or server subnet the VPC does not have", () => {
    expectOneIssue({ consumers: [consumer("dev", { clientSubnet: "dev-public" })] }, "privatelink.consumers[0].clientSubnet", "dev-public", /must name one of privatelink\.consumers\[0\]\.subnets \(dev-private\)/);
    expectOneIssue({ service: { serverSubnet: "shared-private-d" } }, "privatelink.service.serverSubnet", "shared-private-d", /must name one of privatelink\.service\.subnets \(shared-private-a, shared-private-c\)/);
  });

  it("refuses a NAT gateway without a public subnet, and public subnets without a NAT gateway", () => {
    expectOneIssue({ service: { natGateway: true } }, "privatelink.service.publicSubnets", [], /must list a public subnet for the NAT gateway/);
    expectOneIssue(
      { consumers: [consumer("dev", { publicSubnets: [subnet("dev-public", "10.0.0.0/24", "a")] })] },
      "privatelink.consumers[0].publicSubnets",
      ["dev-public"],
      /hold only the NAT gateway, and privatelink\.consumers\[0\]\.natGateway is false/,
    );
  });

  it("refuses a public subnet named like a part of the NAT egress or one of its routes", () => {
    expectOneIssue(
      { service: { natGateway: true, publicSubnets: [subnet("address", "172.16.100.0/24", "a")] } },
      "privatelink.service.publicSubnets[0].name",
      "address",
      /is a name the stack uses itself/,
    );
    expectOneIssue(
      { service: { natGateway: true, publicSubnets: [subnet("shared-private-a-nat-route", "172.16.100.0/24", "a")] } },
      "privatelink.service.publicSubnets[0].name",
      "shared-private-a-nat-route",
      /must not end with -nat-route: the NAT egress names its routes <subnet>-nat-route/,
    );
  });

  it("refuses a zone ID the region does not offer new accounts", () => {
    expect(issuesWith({ service: byZoneId, consumers: [consumer("dev", { subnets: [subnet("dev-private", "10.0.1.0/24", "apne1-az3")] })] })).toContainEqual({
      key: "privatelink.consumers[0].subnets[0].availabilityZone",
      value: "apne1-az3",
      rule: "is not an Availability Zone ID of ap-northeast-1 open to new accounts (use one of apne1-az1, apne1-az2, apne1-az4)",
    });
  });

  it("refuses the SSH port for the service, and a server named like a consumer's client", () => {
    expectOneIssue({ endpointService: { port: 22 } }, "privatelink.endpointService.port", 22, /is where sshd listens on the web server/);
    expectOneIssue({ service: { serverName: "dev-client" } }, "privatelink.service.serverName", "dev-client", /is the name of consumer dev's client instance/);
  });

  it("refuses a consumer name that starts with a digit: Terraform addresses and provider aliases must start with a letter", () => {
    expectOneIssue({ consumers: [consumer("1dev", { subnets: [subnet("dev-private", "10.0.1.0/24", "a")], clientSubnet: "dev-private", endpointSubnets: ["dev-private"] })] }, "privatelink.consumers[0].name", "1dev", /starting with a letter/);
  });

  it("refuses a public subnet that overlaps a private one", () => {
    expectOneIssue(
      { service: { natGateway: true, publicSubnets: [subnet("shared-public", "172.16.1.128/25", "a")] } },
      "privatelink.service.publicSubnets[0].cidr",
      "172.16.1.128/25",
      /overlaps privatelink\.service\.subnets\[0\]\.cidr \(172\.16\.1\.0\/24\); subnets of a VPC must not overlap/,
    );
  });

  it("refuses a server with no way to install httpd", () => {
    expectOneIssue({ service: { s3GatewayEndpoint: false } }, "privatelink.service.s3GatewayEndpoint", false, /leaves the web server no way to install httpd/);
  });

  it("refuses a private DNS name without the public zone that proves it, and the zone without the name", () => {
    expectOneIssue({ endpointService: { privateDnsName: "hello.example.com" } }, "privatelink.endpointService.privateDnsPublicZoneId", undefined, /a TXT record there proves the domain is yours/);
    expectOneIssue({ endpointService: { privateDnsPublicZoneId: "Z0123456789ABCDEFGHIJ" } }, "privatelink.endpointService.privateDnsPublicZoneId", "Z0123456789ABCDEFGHIJ", /set both or neither/);
    expectOneIssue(
      { endpointService: { privateDnsName: "hello", privateDnsPublicZoneId: "Z0123456789ABCDEFGHIJ" } },
      "privatelink.endpointService.privateDnsName",
      "hello",
      /a name in a public domain you own/,
    );
  });

  it("refuses no consumers, and names the stack uses itself", () => {
    expectOneIssue({ consumers: [] }, "privatelink.consumers", [], /must list at least one consumer/);
    expectOneIssue({ consumers: [consumer("nlb")] }, "privatelink.consumers[0].name", "nlb", /is a name the stack uses itself/);
    expectOneIssue({ service: { serverName: "shared" } }, "privatelink.service.serverName", "shared", /duplicates the name at privatelink\.service\.name/);
  });

  it("lets a consumer leave out the off-by-default keys, and insists on the ones that name its own parts", () => {
    const config = mergeOverrides({ privatelink: { consumers: [consumer("dev")] } }, "test");
    expect(config.privatelink.consumers[0]).toMatchObject({ publicSubnets: [], natGateway: false, assumeRoleArn: undefined });
    const { clientSubnet: _clientSubnet, ...withoutClient } = consumer("dev");
    expect(() => mergeOverrides({ privatelink: { consumers: [withoutClient] } }, "test")).toThrow(
      "privatelink.consumers[0].clientSubnet = (unset): is required in each element of this list",
    );
    expect(() => mergeOverrides({ privatelink: { consumers: [consumer("dev", { publicSubnets: [{ name: "p", cidr: "10.0.0.0/24", zone: "a" }] })] } }, "test")).toThrow(ConfigError);
    expect(() => mergeOverrides({ privatelink: { service: { publicSubnets: [{ name: "p", cidr: "10.0.0.0/24" }] } } }, "test")).toThrow(
      "privatelink.service.publicSubnets[0].availabilityZone = (unset): is required in each element of this list",
    );
  });

  it("expresses article 003's layout by configuration: examples/privatelink-article-003.json", () => {
    const overrides = JSON.parse(readFileSync("examples/privatelink-article-003.json", "utf8"));
    expect(findConfigIssues(mergeOverrides(overrides, "example"))).toEqual([]);
    const { json } = synthStack("privatelink", overrides);
    const subnets = Object.values(resourcesOf(json, "aws_subnet")).map((subnet) => [subnet.tags.Name, subnet.availability_zone]);
    expect(subnets).toEqual(
      expect.arrayContaining([
        ["privatelink-a-private-a", "ap-northeast-1a"],
        ["privatelink-a-public-c", "ap-northeast-1c"],
        ["privatelink-b-private-c", "ap-northeast-1c"],
      ]),
    );
    expect(Object.keys(resourcesOf(json, "aws_nat_gateway"))).toHaveLength(2);
    expect(Object.keys(resourcesOf(json, "aws_ec2_network_insights_analysis"))).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/errors";
import { expectOneIssue, issuesWith } from "../support/config-issues";
import { DEFAULT_CONFIG, mergeOverrides, assertValidConfig, findConfigIssues } from "../../src/topologies/project-config";


describe("configuration validation", () => {
  it("accepts the article defaults", () => {
    expect(findConfigIssues(DEFAULT_CONFIG)).toEqual([]);
  });

  it("refuses a malformed VPC CIDR", () => {
    expectOneIssue({ peering: { accepter: { cidr: "172.18.0.0/33" } } }, "peering.accepter.cidr", "172.18.0.0/33", /prefix length/);
    expect(issuesWith({ peering: { accepter: { cidr: "172.18.0" } } })[0]).toMatchObject({
      key: "peering.accepter.cidr",
      rule: expect.stringMatching(/IPv4 CIDR block/),
    });
  });

  it("refuses a subnet CIDR with host bits set", () => {
    expectOneIssue(
      { peering: { requester: { subnet: { cidr: "10.0.1.7/24" } } } },
      "peering.requester.subnet.cidr",
      "10.0.1.7/24",
      /host bits set; the network address is 10\.0\.1\.0\/24/,
    );
  });

  it("refuses a VPC larger than AWS allows", () => {
    expectOneIssue({ peering: { requester: { cidr: "10.0.0.0/8", subnet: { cidr: "10.0.1.0/24" } } } }, "peering.requester.cidr", "10.0.0.0/8", /between \/16 and \/28/);
  });

  it("refuses a subnet outside its VPC", () => {
    expectOneIssue(
      { peering: { requester: { subnet: { cidr: "10.1.1.0/24" } } } },
      "peering.requester.subnet.cidr",
      "10.1.1.0/24",
      /must lie inside peering\.requester\.cidr \(10\.0\.0\.0\/16\)/,
    );
  });

  it("refuses overlapping CIDRs on the two peered VPCs", () => {
    expectOneIssue(
      { peering: { accepter: { cidr: "10.0.0.0/16", subnet: { cidr: "10.0.2.0/24" } } } },
      "peering.accepter.cidr",
      "10.0.0.0/16",
      /overlaps peering\.requester\.cidr \(10\.0\.0\.0\/16\); peered VPCs must not overlap/,
    );
  });

  it("reports an overlapping subnet once, with the first it overlaps, so that equal subnets make a line each and not one per pair", () => {
    const subnets = Array.from({ length: 4 }, (_, index) => ({ name: `s-${index}`, cidr: "10.2.1.0/24", availabilityZone: index % 2 === 0 ? "a" : "c" }));
    const overlaps = issuesWith({ albPeering: { foo: { subnets } } }).filter((issue) => /overlaps/.test(issue.rule));
    expect(overlaps.map((issue) => `${issue.key}: ${issue.rule}`)).toEqual([1, 2, 3].map((index) => `albPeering.foo.subnets[${index}].cidr: overlaps albPeering.foo.subnets[0].cidr (10.2.1.0/24); subnets of a VPC must not overlap`));
  });

  it("refuses an Availability Zone the region does not have", () => {
    expectOneIssue(
      { peering: { requester: { subnet: { availabilityZone: "b" } } } },
      "peering.requester.subnet.availabilityZone",
      "b",
      /ap-northeast-1b is not an Availability Zone of ap-northeast-1.*a, c, d/,
    );
  });

  it("refuses an Availability Zone given as anything but a letter or a zone ID", () => {
    expectOneIssue(
      { peering: { accepter: { subnet: { availabilityZone: "ap-northeast-1a" } } } },
      "peering.accepter.subnet.availabilityZone",
      "ap-northeast-1a",
      /must be a zone letter such as "a" \(for ap-northeast-1a\) or an Availability Zone ID such as "apne1-az4"/,
    );
  });

  it("checks zone letters against the configured region", () => {
    expect(issuesWith({ region: "us-east-1", peering: { requester: { subnet: { availabilityZone: "f" } } } })).toEqual([]);
    expect(issuesWith({ region: "eu-west-1", peering: { requester: { subnet: { availabilityZone: "d" } } } })[0]).toMatchObject({
      key: "peering.requester.subnet.availabilityZone",
      rule: expect.stringMatching(/eu-west-1d/),
    });
  });

  it("refuses a malformed region", () => {
    const issues = issuesWith({ region: "tokyo" });
    expect(issues[0]).toMatchObject({ key: "region", value: "tokyo", rule: expect.stringMatching(/AWS region code/) });
    expectOneIssue({ state: { region: "ap_northeast_1" } }, "state.region", "ap_northeast_1", /AWS region code/);
  });

  it("refuses a malformed operator address override", () => {
    expectOneIssue({ peering: { operator: { cidr: "203.0.113.300" } } }, "peering.operator.cidr", "203.0.113.300", /IPv4 address/);
    expectOneIssue({ peering: { operator: { cidr: "my-laptop" } } }, "peering.operator.cidr", "my-laptop", /IPv4 address/);
  });

  it("accepts the operator's one address, plain or as a /32", () => {
    expect(issuesWith({ peering: { operator: { cidr: "203.0.113.10" } } })).toEqual([]);
    expect(issuesWith({ peering: { operator: { cidr: "203.0.113.10/32" } } })).toEqual([]);
  });

  it("refuses an operator address lookup over plain http", () => {
    expectOneIssue(
      { peering: { operator: { addressUrl: "http://ipv4.icanhazip.com" } } },
      "peering.operator.addressUrl",
      "http://ipv4.icanhazip.com",
      /https:\/\//,
    );
  });

  it("refuses duplicate names within the stack", () => {
    expectOneIssue({ peering: { accepter: { name: "vpc1" } } }, "peering.accepter.name", "vpc1", /duplicates the name at peering\.requester\.name/);
    expectOneIssue(
      { peering: { accepter: { instanceName: "ec2-1" } } },
      "peering.accepter.instanceName",
      "ec2-1",
      /duplicates the name at peering\.requester\.instanceName/,
    );
  });

  it("refuses names the stack already uses for its own constructs", () => {
    expectOneIssue({ peering: { requester: { name: "sg1" } } }, "peering.requester.name", "sg1", /is a name the stack uses itself/);
    expectOneIssue({ peering: { accepter: { instanceName: "ami" } } }, "peering.accepter.instanceName", "ami", /is a name the stack uses itself/);
    expectOneIssue({ peering: { accepter: { subnet: { name: "vpc" } } } }, "peering.accepter.subnet.name", "vpc", /is a name the stack uses itself/);
  });

  it("refuses names that cannot be construct ids or Name tags", () => {
    expectOneIssue({ peering: { requester: { name: "VPC One" } } }, "peering.requester.name", "VPC One", /lowercase letters, digits or hyphens/);
  });

  it("refuses an invalid state bucket name", () => {
    expectOneIssue({ state: { bucket: "My_Bucket" } }, "state.bucket", "My_Bucket", /valid S3 bucket name/);
    expectOneIssue({ state: { bucket: "192.168.0.1" } }, "state.bucket", "192.168.0.1", /valid S3 bucket name/);
  });

  it("refuses a state key prefix that is absolute or not a folder", () => {
    expectOneIssue({ state: { keyPrefix: "/privnet/" } }, "state.keyPrefix", "/privnet/", /relative path ending in "\/"/);
    expectOneIssue({ state: { keyPrefix: "privnet" } }, "state.keyPrefix", "privnet", /relative path ending in "\/"/);
  });

  it("refuses a project name too long for the state bucket prefix", () => {
    expectOneIssue({ project: "a-project-name-of-thirty-chars" }, "project", "a-project-name-of-thirty-chars", /at most 28 characters/);
  });

  it("refuses tags AWS reserves", () => {
    expectOneIssue({ tags: { "aws:owner": "me" } }, "tags.aws:owner", "aws:owner", /must not start with aws:/);
  });

  it("refuses an empty key pair name", () => {
    expectOneIssue({ peering: { keyName: " " } }, "peering.keyName", " ", /key pair name/);
  });

  it("reports every broken key at once, each with key, value and rule", () => {
    const config = mergeOverrides(
      { region: "tokyo", peering: { requester: { subnet: { cidr: "10.9.0.0/24" } }, operator: { cidr: "x" } } },
      "bad.json",
    );
    expect(() => assertValidConfig(config, "bad.json")).toThrowError(ConfigError);
    try {
      assertValidConfig(config, "bad.json");
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain("Invalid configuration (bad.json):");
      expect(message).toContain('region = "tokyo": must be an AWS region code such as ap-northeast-1');
      expect(message).toContain('peering.requester.subnet.cidr = "10.9.0.0/24": must lie inside peering.requester.cidr (10.0.0.0/16)');
      expect(message).toContain('peering.operator.cidr = "x": must be one IPv4 address');
    }
  });
});

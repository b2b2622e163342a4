import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/config/errors";
import { appWith } from "../../support/synth";
import { expectOneIssue as expectOneIssueIn, issuesWith as issuesOf } from "../../support/config-issues";
import { DEFAULT_CONFIG, findConfigIssues } from "../../../src/topologies/project-config";

/** Issues of the configuration with `endpointSharing` overridden. */
const issuesWith = (endpointSharing: unknown) => issuesOf({ endpointSharing });
/** Asserts exactly one issue, naming the key and the value, with the rule's words. */
const expectOneIssue = (endpointSharing: unknown, key: string, value: unknown, rule: RegExp) => expectOneIssueIn({ endpointSharing }, key, value, rule);

const spoke = (name: string, cidr: string, extra: Record<string, unknown> = {}) => {
  const [first, second] = cidr.split(".");
  return { name, cidr, subnets: [{ name: `${name}-a`, cidr: `${first}.${second}.1.0/24`, availabilityZone: "a" }], instanceName: `${name}-ec2`, ...extra };
};
/** The default spoke as a user would write it (the defaults list an unset role as undefined, which JSON cannot). */
const { assumeRoleArn: _unset, ...USER } = DEFAULT_CONFIG.endpointSharing.spokes[0]!;

describe("endpoint-sharing configuration", () => {
  it("accepts the article defaults: one hub, one spoke, the three Session Manager services", () => {
    expect(findConfigIssues(DEFAULT_CONFIG)).toEqual([]);
  });

  it("refuses a spoke whose block overlaps the hub's", () => {
    expectOneIssue(
      { spokes: [spoke("user-vpc", "172.16.0.0/16")] },
      "endpointSharing.spokes[0].cidr",
      "172.16.0.0/16",
      /^overlaps endpointSharing\.hub\.cidr \(172\.16\.0\.0\/16\); the hub routes to each spoke by its block/,
    );
  });

  it("refuses a spoke whose block overlaps another spoke's, naming both", () => {
    expectOneIssue(
      { spokes: [USER, spoke("dev", "10.1.0.0/16"), { ...spoke("stg", "10.1.128.0/17"), subnets: [{ name: "stg-a", cidr: "10.1.129.0/24", availabilityZone: "a" }] }] },
      "endpointSharing.spokes[2].cidr",
      "10.1.128.0/17",
      /^overlaps endpointSharing\.spokes\[1\]\.cidr \(10\.1\.0\.0\/16\)/,
    );
  });

  it("reports an overlapping spoke once, with the first block it overlaps, not once per earlier block", () => {
    const spokes = ["a", "b", "c"].map((name) => ({ ...spoke(`spoke-${name}`, "172.16.0.0/16"), subnets: [{ name: `${name}-a`, cidr: "172.16.1.0/24", availabilityZone: "a" }] }));
    const overlaps = issuesWith({ spokes }).filter((issue) => issue.key.endsWith("].cidr") && /hub routes/.test(issue.rule));
    expect(overlaps.map((issue) => `${issue.key}: ${issue.rule.split(";")[0]}`)).toEqual([0, 1, 2].map((index) => `endpointSharing.spokes[${index}].cidr: overlaps endpointSharing.hub.cidr (172.16.0.0/16)`));
  });

  it("stops synth before any stack is written when a spoke overlaps", () => {
    expect(() => appWith({ endpointSharing: { spokes: [spoke("user-vpc", "172.16.128.0/17")] } })).toThrow(ConfigError);
  });

  it("refuses a list of services without what Session Manager needs", () => {
    expectOneIssue({ services: ["ssm", "logs"] }, "endpointSharing.services", ["ssm", "logs"], /^must include ssmmessages, ec2messages: the stack's instances are reached only through Session Manager/);
  });

  it("refuses a service written as a full endpoint service name, and says which short name to write", () => {
    expectOneIssue(
      { services: ["ssm", "ssmmessages", "ec2messages", "com.amazonaws.ap-northeast-1.logs"] },
      "endpointSharing.services[3]",
      "com.amazonaws.ap-northeast-1.logs",
      /^must be the short service name, such as logs/,
    );
  });

  it("refuses a malformed or repeated service name", () => {
    expectOneIssue({ services: ["ssm", "ssmmessages", "ec2messages", "Logs"] }, "endpointSharing.services[3]", "Logs", /^must be an AWS service name/);
    expectOneIssue({ services: ["ssm", "ssmmessages", "ec2messages", "ssm"] }, "endpointSharing.services[3]", "ssm", /^repeats endpointSharing\.services\[0\]/);
  });

  it("refuses an unknown DNS strategy or transport, listing the choices", () => {
    expectOneIssue({ dns: "resolver-rules" }, "endpointSharing.dns", "resolver-rules", /^must be one of "zone-associations", "route53-profile"$/);
    expectOneIssue({ transport: "vpn" }, "endpointSharing.transport", "vpn", /^must be one of "peering", "transit-gateway"$/);
  });

  it("refuses more spokes than a VPC can peer with, and points to the transit gateway", () => {
    const many = Array.from({ length: 126 }, (_, index) => spoke(`s${index}`, `10.${index}.0.0/16`));
    expectOneIssue({ spokes: many }, "endpointSharing.spokes", "126 spokes", /at most 125 active peerings; set endpointSharing\.transport to "transit-gateway"$/);
    expect(issuesWith({ spokes: many, transport: "transit-gateway" })).toEqual([]);
  });

  it("refuses two roles for spokes of one account, which share one provider", () => {
    expectOneIssue(
      {
        spokes: [
          spoke("dev", "10.1.0.0/16", { assumeRoleArn: "arn:aws:iam::111122223333:role/a" }),
          spoke("stg", "10.2.0.0/16", { assumeRoleArn: "arn:aws:iam::111122223333:role/b" }),
        ],
      },
      "endpointSharing.spokes[1].assumeRoleArn",
      "arn:aws:iam::111122223333:role/b",
      /^is another role in account 111122223333 than endpointSharing\.spokes\[0\]\.assumeRoleArn/,
    );
  });

  it("refuses two hub subnets in one zone: an endpoint takes one subnet per zone", () => {
    expectOneIssue(
      {
        hub: {
          subnets: [
            { name: "hub-a1", cidr: "172.16.1.0/24", availabilityZone: "a" },
            { name: "hub-a2", cidr: "172.16.2.0/24", availabilityZone: "a" },
          ],
        },
      },
      "endpointSharing.hub.subnets[1].availabilityZone",
      "a",
      /^repeats the zone of endpointSharing\.hub\.subnets\[0\]: an interface endpoint takes one subnet per Availability Zone$/,
    );
  });

  it("refuses a spoke without subnets, a subnet outside its spoke, and an empty spoke list", () => {
    expectOneIssue({ spokes: [{ ...USER, subnets: [] }] }, "endpointSharing.spokes[0].subnets", [], /^must list at least one subnet$/);
    expectOneIssue(
      { spokes: [{ ...USER, subnets: [{ name: "user-vpc-subnet-a", cidr: "10.9.1.0/24", availabilityZone: "a" }] }] },
      "endpointSharing.spokes[0].subnets[0].cidr",
      "10.9.1.0/24",
      /^must lie inside endpointSharing\.spokes\[0\]\.cidr \(192\.168\.0\.0\/16\)$/,
    );
    expectOneIssue({ spokes: [] }, "endpointSharing.spokes", [], /^must list at least one spoke/);
  });

  it("refuses names that collide: a spoke named like the hub, or like an id the stack uses", () => {
    expectOneIssue({ spokes: [{ ...USER, name: "shared-vpc" }] }, "endpointSharing.spokes[0].name", "shared-vpc", /^duplicates the name at endpointSharing\.hub\.name/);
    expectOneIssue({ spokes: [{ ...USER, name: "endpoints" }] }, "endpointSharing.spokes[0].name", "endpoints", /^is a name the stack uses itself/);
  });

  it("refuses a hub instance named like the endpoints' group, which would share its name in the hub", () => {
    expectOneIssue({ hub: { instanceName: "vpce" } }, "endpointSharing.hub.instanceName", "vpce", /^is a name the stack uses itself/);
  });

  it("refuses a malformed hub name and a spoke role ARN without an account", () => {
    expectOneIssue({ hub: { name: "Shared" } }, "endpointSharing.hub.name", "Shared", /^must be 1-32 lowercase letters/);
    expectOneIssue({ spokes: [{ ...USER, assumeRoleArn: "arn:aws:iam::12:role/x" }] }, "endpointSharing.spokes[0].assumeRoleArn", "arn:aws:iam::12:role/x", /^must be an IAM role ARN/);
  });

  it("refuses two spoke instances of one name", () => {
    expectOneIssue(
      { spokes: [spoke("dev", "10.1.0.0/16"), { ...spoke("stg", "10.2.0.0/16"), instanceName: "dev-ec2" }] },
      "endpointSharing.spokes[1].instanceName",
      "dev-ec2",
      /^duplicates the name at endpointSharing\.spokes\[0\]\.instanceName/,
    );
  });

  it("says once that an empty service list lacks what Session Manager needs", () => {
    expectOneIssue({ services: [] }, "endpointSharing.services", [], /^must list the services to share, at least ssm, ssmmessages, ec2messages$/);
  });

  it("refuses services that would be one construct (ecr.api and ecr-api), an id of its own, and services no zone can stand in for", () => {
    const sessionManager = ["ssm", "ssmmessages", "ec2messages"];
    expectOneIssue({ services: [...sessionManager, "ecr.api", "ecr-api"] }, "endpointSharing.services[4]", "ecr-api", /^repeats endpointSharing\.services\[3\] \(ecr\.api\)/);
    expectOneIssue({ services: [...sessionManager, "security-group"] }, "endpointSharing.services[3]", "security-group", /^is not an AWS service/);
    expectOneIssue({ services: [...sessionManager, "ecs-agent"] }, "endpointSharing.services[3]", "ecs-agent", /^cannot be shared this way: its private DNS name is a wildcard under the region's domain/);
  });

  it("refuses a spoke subnet whose route id equals one of the hub's", () => {
    expectOneIssue(
      {
        hub: { name: "hub", subnets: [{ name: "app-a", cidr: "172.16.1.0/24", availabilityZone: "a" }] },
        spokes: [{ ...spoke("hub-app", "10.1.0.0/16"), subnets: [{ name: "a", cidr: "10.1.1.0/24", availabilityZone: "a" }] }],
      },
      "endpointSharing.spokes[0].subnets[0].name",
      "a",
      /^gives the route id hub-app-a-route, which the hub's subnet app-a has too/,
    );
  });
});


import { describe, expect, it } from "vitest";
import { expectOneIssue as expectOneIssueIn, issuesWith as issuesOf } from "../../support/config-issues";

/** Issues of the configuration with `albPeering` overridden. */
const issuesWith = (albPeering: unknown) => issuesOf({ albPeering });
/** Asserts exactly one issue, naming the key and the value, with the rule's words. */
const expectOneIssue = (albPeering: unknown, key: string, value: unknown, rule: RegExp) => expectOneIssueIn({ albPeering }, key, value, rule);

const subnet = (name: string, cidr: string, availabilityZone: string) => ({ name, cidr, availabilityZone });

describe("alb-peering configuration", () => {
  it("refuses foo and bar overlapping: AWS would refuse the peering", () => {
    expectOneIssue(
      { bar: { cidr: "10.2.0.0/16", subnet: { cidr: "10.2.100.0/24" } } },
      "albPeering.bar.cidr",
      "10.2.0.0/16",
      /overlaps albPeering\.foo\.cidr \(10\.2\.0\.0\/16\); peered VPCs must not overlap/,
    );
  });

  it("refuses a zone name that is not a valid DNS name", () => {
    expectOneIssue({ dns: { zoneName: "my_home" } }, "albPeering.dns.zoneName", "my_home", /must be a DNS name/);
    expectOneIssue({ dns: { zoneName: "home." } }, "albPeering.dns.zoneName", "home.", /no final dot/);
    expectOneIssue({ dns: { zoneName: "-corp.internal" } }, "albPeering.dns.zoneName", "-corp.internal", /not starting or ending with a hyphen/);
    expectOneIssue({ dns: { zoneName: `${"a".repeat(64)}.internal` } }, "albPeering.dns.zoneName", `${"a".repeat(64)}.internal`, /1-63/);
    expect(issuesWith({ dns: { zoneName: "corp.example.internal" } })).toEqual([]);
  });

  it("refuses a record name that is not one DNS label", () => {
    expectOneIssue({ dns: { recordName: "alb.web" } }, "albPeering.dns.recordName", "alb.web", /must be one DNS label/);
    expectOneIssue({ dns: { recordName: "" } }, "albPeering.dns.recordName", "", /must be one DNS label/);
  });

  it("refuses foo's subnets in a single Availability Zone: an ALB needs two", () => {
    expectOneIssue(
      { foo: { subnets: [subnet("foo-private-1", "10.2.1.0/24", "a"), subnet("foo-private-2", "10.2.2.0/24", "a")] } },
      "albPeering.foo.subnets",
      "foo-private-1 (ap-northeast-1a), foo-private-2 (ap-northeast-1a)",
      /at least two Availability Zones: an ALB refuses fewer/,
    );
  });

  it("refuses two of foo's subnets in one Availability Zone: an ALB takes one subnet per zone", () => {
    expectOneIssue(
      { foo: { subnets: [subnet("foo-private-1", "10.2.1.0/24", "a"), subnet("foo-private-2", "10.2.2.0/24", "c"), subnet("foo-private-3", "10.2.3.0/24", "a")] } },
      "albPeering.foo.subnets[2].availabilityZone",
      "a",
      /repeats the zone of albPeering\.foo\.subnets\[0\]: an ALB takes one subnet per Availability Zone/,
    );
  });

  it("refuses a subnet name that collides with the ids of another subnet's route table", () => {
    expectOneIssue(
      { foo: { subnets: [subnet("foo-private-1", "10.2.1.0/24", "a"), subnet("foo-private-1-route-table", "10.2.2.0/24", "c")] } },
      "albPeering.foo.subnets[1].name",
      "foo-private-1-route-table",
      /must not end with -route-table: the network names each subnet's route table <subnet>-route-table/,
    );
  });

  it("refuses an ALB subnet smaller than /27", () => {
    expectOneIssue(
      { foo: { subnets: [subnet("foo-private-1", "10.2.1.0/28", "a"), subnet("foo-private-2", "10.2.2.0/24", "c")] } },
      "albPeering.foo.subnets[0].cidr",
      "10.2.1.0/28",
      /must be \/27 or larger: the ALB needs at least 8 free addresses/,
    );
  });

  it("refuses a subnet outside foo, and two of foo's subnets that overlap", () => {
    expectOneIssue(
      { foo: { subnets: [subnet("foo-private-1", "10.9.1.0/24", "a"), subnet("foo-private-2", "10.2.2.0/24", "c")] } },
      "albPeering.foo.subnets[0].cidr",
      "10.9.1.0/24",
      /must lie inside albPeering\.foo\.cidr \(10\.2\.0\.0\/16\)/,
    );
    expectOneIssue(
      { foo: { subnets: [subnet("foo-private-1", "10.2.0.0/23", "a"), subnet("foo-private-2", "10.2.1.0/24", "c")] } },
      "albPeering.foo.subnets[1].cidr",
      "10.2.1.0/24",
      /overlaps albPeering\.foo\.subnets\[0\]\.cidr \(10\.2\.0\.0\/23\)/,
    );
  });

  it("refuses bar's subnet outside bar", () => {
    expectOneIssue({ bar: { subnet: { cidr: "10.4.1.0/24" } } }, "albPeering.bar.subnet.cidr", "10.4.1.0/24", /must lie inside albPeering\.bar\.cidr/);
  });

  it("refuses duplicate names across foo and bar", () => {
    expectOneIssue({ bar: { instanceName: "web-2" } }, "albPeering.bar.instanceName", "web-2", /duplicates the name at albPeering\.foo\.webServerNames\[1\]/);
    expectOneIssue({ bar: { name: "foo" } }, "albPeering.bar.name", "foo", /duplicates the name at albPeering\.foo\.name/);
  });

  it("refuses names the stack uses for its own constructs", () => {
    expectOneIssue({ foo: { webServerNames: ["web-1", "alb"] } }, "albPeering.foo.webServerNames[1]", "alb", /is a name the stack uses itself/);
    expectOneIssue({ bar: { subnet: { name: "vpc" } } }, "albPeering.bar.subnet.name", "vpc", /is a name the stack uses itself/);
  });

  it("refuses an empty list of web servers: the ALB needs a target", () => {
    expectOneIssue({ foo: { webServerNames: [] } }, "albPeering.foo.webServerNames", [], /at least one web server/);
  });

  it("refuses a malformed role ARN for foo's account and accepts a role ARN", () => {
    expectOneIssue({ foo: { assumeRoleArn: "arn:aws:iam::1234:role/deploy" } }, "albPeering.foo.assumeRoleArn", "arn:aws:iam::1234:role/deploy", /must be an IAM role ARN/);
    expectOneIssue({ foo: { assumeRoleArn: "arn:aws:iam::111122223333:user/deploy" } }, "albPeering.foo.assumeRoleArn", "arn:aws:iam::111122223333:user/deploy", /IAM role ARN/);
    expect(issuesWith({ foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/team/privnet-deploy" } })).toEqual([]);
  });

  it("refuses ports outside 1-65535 and a health check path that is not a path", () => {
    expectOneIssue({ alb: { listenerPort: 0 } }, "albPeering.alb.listenerPort", 0, /from 1 to 65535/);
    expectOneIssue({ alb: { targetPort: 8080.5 } }, "albPeering.alb.targetPort", 8080.5, /whole port number/);
    expectOneIssue({ alb: { healthCheckPath: "index.html" } }, "albPeering.alb.healthCheckPath", "index.html", /starting with \//);
  });

  it("refuses a client range the listener admits already: bar's own, or one listed twice", () => {
    expectOneIssue({ alb: { additionalClientCidrs: ["10.3.0.0/16"] } }, "albPeering.alb.additionalClientCidrs[0]", "10.3.0.0/16", /is albPeering\.bar\.cidr, which the listener admits already/);
    expectOneIssue(
      { alb: { additionalClientCidrs: ["192.168.10.0/24", "172.16.0.0/12", "192.168.10.0/24"] } },
      "albPeering.alb.additionalClientCidrs[2]",
      "192.168.10.0/24",
      /is listed twice/,
    );
  });

  it("refuses a private name longer than DNS allows", () => {
    const zoneName = Array.from({ length: 4 }, () => "z".repeat(62)).join(".");
    expectOneIssue({ dns: { zoneName } }, "albPeering.dns.recordName", "alb", /makes 255 characters with the zone name; a DNS name has at most 253/);
  });

  it("refuses the article's allow-all as a client range, and malformed ranges", () => {
    expectOneIssue({ alb: { additionalClientCidrs: ["0.0.0.0/0"] } }, "albPeering.alb.additionalClientCidrs[0]", "0.0.0.0/0", /must not be 0\.0\.0\.0\/0/);
    expect(issuesWith({ alb: { additionalClientCidrs: ["192.168.10.0/24", "192.168.1.5/24"] } })).toEqual([
      { key: "albPeering.alb.additionalClientCidrs[1]", value: "192.168.1.5/24", rule: expect.stringMatching(/host bits set/) },
    ]);
  });
});

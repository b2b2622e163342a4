import { describe, expect, it } from "vitest";
import { expectOneIssue, issuesWith } from "../support/config-issues";
import { synthStack } from "../support/synth";

type Json = Record<string, Record<string, Record<string, { availability_zone?: string; availability_zone_id?: string; tags?: { Name?: string } }>>>;

/** Each subnet's Name tag with the zone argument it was placed by. */
function subnetPlacements(json: unknown): Record<string, { availability_zone?: string; availability_zone_id?: string }> {
  const subnets = (json as Json)["resource"]!["aws_subnet"] ?? {};
  return Object.fromEntries(Object.values(subnets).map((subnet) => [subnet.tags!.Name!, { availability_zone: subnet.availability_zone, availability_zone_id: subnet.availability_zone_id }]));
}

describe("zone letters or Availability Zone IDs, in every topology", () => {
  it.each([
    ["peering", { peering: { accepter: { subnet: { availabilityZone: "apne1-az1" } } } }, "peering-private2"],
    ["alb-peering", { albPeering: { foo: { subnets: [
      { name: "foo-private-1", cidr: "10.2.1.0/24", availabilityZone: "apne1-az4" },
      { name: "foo-private-2", cidr: "10.2.2.0/24", availabilityZone: "apne1-az1" },
    ] } } }, "alb-peering-foo-private-1"],
    ["endpoint-sharing", { endpointSharing: { spokes: [{ name: "user-vpc", cidr: "192.168.0.0/16", subnets: [{ name: "user-vpc-subnet-a", cidr: "192.168.100.0/24", availabilityZone: "apne1-az4" }], instanceName: "user-vpc-ec2" }] } }, "endpoint-sharing-user-vpc-subnet-a"],
  ])("%s places a subnet given by zone ID by that ID, and the others by name", (stack, overrides, subnetName) => {
    expect(issuesWith(overrides)).toEqual([]);
    const placements = subnetPlacements(synthStack(stack, overrides).json);
    expect(placements[subnetName]).toEqual({ availability_zone: undefined, availability_zone_id: expect.stringMatching(/^apne1-az[14]$/) });
    const byLetter = Object.entries(placements).filter(([name]) => name !== subnetName && !name.startsWith("alb-peering-foo-"));
    expect(byLetter.length).toBeGreaterThan(0);
    for (const [, placement] of byLetter) expect(placement.availability_zone).toMatch(/^ap-northeast-1[a-z]$/);
  });

  it("refuses a zone ID of another region, naming the key", () => {
    expectOneIssue({ peering: { requester: { subnet: { availabilityZone: "usw2-az1" } } } }, "peering.requester.subnet.availabilityZone", "usw2-az1", /IDs start with apne1-/);
  });

  it("refuses one VPC's subnets mixing letters and IDs, which could not be compared zone by zone", () => {
    expectOneIssue(
      { albPeering: { foo: { subnets: [
        { name: "foo-private-1", cidr: "10.2.1.0/24", availabilityZone: "a" },
        { name: "foo-private-2", cidr: "10.2.2.0/24", availabilityZone: "apne1-az1" },
      ] } } },
      "albPeering.foo.subnets",
      ["a", "apne1-az1"],
      /mix zone letters and zone IDs/,
    );
  });

  it("refuses a privatelink consumer mixing letters and IDs too", () => {
    const issues = issuesWith({
      privatelink: {
        consumers: [
          {
            name: "dev",
            cidr: "10.0.0.0/16",
            subnets: [
              { name: "dev-private-a", cidr: "10.0.1.0/24", availabilityZone: "a" },
              { name: "dev-private-c", cidr: "10.0.2.0/24", availabilityZone: "apne1-az1" },
            ],
            clientSubnet: "dev-private-a",
            endpointSubnets: ["dev-private-a"],
          },
        ],
      },
    });
    expect(issues).toContainEqual(expect.objectContaining({ key: "privatelink.consumers[0].subnets", value: ["a", "apne1-az1"], rule: expect.stringMatching(/mix zone letters and zone IDs/) }));
  });

  it("has the plan check that the instance type is offered in each zone an instance is placed in, by name and by ID", () => {
    const json = synthStack("peering", { peering: { accepter: { subnet: { availabilityZone: "apne1-az1" } } }, instances: { instanceType: "t3.nano" } }).json as unknown as {
      data: { aws_ec2_instance_type_offerings: Record<string, { location_type: string; filter: unknown; lifecycle: { postcondition: { condition: string; error_message: string }[] } }> };
    };
    const lookups = json.data.aws_ec2_instance_type_offerings;
    expect(Object.keys(lookups).sort()).toEqual(["instance-type-zone-ids", "instance-type-zones"]);
    expect(lookups["instance-type-zones"]).toMatchObject({ location_type: "availability-zone", filter: [{ name: "instance-type", values: ["t3.nano"] }] });
    expect(lookups["instance-type-zones"]!.lifecycle.postcondition[0]!.condition).toBe('${length(setsubtract(["ap-northeast-1a"], self.locations)) == 0}');
    expect(lookups["instance-type-zone-ids"]!.lifecycle.postcondition[0]).toEqual({
      condition: '${length(setsubtract(["apne1-az1"], self.locations)) == 0}',
      error_message: 'instances.instanceType = "t3.nano" is not offered in every zone this stack places an instance in (apne1-az1); choose a type offered there, or move the subnets.',
    });
  });

  it("looks up offerings in each account through that account's provider: another account's letters name other zones", () => {
    type Lookup = { provider?: string; lifecycle: { postcondition: { condition: string; error_message: string }[] } };
    type Lookups = { data: { aws_ec2_instance_type_offerings: Record<string, Lookup> } };
    const lookups = (stack: "alb-peering" | "privatelink", overrides: unknown) => (synthStack(stack, overrides).json as unknown as Lookups).data.aws_ec2_instance_type_offerings;
    const zonesOf = (lookup: Lookup | undefined) => lookup?.lifecycle.postcondition[0]!.condition;

    expect(zonesOf(lookups("alb-peering", {})["instance-type-zones"])).toBe('${length(setsubtract(["ap-northeast-1a","ap-northeast-1c"], self.locations)) == 0}');
    const split = lookups("alb-peering", { albPeering: { foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" } } });
    expect(split["instance-type-zones"]).not.toHaveProperty("provider");
    expect(zonesOf(split["instance-type-zones"])).toBe('${length(setsubtract(["ap-northeast-1a"], self.locations)) == 0}');
    const accepter = split["accepter-account-instance-type-zones"];
    expect(accepter?.provider).toBe("aws.accepter-account");
    expect(zonesOf(accepter)).toBe('${length(setsubtract(["ap-northeast-1a","ap-northeast-1c"], self.locations)) == 0}');
    expect(accepter!.lifecycle.postcondition[0]!.error_message).toContain("in the account of provider aws.accepter-account (ap-northeast-1a, ap-northeast-1c)");

    const service = { subnets: [{ name: "shared-private-a", cidr: "172.16.1.0/24", availabilityZone: "apne1-az4" }, { name: "shared-private-c", cidr: "172.16.2.0/24", availabilityZone: "apne1-az1" }] };
    const consumer = { name: "dev", cidr: "10.0.0.0/16", subnets: [{ name: "dev-private", cidr: "10.0.1.0/24", availabilityZone: "apne1-az1" }], clientSubnet: "dev-private", endpointSubnets: ["dev-private"], assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" };
    const other = Object.entries(lookups("privatelink", { privatelink: { service, consumers: [consumer] } })).filter(([, lookup]) => lookup.provider === "aws.dev-account");
    expect(other.map(([address, lookup]) => [address.replace(/_[0-9A-F]{8}$/, ""), zonesOf(lookup)])).toEqual([["dev_account-instance-type-zone-ids", '${length(setsubtract(["apne1-az1"], self.locations)) == 0}']]);
  });
});

import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/app";
import { mergeOverrides } from "../../src/topologies/project-config";
import { issuesWith } from "../support/config-issues";

/** What building the app with these overrides does when validation is skipped: the crash the check prevents. */
function buildUnchecked(overrides: unknown): void {
  buildApp({ config: mergeOverrides(overrides, "test"), outdir: "/nonexistent" });
}

const SIDE = (name: string, subnet: string, cidr: string, instanceName: string) => ({
  name,
  cidr: `${cidr}.0.0/16`,
  subnet: { name: subnet, cidr: `${cidr}.1.0/24`, availabilityZone: "a" },
  instanceName,
});

describe("construct ids made from configured names", () => {
  it("refuses peering sides whose routes would share an id (a-b + c and a + b-c), naming both keys", () => {
    const overrides = { peering: { requester: SIDE("a-b", "c", "10.0", "one"), accepter: SIDE("a", "b-c", "172.18", "two") } };
    expect(() => buildUnchecked(overrides)).toThrow(/There is already a Construct with name 'a-b-c-route'/);
    expect(issuesWith(overrides)).toEqual([
      {
        key: "peering.accepter.subnet.name",
        value: "b-c",
        rule: 'makes the construct id "a-b-c-route" in the peering\'s routes, which peering.requester.subnet.name = "c" makes too; rename one of them',
      },
    ]);
  });

  it("refuses a VPC named like an instance's output, naming both keys", () => {
    const overrides = { peering: { accepter: SIDE("ec2-1-private-ip", "private2", "172.18", "ec2-2") } };
    expect(() => buildUnchecked(overrides)).toThrow(/There is already a Construct with name 'ec2-1-private-ip'/);
    expect(issuesWith(overrides)).toEqual([
      expect.objectContaining({ key: "peering.accepter.name", value: "ec2-1-private-ip", rule: expect.stringContaining('"ec2-1-private-ip" in the peering stack, which peering.requester.instanceName = "ec2-1" makes too') }),
    ]);
  });

  it("refuses alb-peering subnets whose peering routes would share an id", () => {
    const overrides = {
      albPeering: {
        foo: { name: "a", subnets: [{ name: "b-c", cidr: "10.2.1.0/24", availabilityZone: "a" }, { name: "d", cidr: "10.2.2.0/24", availabilityZone: "c" }] },
        bar: { name: "a-b", subnet: { name: "c", cidr: "10.3.1.0/24", availabilityZone: "a" } },
      },
    };
    expect(() => buildUnchecked(overrides)).toThrow(/There is already a Construct with name 'a-b-c-route'/);
    expect(issuesWith(overrides)).toEqual([expect.objectContaining({ key: "albPeering.bar.subnet.name", value: "c", rule: expect.stringContaining("albPeering.foo.subnets[0].name") })]);
  });
});

import { describe, expect, it } from "vitest";
import { waysIn, type WayIn } from "../../src/operations/probe/ways-in";
import { deployedFixture, type DeployedCase } from "../support/deployed";

const CALLER = "123456789012";

function ways(name: DeployedCase, edit?: (resources: Record<string, any>[]) => void, callerAccount = CALLER): Map<string, WayIn> {
  const fixture = deployedFixture(name, edit);
  const byLabel = new Map<string, WayIn>();
  for (const way of waysIn({ model: fixture.model, json: fixture.json, region: "ap-northeast-1", callerAccount }).values()) byLabel.set(way.instance.label, way);
  return byLabel;
}

const kinds = (found: Map<string, WayIn>) => Object.fromEntries([...found].map(([label, way]) => [label, way.kind]));
const without = (type: string, namePart: string) => (resources: Record<string, any>[]) => {
  const index = resources.findIndex((resource) => resource["type"] === type && String(resource["name"]).includes(namePart));
  if (index < 0) throw new Error(`no ${type} *${namePart}* in the fixture`);
  resources.splice(index, 1);
};

describe("the way into each instance of a deployed stack", () => {
  it("peering: ec2-1 through the Instance Connect endpoint, by the ids in the state; ec2-2 none, with the verifier's reason", () => {
    const found = ways("peering");
    expect(kinds(found)).toEqual({ "peering-ec2-1": "instance-connect", "peering-ec2-2": "none" });
    const first = found.get("peering-ec2-1")!;
    expect(first).toMatchObject({ instanceId: "i-5788fc52187e317ec", endpointId: "eice-7bc3a80f66c45829d", region: "ap-northeast-1" });
    expect((found.get("peering-ec2-2") as { reason: string }).reason).toBe(
      "Run Command: it has no instance profile, which Run Command needs; Instance Connect: peering-eic-endpoint: tcp/22 is blocked (peering-eic-endpoint has no egress rule for tcp/22 to peering-ec2-2 (172.18.1.4/32))",
    );
  });

  it("endpoint-sharing: Run Command into the hub's and the spoke's instance, through the hub's endpoints, over a peering or a transit gateway", () => {
    for (const name of ["endpoint-sharing", "endpoint-sharing+transit-gateway"] as const) {
      const found = ways(name);
      expect(kinds(found), name).toEqual({ "endpoint-sharing-shared-vpc-ec2": "run-command", "endpoint-sharing-user-vpc-ec2": "run-command" });
      expect(found.get("endpoint-sharing-user-vpc-ec2")).toMatchObject({ via: "Run Command: its SSM Agent reaches ssm, ec2messages, ssmmessages on tcp/443 on the deployed model" });
    }
  });

  it("endpoint-sharing: no Run Command into the spoke once its VPC no longer sees the ssm zone, nor into an instance without a profile", () => {
    const unzoned = ways("endpoint-sharing", without("aws_route53_zone_association", "ssm-zone"));
    expect(kinds(unzoned)).toEqual({ "endpoint-sharing-shared-vpc-ec2": "run-command", "endpoint-sharing-user-vpc-ec2": "none" });
    expect((unzoned.get("endpoint-sharing-user-vpc-ec2") as { reason: string }).reason).toMatch(/^Run Command: no path to Systems Manager: ssm\.ap-northeast-1\.amazonaws\.com tcp\/443 is blocked \(it resolves to the public ssm endpoint/);
    const unprofiled = ways("endpoint-sharing", (resources) => {
      for (const resource of resources.filter((candidate) => candidate["type"] === "aws_instance")) resource["instances"][0]["attributes"]["iam_instance_profile"] = "";
    });
    expect((unprofiled.get("endpoint-sharing-shared-vpc-ec2") as { reason: string }).reason).toBe("Run Command: it has no instance profile, which Run Command needs; Instance Connect: the stack has no Instance Connect endpoint");
  });

  it("peering: no way into ec2-1 once the endpoint's group lost its SSH egress", () => {
    const found = ways("peering", without("aws_vpc_security_group_egress_rule", "eic_security-group_egress-tcp22-to-eic-to-ec2"));
    expect(found.get("peering-ec2-1")).toMatchObject({ kind: "none", reason: expect.stringMatching(/peering-eic-endpoint: tcp\/22 is blocked \(peering-eic-endpoint has no egress rule for tcp\/22 to peering-ec2-1/) });
  });

  it("privatelink: each consumer's client through its own endpoint; the web server has none", () => {
    const found = ways("privatelink");
    expect(kinds(found)).toEqual({ "privatelink-dev-client": "instance-connect", "privatelink-stg-client": "instance-connect", "privatelink-prod-client": "instance-connect", "privatelink-web-server": "none" });
    for (const consumer of ["dev", "stg", "prod"]) expect((found.get(`privatelink-${consumer}-client`) as { endpoint: { label: string } }).endpoint.label).toBe(`privatelink-${consumer}-eic`);
  });

  it("privatelink: a client in another account is not entered with the caller's credentials, and is with that account's", () => {
    expect(ways("privatelink+other-account").get("privatelink-dev-client")).toMatchObject({
      kind: "none",
      reason: "it is in account 111122223333, and the probe's credentials are in 123456789012: run the probe again with credentials of 111122223333",
    });
    expect(ways("privatelink+other-account", undefined, "111122223333").get("privatelink-dev-client")).toMatchObject({ kind: "instance-connect" });
  });

  it("alb-peering: the client through its endpoint; the web servers have none", () => {
    expect(kinds(ways("alb-peering"))).toEqual({ "alb-peering-client": "instance-connect", "alb-peering-web-1": "none", "alb-peering-web-2": "none" });
  });
});

import { describe, expect, it } from "vitest";
import { resourcesOf, synthStack } from "../support/synth";
import { STACK_NAMES } from "../../src/topologies/registry";

/** The characters EC2 accepts in group and rule descriptions; anything else fails at apply, and a group's description cannot change without replacing it. */
const EC2_DESCRIPTION = /^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]{0,255}$/;

const EVERY_OPTION = {
  albPeering: { foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" }, alb: { additionalClientCidrs: ["192.168.0.0/16"] } },
  privatelink: {
    service: { natGateway: true, publicSubnets: [{ name: "shared-public", cidr: "172.16.100.0/24", availabilityZone: "a" }] },
    reachabilityAnalysis: true,
  },
};

describe("security group descriptions", () => {
  it.each(STACK_NAMES)("%s writes only characters EC2 accepts in group and rule descriptions", (name) => {
    const { json } = synthStack(name, EVERY_OPTION);
    const descriptions = ["aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"].flatMap((type) =>
      Object.values(resourcesOf(json, type)).map((resource) => String(resource.description ?? "")),
    );
    expect(descriptions.filter((description) => !EC2_DESCRIPTION.test(description))).toEqual([]);
  });

  it("catches the characters EC2 refuses", () => {
    expect(EC2_DESCRIPTION.test("Client: TCP 80 to the endpoint of the service")).toBe(true);
    expect(EC2_DESCRIPTION.test("Client: TCP 80 to the service's endpoint")).toBe(false);
    expect(EC2_DESCRIPTION.test("Web → ALB")).toBe(false);
  });
});

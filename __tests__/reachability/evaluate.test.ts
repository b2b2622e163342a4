import { NetworkAcl } from "@cdktf/provider-aws/lib/network-acl";
import { describe, expect, test } from "vitest";
import type { PrivateNetwork } from "../../src/constructs/private-network";
import { buildNetworkModel } from "../../src/reachability/build-model";
import { evaluateFlow, type Flow } from "../../src/reachability/evaluate/evaluate-flow";
import { parseTraffic } from "../../src/reachability/evaluate/traffic";
import type { TerraformJson } from "../../src/terraform-json/read";
import { endpointSharingFixture } from "./fixtures/endpoint-sharing-fixture";
import { privateLinkFixture } from "./fixtures/privatelink-fixture";
import { peeringModel } from "./stack-model";

const ping: Flow = { from: { instance: "ec2-1" }, to: { instance: "ec2-2" }, traffic: parseTraffic("icmp") };

describe("network ACLs are stateless", () => {
  const withAcl = (egress: { ruleNo: number; action: string; protocol: string; cidrBlock: string; fromPort: number; toPort: number }[]) =>
    peeringModel({
      mistake: (stack) => {
        const vpc2 = stack.node.findChild("vpc2") as PrivateNetwork;
        new NetworkAcl(stack, "strict-acl", {
          vpcId: vpc2.vpcId,
          subnetIds: [vpc2.subnet("private2").subnet.id],
          ingress: [{ ruleNo: 100, action: "allow", protocol: "icmp", cidrBlock: "10.0.0.0/16", fromPort: 0, toPort: 0, icmpType: -1, icmpCode: -1 }],
          egress,
          tags: { Name: "strict-acl" },
        });
      },
    }).model;

  test("an ACL that admits the echo request but not the reply blocks ping at the reply", () => {
    const result = evaluateFlow(withAcl([]), ping);
    expect(result.status).toBe("blocked");
    expect(result.reason).toBe(
      "strict-acl (network ACL of peering-private2) has no egress rule allowing icmp echo reply to peering-ec2-1 (10.0.1.0/24) (reply); network ACLs are stateless, so replies need their own rule",
    );
  });

  test("with an outbound rule for the reply, ping passes the ACL", () => {
    const model = withAcl([{ ruleNo: 100, action: "allow", protocol: "icmp", cidrBlock: "10.0.0.0/16", fromPort: 0, toPort: 0 }]);
    expect(evaluateFlow(model, ping).status).toBe("reachable");
  });
});

describe("values known only after apply", () => {
  test("a flow whose only admitting rule depends on a plan-time value is unknown, neither reachable nor blocked", () => {
    const { json } = peeringModel();
    const rules = json.resource!["aws_vpc_security_group_ingress_rule"]!;
    const [name, rule] = Object.entries(rules).find(([key]) => key.startsWith("sg2_ingress-icmp"))!;
    const edited: TerraformJson = {
      ...json,
      resource: { ...json.resource, aws_vpc_security_group_ingress_rule: { ...rules, [name]: { ...rule, cidr_ipv4: "${data.aws_vpc.peer.cidr_block}" } } },
    };
    const result = evaluateFlow(buildNetworkModel(edited, "peering"), ping);
    expect(result.status).toBe("unknown");
    expect(result.reason).toContain("data.aws_vpc.peer.cidr_block");
  });
});

describe("peering", () => {
  test("a peering that is never accepted blocks the flow", () => {
    const { json } = peeringModel();
    const connections = json.resource!["aws_vpc_peering_connection"]!;
    const [name, connection] = Object.entries(connections)[0]!;
    const edited: TerraformJson = { ...json, resource: { ...json.resource, aws_vpc_peering_connection: { [name]: { ...connection, auto_accept: false } } } };
    const result = evaluateFlow(buildNetworkModel(edited, "peering"), ping);
    expect(result.status).toBe("blocked");
    expect(result.reason).toBe("peering-vpc1-vpc2 is never accepted: auto_accept is off and no aws_vpc_peering_connection_accepter accepts it");
  });

  test("peering is not transitive: a route to a third VPC over the first peering goes nowhere", () => {
    const json: TerraformJson = {
      resource: {
        aws_vpc: { a: { cidr_block: "10.1.0.0/16" }, b: { cidr_block: "10.2.0.0/16" }, c: { cidr_block: "10.3.0.0/16" } },
        aws_subnet: {
          a1: { vpc_id: "${aws_vpc.a.id}", cidr_block: "10.1.1.0/24", availability_zone: "ap-northeast-1a" },
          c1: { vpc_id: "${aws_vpc.c.id}", cidr_block: "10.3.1.0/24", availability_zone: "ap-northeast-1a" },
        },
        aws_vpc_peering_connection: {
          ab: { vpc_id: "${aws_vpc.a.id}", peer_vpc_id: "${aws_vpc.b.id}", auto_accept: true },
          bc: { vpc_id: "${aws_vpc.b.id}", peer_vpc_id: "${aws_vpc.c.id}", auto_accept: true },
        },
        aws_route_table: { a: { vpc_id: "${aws_vpc.a.id}", route: [{ cidr_block: "10.3.0.0/16", vpc_peering_connection_id: "${aws_vpc_peering_connection.ab.id}" }] } },
        aws_route_table_association: { a1: { subnet_id: "${aws_subnet.a1.id}", route_table_id: "${aws_route_table.a.id}" } },
        aws_security_group: {
          all: { vpc_id: "${aws_vpc.a.id}", egress: [{ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] }] },
          open: { vpc_id: "${aws_vpc.c.id}", ingress: [{ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] }] },
        },
        aws_instance: {
          x: { subnet_id: "${aws_subnet.a1.id}", vpc_security_group_ids: ["${aws_security_group.all.id}"] },
          y: { subnet_id: "${aws_subnet.c1.id}", vpc_security_group_ids: ["${aws_security_group.open.id}"] },
        },
      },
    };
    const result = evaluateFlow(buildNetworkModel(json, "t"), { from: { instance: "aws_instance.x" }, to: { instance: "aws_instance.y" }, traffic: parseTraffic("tcp/80") });
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("goes to aws_vpc_peering_connection.ab, which joins aws_vpc.a and aws_vpc.b, not aws_vpc.c; peering is not transitive");
  });
});

describe("PrivateLink with overlapping consumers (article 002)", () => {
  const { model } = privateLinkFixture({ consumers: ["dev", "stg", "prod"] });

  test.each(["dev", "stg", "prod"])("consumer %s reaches the service through its own endpoint although all consumers are 10.0.0.0/16", (consumer) => {
    const result = evaluateFlow(model, { from: { instance: `ec2-${consumer}` }, to: { vpcEndpoint: `vpce-${consumer}` }, traffic: parseTraffic("tcp/80") });
    expect(result.status).toBe("reachable");
  });

  test("consumers cannot reach each other's endpoints or instances", () => {
    for (const to of [{ vpcEndpoint: "vpce-stg" }, { instance: "ec2-stg" }]) {
      expect(evaluateFlow(model, { from: { instance: "ec2-dev" }, to, traffic: parseTraffic("tcp/80") }).status).toBe("blocked");
    }
  });
});

describe("transit gateway and Route 53 profiles (article 001's ways to grow)", () => {
  const ssm: Flow = { from: { instance: "user-ec2" }, to: { dnsName: "ssm.ap-northeast-1.amazonaws.com" }, traffic: parseTraffic("tcp/443") };

  test("a spoke reaches the shared endpoints through a transit gateway", () => {
    const result = evaluateFlow(endpointSharingFixture({ transport: "transit-gateway" }).model, ssm);
    expect(result.status).toBe("reachable");
    expect(result.reason).toContain("tgw");
  });

  test("an attachment without a subnet in the endpoint's zone breaks the replies from that zone only: partial", () => {
    const result = evaluateFlow(endpointSharingFixture({ transport: "transit-gateway", hubAttachmentZones: ["a"] }).model, ssm);
    expect(result.status).toBe("partial");
    expect(result.reason).toBe(
      "via ssm-endpoint in shared-1c: tgw-hub has no subnet in ap-northeast-1c, so traffic from shared-1c cannot enter tgw (other paths work)",
    );
  });

  test("zones shared through a Route 53 profile resolve like associated zones, and not without the profile's association", () => {
    expect(evaluateFlow(endpointSharingFixture({ dnsStrategy: "route53-profile" }).model, ssm).status).toBe("reachable");
    expect(evaluateFlow(endpointSharingFixture({ dnsStrategy: "route53-profile", associateZonesWithSpoke: false }).model, ssm).status).toBe("blocked");
  });
});

describe("flows that name something the stack does not have", () => {
  test("are unknown and list what the stack has, so a renamed resource cannot pass silently", () => {
    const result = evaluateFlow(peeringModel().model, { from: { instance: "ec2-9" }, to: { instance: "ec2-2" }, traffic: parseTraffic("icmp") });
    expect(result.status).toBe("unknown");
    expect(result.reason).toBe("the stack has no instance named ec2-9 (its instances: peering-ec2-1, peering-ec2-2)");
  });

  test("traffic is written tcp/<port>, udp/<port> or icmp", () => {
    expect(() => parseTraffic("http")).toThrow('"http" is not a flow\'s traffic: write tcp/<port>, udp/<port> or icmp');
  });
});

describe("answers the review of the model asked for", () => {
  const ssm: Flow = { from: { instance: "user-ec2" }, to: { dnsName: "ssm.ap-northeast-1.amazonaws.com" }, traffic: parseTraffic("tcp/443") };

  /** The endpoints' group admits the spoke by referencing the spoke's group instead of its CIDR. */
  function withGroupReference(json: TerraformJson): TerraformJson {
    const groups = json.resource!["aws_security_group"]!;
    const spokeGroup = Object.keys(groups).find((name) => name.startsWith("user-sg"))!;
    const rules = { ...json.resource!["aws_vpc_security_group_ingress_rule"]! };
    const fromSpoke = Object.keys(rules).find((name) => name.startsWith("endpoint-from-spoke"))!;
    const { cidr_ipv4: _cidr, ...rest } = rules[fromSpoke] as Record<string, unknown>;
    rules[fromSpoke] = { ...rest, referenced_security_group_id: `\${aws_security_group.${spokeGroup}.id}` };
    return { ...json, resource: { ...json.resource, aws_vpc_security_group_ingress_rule: rules } };
  }

  test("a group reference matches across a peering in one region, but not across a transit gateway", () => {
    expect(evaluateFlow(buildNetworkModel(withGroupReference(endpointSharingFixture().json), "fixture"), ssm).status).toBe("reachable");
    const overGateway = evaluateFlow(buildNetworkModel(withGroupReference(endpointSharingFixture({ transport: "transit-gateway" }).json), "fixture"), ssm);
    expect(overGateway.status).toBe("blocked");
    expect(overGateway.reason).toContain("endpoint-sg references user-sg, but a group reference only works within a VPC or across an accepted peering in one region");
  });

  test("a target group that turns cross-zone load balancing off overrides the load balancer", () => {
    const { json } = privateLinkFixture();
    const groups = json.resource!["aws_lb_target_group"]!;
    const [name, group] = Object.entries(groups)[0]!;
    const edited: TerraformJson = { ...json, resource: { ...json.resource, aws_lb_target_group: { [name]: { ...group, load_balancing_cross_zone_enabled: "false" } } } };
    const result = evaluateFlow(buildNetworkModel(edited, "fixture"), { from: { instance: "ec2-a" }, to: { vpcEndpoint: "vpce-a" }, traffic: parseTraffic("tcp/80") });
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("cross-zone load balancing is off");
  });

  test("a rule added to a VPC's default ACL that is not adopted joins AWS's default rules; denying echo requests still lets replies in", () => {
    const { json } = peeringModel();
    const vpc2 = Object.keys(json.resource!["aws_vpc"]!).find((name) => name.startsWith("vpc2"))!;
    const edited: TerraformJson = {
      ...json,
      resource: {
        ...json.resource,
        aws_network_acl_rule: {
          "deny-ping": { network_acl_id: `\${aws_vpc.${vpc2}.default_network_acl_id}`, rule_number: 50, egress: false, protocol: "icmp", rule_action: "deny", cidr_block: "10.0.0.0/16", icmp_type: 8, icmp_code: -1 },
        },
      },
    };
    const model = buildNetworkModel(edited, "peering");
    const result = evaluateFlow(model, ping);
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("ingress rule 50 denies icmp from 10.0.0.0/16");
    expect(evaluateFlow(model, { from: { instance: "ec2-2" }, to: { instance: "ec2-1" }, traffic: parseTraffic("icmp") }).status).toBe("reachable");
  });

  test("an Elastic IP makes 'the internet cannot reach it' unproven instead of blocked", () => {
    const { json } = peeringModel();
    const ec2Second = Object.keys(json.resource!["aws_instance"]!).find((name) => name.startsWith("ec2-2"))!;
    const edited: TerraformJson = { ...json, resource: { ...json.resource, aws_eip: { public: { instance: `\${aws_instance.${ec2Second}.id}` } } } };
    const result = evaluateFlow(buildNetworkModel(edited, "peering"), { from: { cidr: "203.0.113.10/32", label: "the internet" }, to: { instance: "ec2-2" }, traffic: parseTraffic("tcp/22") });
    expect(result.status).toBe("unknown");
    expect(result.reason).toContain("paths through internet gateways are not modelled");
  });
});

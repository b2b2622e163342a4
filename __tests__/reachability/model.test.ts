import { describe, expect, test } from "vitest";
import { buildNetworkModel } from "../../src/reachability/build-model";
import type { TerraformJson } from "../../src/terraform-json/read";
import { Unknown } from "../../src/reachability/values";
import { albPeeringFixture } from "./fixtures/alb-peering-fixture";
import { endpointSharingFixture } from "./fixtures/endpoint-sharing-fixture";
import { privateLinkFixture } from "./fixtures/privatelink-fixture";
import { peeringModel } from "./stack-model";

describe("the model of the peering stack, read from its synthesized JSON", () => {
  const { model } = peeringModel();
  const byLabel = <T extends { label: string }>(items: Map<string, T>, label: string): T => {
    const found = [...items.values()].find((item) => item.label === label);
    if (!found) throw new Error(`no ${label}`);
    return found;
  };

  test("VPCs carry their blocks and DNS attributes", () => {
    const vpc1 = byLabel(model.vpcs, "peering-vpc1");
    expect(vpc1).toMatchObject({ cidrs: ["10.0.0.0/16"], dnsSupport: true, dnsHostnames: false, provider: "aws" });
  });

  test("subnets point at their VPC by resolved reference and keep their zone", () => {
    const subnet = byLabel(model.subnets, "peering-private2");
    expect(subnet.vpc).toBe(byLabel(model.vpcs, "peering-vpc2").address);
    expect(subnet).toMatchObject({ cidr: "172.18.1.0/24", zone: { name: "ap-northeast-1a" } });
  });

  test("each subnet's explicit route table holds the route over the peering", () => {
    const subnet = byLabel(model.subnets, "peering-private1");
    const table = model.routeTables.get(model.routeTableOfSubnet.get(subnet.address)!)!;
    const peering = byLabel(model.peerings, "peering-vpc1-vpc2");
    expect(table.routes).toEqual([
      expect.objectContaining({ destination: "172.18.0.0/16", target: { kind: "peering", connection: peering.address } }),
    ]);
    expect(peering).toMatchObject({ accepted: true, remoteDnsResolution: { requester: false, accepter: false } });
  });

  test("per-rule resources become rules of their group, with group references resolved", () => {
    const eicToEc2 = byLabel(model.securityGroups, "peering-eic-to-ec2");
    const endpointGroup = byLabel(model.securityGroups, "peering-eic-endpoint");
    expect(eicToEc2.rules).toEqual([
      expect.objectContaining({ direction: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind: "group", group: endpointGroup.address } }),
    ]);
  });

  test("the operator's address, known only at plan time, is unknown rather than guessed", () => {
    const endpointGroup = byLabel(model.securityGroups, "peering-eic-endpoint");
    const toOperator = endpointGroup.rules.find((rule) => rule.peer.kind === "unknown");
    expect(toOperator?.peer).toEqual({ kind: "unknown", value: expect.any(Unknown) });
    expect(String((toOperator!.peer as { value: Unknown }).value)).toContain("data.http.operator-address_lookup");
  });

  test("adopted default groups have no rules; instances and the endpoint keep their groups and settings", () => {
    const vpc1 = byLabel(model.vpcs, "peering-vpc1");
    const defaultGroup = model.securityGroups.get(model.defaultSecurityGroupOfVpc.get(vpc1.address)!)!;
    expect(defaultGroup).toMatchObject({ isDefault: true, rules: [] });
    const ec2First = byLabel(model.instances, "peering-ec2-1");
    expect(ec2First.publicIp).toBe(false);
    expect(ec2First.securityGroups).toEqual({
      kind: "groups",
      groups: [byLabel(model.securityGroups, "peering-sg1").address, byLabel(model.securityGroups, "peering-eic-to-ec2").address],
    });
    expect(byLabel(model.instanceConnectEndpoints, "peering-eic-endpoint").preserveClientIp).toBe(false);
  });

  test("no network ACL is written, so none is modelled (the default ACL allows all)", () => {
    expect(model.networkAcls.size).toBe(0);
  });
});

describe("the model reads every form the fixtures use", () => {
  test("inline security group blocks, inline routes and the default route table as the main table", () => {
    const { model } = albPeeringFixture();
    const alb = [...model.securityGroups.values()].find((group) => group.label === "alb-sg")!;
    const web = [...model.securityGroups.values()].find((group) => group.label === "web-sg")!;
    expect(alb.rules).toEqual([
      expect.objectContaining({ direction: "ingress", protocol: "tcp", fromPort: 80, peer: { kind: "cidr", cidr: "10.3.0.0/16" } }),
      expect.objectContaining({ direction: "egress", protocol: "tcp", fromPort: 8080, peer: { kind: "group", group: web.address } }),
    ]);
    const bar = [...model.vpcs.values()].find((vpc) => vpc.label === "bar")!;
    const main = model.routeTables.get(model.mainRouteTableOfVpc.get(bar.address)!)!;
    expect(main.label).toBe("bar-main-rt");
    expect(main.routes[0]).toMatchObject({ destination: "10.2.0.0/16", target: { kind: "peering" } });
    const peering = [...model.peerings.values()][0]!;
    expect(peering.remoteDnsResolution).toEqual({ requester: true, accepter: true });
  });

  test("load balancers, listeners, target groups, registrations and the alias record to the ALB", () => {
    const { model } = albPeeringFixture();
    const alb = [...model.loadBalancers.values()][0]!;
    expect(alb).toMatchObject({ lbType: "application", internal: true, crossZone: true });
    const listener = [...model.listeners.values()][0]!;
    expect(listener).toMatchObject({ loadBalancer: alb.address, port: 80, protocol: "HTTP" });
    const group = model.targetGroups.get(listener.targetGroups[0] as string)!;
    expect(group).toMatchObject({ port: 8080, protocol: "HTTP", targetType: "instance", healthCheckPort: "traffic-port" });
    expect([...model.targetAttachments.values()].map((attachment) => attachment.target.kind)).toEqual(["instance", "instance"]);
    const record = [...model.dnsRecords.values()][0]!;
    expect(record).toMatchObject({ name: "alb.home", type: "A", alias: `\${${alb.address}.dns_name}` });
  });

  test("NLB settings, the endpoint service, its principals and acceptances", () => {
    const { model } = privateLinkFixture({ enforceOnPrivateLink: "on", crossZone: false, consumers: ["dev", "stg"] });
    const nlb = [...model.loadBalancers.values()][0]!;
    expect(nlb).toMatchObject({ lbType: "network", enforceInboundOnPrivateLink: true, crossZone: false });
    const service = [...model.endpointServices.values()][0]!;
    expect(service).toMatchObject({ acceptanceRequired: true, loadBalancers: [nlb.address], allowedPrincipals: [] });
    const endpoints = [...model.vpcEndpoints.values()];
    expect(endpoints.map((endpoint) => endpoint.endpointService)).toEqual([service.address, service.address]);
    expect([...model.endpointAcceptances.values()].map((acceptance) => acceptance.endpoint)).toEqual(endpoints.map((endpoint) => endpoint.address));
  });

  test("zones are seen through associations or through a Route 53 profile", () => {
    const direct = endpointSharingFixture().model;
    const spoke = [...direct.vpcs.values()].find((vpc) => vpc.label === "user-vpc")!;
    for (const zone of direct.hostedZones.values()) {
      expect(zone.isPrivate).toBe(true);
      expect(zone.associations.map((association) => association.vpc)).toContain(spoke.address);
    }
    const profiled = endpointSharingFixture({ dnsStrategy: "route53-profile" }).model;
    const zone = [...profiled.hostedZones.values()][0]!;
    expect(zone.associations[1]?.via).toContain("Route 53 profile");
  });

  test("transit gateway attachments associate with and propagate to the default route table", () => {
    const { model } = endpointSharingFixture({ transport: "transit-gateway" });
    const table = [...model.transitGatewayRouteTables.values()][0]!;
    expect(table.associations).toHaveLength(2);
    expect(table.propagations).toEqual(table.associations);
  });
});

describe("forms written by hand (a configuration produced elsewhere)", () => {
  const json: TerraformJson = {
    resource: {
      aws_vpc: { a: { cidr_block: "10.0.0.0/16" } },
      aws_vpc_ipv4_cidr_block_association: { extra: { vpc_id: "${aws_vpc.a.id}", cidr_block: "10.1.0.0/16" } },
      aws_subnet: { s: { vpc_id: "${aws_vpc.a.id}", cidr_block: "10.0.1.0/24", availability_zone_id: "apne1-az1", map_public_ip_on_launch: true } },
      aws_security_group: { g: { vpc_id: "${aws_vpc.a.id}" } },
      aws_security_group_rule: {
        self: { type: "ingress", security_group_id: "${aws_security_group.g.id}", protocol: "-1", from_port: 0, to_port: 0, self: true },
        out: { type: "egress", security_group_id: "${aws_security_group.g.id}", protocol: "6", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"] },
      },
      aws_default_network_acl: { d: { default_network_acl_id: "${aws_vpc.a.default_network_acl_id}", ingress: [{ rule_no: 200, action: "allow", protocol: "-1", cidr_block: "0.0.0.0/0", from_port: 0, to_port: 0 }] } },
      aws_network_acl_rule: { deny: { network_acl_id: "${aws_default_network_acl.d.id}", rule_number: 100, egress: false, protocol: "tcp", rule_action: "deny", cidr_block: "10.9.0.0/16", from_port: 22, to_port: 22 } },
      aws_route_table: { main: { vpc_id: "${aws_vpc.a.id}" } },
      aws_main_route_table_association: { m: { vpc_id: "${aws_vpc.a.id}", route_table_id: "${aws_route_table.main.id}" } },
      aws_vpc_endpoint: {
        s3: { vpc_id: "${aws_vpc.a.id}", service_name: "com.amazonaws.ap-northeast-1.s3", route_table_ids: ["${aws_route_table.main.id}"] },
        logs: { vpc_id: "${aws_vpc.a.id}", vpc_endpoint_type: "Interface", service_name: "com.amazonaws.ap-northeast-1.logs", subnet_configuration: [{ subnet_id: "${aws_subnet.s.id}" }] },
      },
      aws_instance: { i: { subnet_id: "${aws_subnet.s.id}" } },
    },
  };
  const model = buildNetworkModel(json, "hand");

  test("extra VPC blocks, zone ids, public IPs from the subnet, and the VPC's default group for an instance without groups", () => {
    expect(model.vpcs.get("aws_vpc.a")!.cidrs).toEqual(["10.0.0.0/16", "10.1.0.0/16"]);
    expect(model.subnets.get("aws_subnet.s")!.zone.id).toBe("apne1-az1");
    expect(model.instances.get("aws_instance.i")).toMatchObject({ publicIp: true, securityGroups: { kind: "vpc-default" } });
    const stand_in = model.securityGroups.get(model.defaultSecurityGroupOfVpc.get("aws_vpc.a")!)!;
    expect(stand_in.rules.map((rule) => `${rule.direction} ${rule.peer.kind}`)).toEqual(["ingress group", "egress cidr"]);
  });

  test("aws_security_group_rule with self and numeric protocols", () => {
    expect(model.securityGroups.get("aws_security_group.g")!.rules).toEqual([
      expect.objectContaining({ direction: "ingress", protocol: "-1", peer: { kind: "group", group: "aws_security_group.g" } }),
      expect.objectContaining({ direction: "egress", protocol: "tcp", fromPort: 443, peer: { kind: "cidr", cidr: "0.0.0.0/0" } }),
    ]);
  });

  test("an adopted default ACL with its inline and separate rules, in rule-number order", () => {
    const acl = model.networkAcls.get("aws_default_network_acl.d")!;
    expect(acl).toMatchObject({ isDefault: true, vpc: "aws_vpc.a" });
    expect(acl.rules.map((rule) => `${rule.ruleNumber} ${rule.allow ? "allow" : "deny"}`)).toEqual(["100 deny", "200 allow"]);
  });

  test("the main route table association, gateway endpoint routes, and subnet_configuration of an interface endpoint", () => {
    expect(model.mainRouteTableOfVpc.get("aws_vpc.a")).toBe("aws_route_table.main");
    expect(model.routeTables.get("aws_route_table.main")!.routes).toEqual([
      expect.objectContaining({ target: { kind: "gateway-endpoint", endpoint: "aws_vpc_endpoint.s3" } }),
    ]);
    expect(model.vpcEndpoints.get("aws_vpc_endpoint.s3")!.endpointType).toBe("Gateway");
    expect(model.vpcEndpoints.get("aws_vpc_endpoint.logs")).toMatchObject({ endpointType: "Interface", subnets: ["aws_subnet.s"], securityGroups: { kind: "vpc-default" } });
  });
});

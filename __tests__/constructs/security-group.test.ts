import { Testing, TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { Port } from "../../src/constructs/port";
import { PrivateNetwork } from "../../src/constructs/private-network";
import { CidrPeer, FlowSecurityGroup, PrefixListPeer } from "../../src/constructs/security-group";
import { ref, resourceNamed, resourcesOf, type StackJson } from "../support/synth";

function twoNetworks() {
  const stack = new TerraformStack(Testing.app(), "flows");
  const left = new PrivateNetwork(stack, "left", { name: "left", cidr: "10.0.0.0/16", subnets: [] });
  const right = new PrivateNetwork(stack, "right", { name: "right", cidr: "10.1.0.0/16", subnets: [] });
  const group = (id: string, network: PrivateNetwork) => new FlowSecurityGroup(stack, id, { network, name: id, description: id });
  return { stack, left, right, group };
}

function synth(stack: TerraformStack): StackJson {
  return JSON.parse(Testing.synth(stack));
}

describe("security groups built from flows", () => {
  it("takes a group, a CIDR range or a prefix list as the peer on either side, writing rules only on groups of this app", () => {
    const { stack, left, group } = twoNetworks();
    const server = group("server", left);
    const client = group("client", left);
    server.allowFrom(new PrefixListPeer("pl-61a54008", "s3"), Port.tcp(443));
    server.allowFrom(new CidrPeer("192.0.2.0/24", "office"), Port.tcp(22));
    server.allowFrom(client, Port.tcp(8080));
    client.allowTo(new PrefixListPeer("pl-61a54008", "s3"), Port.tcp(443));
    const json = synth(stack);
    const ingress = resourcesOf(json, "aws_vpc_security_group_ingress_rule");
    const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule");
    expect(Object.values(ingress).map((rule) => `${rule["description"]}: ${rule["prefix_list_id"] ?? rule["cidr_ipv4"] ?? "group"}`).sort()).toEqual([
      "tcp/22 from office: 192.0.2.0/24",
      "tcp/443 from s3: pl-61a54008",
      "tcp/8080 from flows-client (left): group",
    ]);
    // The group-to-group flow also gives the client its egress; the ranges and lists have no rules of their own.
    expect(Object.values(egress).map((rule) => rule["prefix_list_id"] ?? (rule["referenced_security_group_id"] ? "group" : rule["cidr_ipv4"])).sort()).toEqual(["group", "pl-61a54008"]);
  });

  it("writes a flow inside one VPC as egress and ingress that reference each other's group", () => {
    const { stack, left, group } = twoNetworks();
    const client = group("client", left);
    const server = group("server", left);
    client.allowTo(server, Port.tcp(443));
    const json = synth(stack);
    const clientGroup = resourceNamed(json, "aws_security_group", "flows-client").address;
    const serverGroup = resourceNamed(json, "aws_security_group", "flows-server").address;

    const egress = Object.values(resourcesOf(json, "aws_vpc_security_group_egress_rule"));
    const ingress = Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"));
    expect(egress).toEqual([
      expect.objectContaining({ security_group_id: ref(clientGroup), referenced_security_group_id: ref(serverGroup), ip_protocol: "tcp", from_port: 443, to_port: 443 }),
    ]);
    expect(ingress).toEqual([
      expect.objectContaining({ security_group_id: ref(serverGroup), referenced_security_group_id: ref(clientGroup), ip_protocol: "tcp", from_port: 443, to_port: 443 }),
    ]);
  });

  it("addresses a group in another VPC by that VPC's CIDR on both sides", () => {
    const { stack, left, right, group } = twoNetworks();
    group("a", left).allowTo(group("b", right), Port.allIcmp());
    const json = synth(stack);
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_egress_rule"))).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.1.0.0/16", ip_protocol: "icmp", from_port: -1, to_port: -1 }),
    ]);
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"))).toEqual([
      expect.objectContaining({ cidr_ipv4: "10.0.0.0/16", ip_protocol: "icmp", from_port: -1, to_port: -1 }),
    ]);
  });

  it("writes only this group's side for a CIDR outside the app", () => {
    const { stack, left, group } = twoNetworks();
    const g = group("g", left);
    g.allowTo(new CidrPeer("203.0.113.10/32", "operator"), Port.tcp(22));
    g.allowFrom(new CidrPeer("192.0.2.0/24", "office"), Port.tcp(22));
    const json = synth(stack);
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_egress_rule"))).toEqual([
      expect.objectContaining({ cidr_ipv4: "203.0.113.10/32", description: "tcp/22 to operator" }),
    ]);
    expect(Object.values(resourcesOf(json, "aws_vpc_security_group_ingress_rule"))).toEqual([
      expect.objectContaining({ cidr_ipv4: "192.0.2.0/24", description: "tcp/22 from office" }),
    ]);
  });

  it("treats allowFrom as the same flow seen from the receiver", () => {
    const { stack, left, group } = twoNetworks();
    const client = group("client", left);
    group("server", left).allowFrom(client, Port.tcp(22));
    const json = synth(stack);
    expect(Object.keys(resourcesOf(json, "aws_vpc_security_group_egress_rule"))).toEqual([expect.stringMatching(/^client_egress-tcp22-to-server_/)]);
    expect(Object.keys(resourcesOf(json, "aws_vpc_security_group_ingress_rule"))).toEqual([expect.stringMatching(/^server_ingress-tcp22-from-client_/)]);
  });

  it("puts no inline rules on the group, so AWS's default allow-all egress is removed", () => {
    const { stack, left, group } = twoNetworks();
    group("g", left);
    const body = resourceNamed(synth(stack), "aws_security_group", "flows-g").body;
    expect(body).not.toHaveProperty("ingress");
    expect(body).not.toHaveProperty("egress");
  });

  it("refuses a flow declared twice", () => {
    const { left, group } = twoNetworks();
    const a = group("a", left);
    const b = group("b", left);
    a.allowTo(b, Port.tcp(22));
    expect(() => b.allowFrom(a, Port.tcp(22))).toThrowError(/the flow egress-tcp22-to-b is declared twice/);
  });

  it("refuses a TCP port outside 0-65535", () => {
    expect(() => Port.tcp(70000)).toThrowError(/Port.tcp\(70000\)/);
  });
});

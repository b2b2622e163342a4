import { Ec2InstanceConnectEndpoint } from "@cdktf/provider-aws/lib/ec2-instance-connect-endpoint";
import type { Ec2TransitGatewayVpcAttachment } from "@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment";
import type { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import type { Vpc } from "@cdktf/provider-aws/lib/vpc";
import type { TerraformStack } from "cdktf";
import { describe, expect, test } from "vitest";
import type { InternalAlb } from "../../src/topologies/alb-peering/internal-alb";
import { Port } from "../../src/constructs/port";
import type { PrivateNetwork } from "../../src/constructs/private-network";
import { CidrPeer, type FlowSecurityGroup } from "../../src/constructs/security-group";
import { evaluateFlow, type Flow } from "../../src/reachability/evaluate/evaluate-flow";
import { parseTraffic } from "../../src/reachability/evaluate/traffic";
import { stackModel, peeringModel, removeConstruct, type StackModelOptions } from "./stack-model";

const albPeeringModel = (options: StackModelOptions = {}) => stackModel("alb-peering", options);

const ping: Flow = { from: { instance: "ec2-1" }, to: { instance: "ec2-2" }, traffic: parseTraffic("icmp") };
const pingBack: Flow = { from: { instance: "ec2-2" }, to: { instance: "ec2-1" }, traffic: parseTraffic("icmp") };
const sshThroughEndpoint: Flow = { from: { instanceConnectEndpoint: "eic-endpoint" }, to: { instance: "ec2-1" }, traffic: parseTraffic("tcp/22") };

function endpointOf(stack: import("cdktf").TerraformStack): Ec2InstanceConnectEndpoint {
  return stack.node.findChild("eic").node.findChild("endpoint") as Ec2InstanceConnectEndpoint;
}

describe("article 000 (peering): each pitfall, made once in the real stack, is blocked with the reason", () => {
  test("the stack as written lets ec2-1 ping ec2-2 and SSH arrive through the endpoint", () => {
    const { model } = peeringModel();
    expect(evaluateFlow(model, ping).status).toBe("reachable");
    expect(evaluateFlow(model, sshThroughEndpoint).status).toBe("reachable");
  });

  test("an ICMP ingress rule without its egress rule blocks ping at the sender's group", () => {
    const { model } = peeringModel({ mistake: (stack) => removeConstruct(stack, "sg1/egress-icmp-to-sg2") });
    const result = evaluateFlow(model, ping);
    expect(result.status).toBe("blocked");
    expect(result.reason).toBe(
      "none of peering-sg1, peering-eic-to-ec2 (on peering-ec2-1) has an egress rule for icmp to peering-ec2-2 (172.18.1.0/24)",
    );
    expect(evaluateFlow(model, pingBack).status).toBe("reachable");
  });

  test("an Instance Connect endpoint without a security group gets the VPC's empty default group and cannot connect", () => {
    const { model } = peeringModel({ mistake: (stack) => endpointOf(stack).resetSecurityGroupIds() });
    const result = evaluateFlow(model, sshThroughEndpoint);
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("peering-vpc1-default-no-rules has no egress rule for tcp/22 to peering-ec2-1");
    expect(result.reason).toContain("peering-eic-endpoint names no security group, so it gets its VPC's default group");
  });

  test("preserve_client_ip = true (the provider's default) makes ec2-1 see the operator, not the endpoint's group", () => {
    const { model } = peeringModel({
      mistake: (stack) => {
        endpointOf(stack).preserveClientIp = true;
      },
    });
    const result = evaluateFlow(model, sshThroughEndpoint);
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain(
      "none of peering-sg1, peering-eic-to-ec2 (on peering-ec2-1) has an ingress rule for tcp/22 from the operator's address",
    );
    expect(result.reason).toContain("preserve_client_ip = true");
  });

  test("overlapping VPC blocks across the peering keep the traffic in the sender's VPC", () => {
    const { model } = peeringModel({
      unvalidated: true,
      overrides: { peering: { accepter: { cidr: "10.0.0.0/16", subnet: { cidr: "10.0.2.0/24" } } } },
    });
    const result = evaluateFlow(model, ping);
    expect(result.status).toBe("blocked");
    expect(result.reason).toBe(
      "request: 10.0.2.0/24 is inside peering-vpc1's own block 10.0.0.0/16, so the local route keeps the traffic in peering-vpc1; peering-vpc1 and peering-vpc2 overlap",
    );
  });

  test("a route missing on one side blocks the request one way and the reply the other way", () => {
    const { model } = peeringModel({ mistake: (stack) => removeConstruct(stack, "peering/vpc2-private2-route") });
    const there = evaluateFlow(model, ping);
    expect(there.status).toBe("blocked");
    expect(there.reason).toBe("reply: peering-private2-rt (route table of peering-private2) has no route to 10.0.1.0/24");
    const back = evaluateFlow(model, pingBack);
    expect(back.status).toBe("blocked");
    expect(back.reason).toBe("request: peering-private2-rt (route table of peering-private2) has no route to 10.0.1.0/24");
  });
});

describe("article 003 (PrivateLink): the two failures Reachability Analyzer found are off by default in the real stack, and found offline when turned on", () => {
  const clientToEndpoint: Flow = { from: { instance: "dev-client" }, to: { vpcEndpoint: "dev-endpoint" }, traffic: parseTraffic("tcp/80") };
  const privateLinkModel = (options: StackModelOptions = {}) => stackModel("privatelink", options);

  test("as written (enforcement off, cross-zone on), dev's client in 1a reaches the server in 1c through its endpoint and the NLB", () => {
    const result = evaluateFlow(privateLinkModel().model, clientToEndpoint);
    expect(result.status).toBe("reachable");
    expect(result.reason).toBe(
      "via privatelink-dev-client -> privatelink-dev-endpoint -> privatelink-service -> privatelink-nlb -> privatelink-nlb:80 -> privatelink-nlb-80 -> privatelink-shared -> privatelink-server",
    );
  });

  test("the NLB's group enforced on PrivateLink traffic (AWS's default) blocks at the NLB and says which setting to turn off", () => {
    const { model } = privateLinkModel({ overrides: { privatelink: { endpointService: { enforceInboundRulesOnPrivateLinkTraffic: true } } } });
    const result = evaluateFlow(model, clientToEndpoint);
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("privatelink-nlb has no ingress rule for tcp/80 from PrivateLink traffic from privatelink-dev-endpoint");
    expect(result.reason).toContain('set enforce_security_group_inbound_rules_on_private_link_traffic = "off"');
  });

  test("cross-zone load balancing off (the NLB's default) strands the endpoint's zone (1a) without a target (1c)", () => {
    const { model } = privateLinkModel({ overrides: { privatelink: { endpointService: { crossZoneLoadBalancing: false } } } });
    const result = evaluateFlow(model, clientToEndpoint);
    expect(result.status).toBe("blocked");
    expect(result.reason).toBe(
      "the privatelink-nlb node in privatelink-shared-private-a (ap-northeast-1a) has no target in its zone and cross-zone load balancing is off (targets are in ap-northeast-1c); set enable_cross_zone_load_balancing = true or register a target in that zone",
    );
  });

  test("a connection nobody accepts stays pending (article 002's manual step, written in code here)", () => {
    const { model } = privateLinkModel({ mistake: (stack) => removeConstruct(stack, "endpoint-service/accept-dev") });
    const result = evaluateFlow(model, clientToEndpoint);
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("privatelink-service requires acceptance and nothing accepts privatelink-dev-endpoint's connection");
    expect(evaluateFlow(model, { ...clientToEndpoint, from: { instance: "stg-client" }, to: { vpcEndpoint: "stg-endpoint" } }).status).toBe("reachable");
  });
});

describe("article 001 (shared endpoints): each pitfall, made once in the real stack, is blocked with the reason", () => {
  const endpointSharingModel = (options: StackModelOptions = {}) => stackModel("endpoint-sharing", options);
  const ssmFrom = (instance: string): Flow => ({ from: { instance }, to: { dnsName: "ssm.ap-northeast-1.amazonaws.com" }, traffic: parseTraffic("tcp/443") });
  const overGateway = { endpointSharing: { transport: "transit-gateway" } };

  test("the stack as written lets the spoke reach the hub's ssm endpoint by name, in both zones, over peering and over a transit gateway", () => {
    for (const overrides of [{}, overGateway]) {
      const result = evaluateFlow(endpointSharingModel({ overrides }).model, ssmFrom("user-vpc-ec2"));
      expect(result.status).toBe("reachable");
      expect(result.paths).toHaveLength(2);
    }
  });

  test("a zone not associated with the spoke (the article's first try) resolves to the public endpoint", () => {
    const { model } = endpointSharingModel({ mistake: (stack) => removeConstruct(stack, "user-vpc/ssm-zone") });
    const result = evaluateFlow(model, ssmFrom("user-vpc-ec2"));
    expect(result.status).toBe("blocked");
    expect(result.reason).toBe(
      "it resolves to the public ssm endpoint: no private hosted zone for ssm.ap-northeast-1.amazonaws.com is associated with endpoint-sharing-user-vpc, and no interface endpoint with private DNS is in endpoint-sharing-user-vpc",
    );
    expect(evaluateFlow(model, ssmFrom("shared-vpc-ec2")).status).toBe("reachable");
  });

  test("the endpoints' group without the spoke's block (the article's second rule) refuses the spoke", () => {
    const { model } = endpointSharingModel({ mistake: (stack) => removeConstruct(stack, "endpoints/security-group/ingress-tcp443-from-user-vpc") });
    const result = evaluateFlow(model, ssmFrom("user-vpc-ec2"));
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("endpoint-sharing-vpce has no ingress rule for tcp/443 from endpoint-sharing-user-vpc-ec2");
  });

  test("DNS host names off in the spoke leaves the shared zones unanswered", () => {
    const { model } = endpointSharingModel({
      mistake: (stack) => (stack.node.findChild("user-vpc").node.findChild("network").node.findChild("vpc") as Vpc).enableDnsHostnames = false,
    });
    const result = evaluateFlow(model, ssmFrom("user-vpc-ec2"));
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("endpoint-sharing-user-vpc has DNS hostnames off");
  });

  test("a hub attachment without a subnet in 1c loses the replies of the endpoint's 1c address: partial", () => {
    const { model } = endpointSharingModel({
      overrides: overGateway,
      mistake: (stack) => {
        const attachment = stack.node.findChild("transit-gateway").node.findChild("hub-attachment") as Ec2TransitGatewayVpcAttachment;
        const hub = stack.node.findChild("shared-vpc") as PrivateNetwork;
        attachment.subnetIds = [hub.subnet("shared-vpc-subnet-a").subnet.id];
      },
    });
    const result = evaluateFlow(model, ssmFrom("user-vpc-ec2"));
    expect(result.status).toBe("partial");
    expect(result.reason).toBe(
      "via endpoint-sharing-vpce-ssm in endpoint-sharing-shared-vpc-subnet-c: endpoint-sharing-shared-vpc-attachment has no subnet in ap-northeast-1c, so traffic from endpoint-sharing-shared-vpc-subnet-c cannot enter endpoint-sharing-tgw (other paths work)",
    );
  });

  test("a spoke attachment that does not propagate into the hub's table leaves the hub no way back", () => {
    const { model } = endpointSharingModel({ overrides: overGateway, mistake: (stack) => removeConstruct(stack, "user-vpc/tgw-propagation") });
    const result = evaluateFlow(model, ssmFrom("user-vpc-ec2"));
    expect(result.status).toBe("blocked");
    expect(result.reason).toBe("endpoint-sharing-tgw-to-spokes has no route to 192.168.100.0/24 (no static route, and no attachment propagates a block holding it)");
  });
});

describe("article 004 (ALB over peering): each pitfall, made once in the real stack, is blocked with the reason", () => {
  const albByName: Flow = { from: { instance: "client" }, to: { dnsName: "alb.home" }, traffic: parseTraffic("tcp/80") };
  const fromFooHost: Flow = { from: { cidr: "10.2.1.0/24", label: "a host in foo" }, to: { loadBalancer: "alb" }, traffic: parseTraffic("tcp/80") };
  const vpcOf = (stack: TerraformStack, network: string) => stack.node.findChild(network).node.findChild("vpc") as Vpc;

  test("the stack as written lets bar's client reach the web servers through alb.home, over the peering, 80 to 8080", () => {
    const result = evaluateFlow(albPeeringModel().model, albByName);
    expect(result.status).toBe("reachable");
    expect(result.reason).toBe(
      "via home -> alb.home A -> alb-peering-client -> alb-peering-bar-foo -> alb-peering-alb -> alb-peering-alb:80 -> alb-peering-alb-8080 -> alb-peering-web",
    );
  });

  test("DNS hostnames off in bar leaves alb.home unresolved", () => {
    const { model } = albPeeringModel({ mistake: (stack) => (vpcOf(stack, "bar").enableDnsHostnames = false) });
    const result = evaluateFlow(model, albByName);
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("alb-peering-bar has DNS hostnames off (enable_dns_hostnames = false)");
  });

  test("zone home associated with foo instead of bar leaves alb.home to public DNS", () => {
    const { model } = albPeeringModel({
      mistake: (stack) => {
        const zone = stack.node.findChild("private-name").node.findChild("zone") as Route53Zone;
        zone.putVpc([{ vpcId: vpcOf(stack, "foo").id }]);
      },
    });
    const result = evaluateFlow(model, albByName);
    expect(result.status).toBe("blocked");
    expect(result.reason).toBe("no private hosted zone associated with alb-peering-bar holds alb.home, so it resolves through public DNS, if at all");
  });

  test("forgetting HTTP on the ALB's group (the article's reminder) blocks the client at the ALB", () => {
    const { model } = albPeeringModel({ mistake: (stack) => removeConstruct(stack, "alb/security-group/ingress-tcp80-from-client") });
    const result = evaluateFlow(model, albByName);
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("alb-peering-alb has no ingress rule for tcp/80 from alb-peering-client");
  });

  test("a web group that admits 80 instead of 8080 passes the listener but fails at the targets", () => {
    const { model } = albPeeringModel({
      mistake: (stack) => {
        removeConstruct(stack, "web-sg/ingress-tcp8080-from-alb");
        const alb = stack.node.findChild("alb") as InternalAlb;
        alb.securityGroup.allowTo(stack.node.findChild("web-sg") as FlowSecurityGroup, Port.tcp(80));
      },
    });
    const result = evaluateFlow(model, albByName);
    expect(result.status).toBe("blocked");
    expect(result.reason).toContain("alb-peering-web has no ingress rule for tcp/8080");
  });

  test("the article's stopgap, HTTP from anywhere, would let every host in foo reach the listener; the stack refuses it", () => {
    expect(evaluateFlow(albPeeringModel().model, fromFooHost).status).toBe("blocked");
    const { model } = albPeeringModel({
      mistake: (stack) => (stack.node.findChild("alb") as InternalAlb).allowClient(new CidrPeer("0.0.0.0/0", "anywhere")),
    });
    expect(evaluateFlow(model, fromFooHost).status).toBe("reachable");
  });
});

import { describe, expect, it } from "vitest";
import { buildNetworkModel } from "../../src/reachability/build-model";
import { diffReachability, type ReviewSide, type StackReachabilityDiff } from "../../src/reachability/diff/reachability-diff";
import { expandFlows } from "../../src/reachability/flows";
import { ENDPOINT_SHARING_DEFAULTS } from "../../src/topologies/endpoint-sharing/config";
import { PRIVATELINK_DEFAULTS } from "../../src/topologies/privatelink/config";
import { topologyOf } from "../../src/topologies/registry";
import { configWith, synthStack } from "../support/synth";

type Json = Record<string, any>;

/** One side of a review: a stack synthesized with `overrides`, then edited as a pull request's code would change it. */
function side(stack: string, raw: unknown = {}, edit?: (json: Json) => void): ReviewSide {
  const overrides = JSON.parse(JSON.stringify(raw)) as unknown;
  const json = structuredClone(synthStack(stack, overrides).json) as Json;
  edit?.(json);
  const model = buildNetworkModel(json, stack);
  return { json, model, declared: expandFlows(model, topologyOf(stack)!.flows(configWith(overrides) as never)) };
}

/** The diff as lines a reviewer reads: kind, expectation, flow. */
function flows(diff: StackReachabilityDiff): string[] {
  return (["opened", "closed", "changedPath"] as const).flatMap((kind) => diff[kind].map((change) => `${kind} ${change.expectation} ${change.from} -> ${change.to} ${change.traffic}`)).sort();
}

function causes(diff: StackReachabilityDiff): string[] {
  return [...new Set([...diff.opened, ...diff.closed, ...diff.changedPath].flatMap((change) => change.cause.map((cause) => `${cause.change} ${cause.address}`)))].sort();
}

const rulesOf = (json: Json): Json[] => Object.values(json["resource"]["aws_vpc_security_group_ingress_rule"] ?? {});
const sshRule = (json: Json): Json => rulesOf(json).find((rule) => rule["from_port"] === 22)!;

interface Case {
  readonly change: string;
  readonly stack: string;
  readonly base?: { readonly config?: unknown; readonly edit?: (json: Json) => void };
  readonly head: { readonly config?: unknown; readonly edit?: (json: Json) => void };
  readonly flows: readonly string[];
  /** Every cause, as `<change> <address>`, each matched by one of these. */
  readonly causes: readonly RegExp[];
}

const peeringHosts = ["any other host in peering-private1", "any other host in peering-private2"];
const ICE_RULE = /^changed aws_vpc_security_group_ingress_rule\.eic-to-ec2_ingress-tcp22-from-eic-endpoint_[0-9A-F]{8}$/;

const CASES: readonly Case[] = [
  {
    change: "a group widened to 0.0.0.0/0 on tcp/22 (and 20-25)",
    stack: "peering",
    head: { edit: (json) => Object.assign(sshRule(json), { cidr_ipv4: "0.0.0.0/0", referenced_security_group_id: undefined, from_port: 20, to_port: 25 }) },
    flows: peeringHosts.flatMap((host) => [
      `opened must-not ${host} -> peering-ec2-1 tcp/22`,
      `opened undeclared ${host} -> peering-ec2-1 tcp/20-21`,
      `opened undeclared ${host} -> peering-ec2-1 tcp/23-25`,
    ]),
    causes: [ICE_RULE],
  },
  {
    change: "a port changed: SSH from the Instance Connect endpoint moved to tcp/2222, which its own group does not send",
    stack: "peering",
    head: { edit: (json) => Object.assign(sshRule(json), { from_port: 2222, to_port: 2222 }) },
    flows: ["closed intended peering-eic-endpoint -> peering-ec2-1 tcp/22"],
    causes: [ICE_RULE],
  },
  {
    change: "a port range split: tcp/20-25 becomes tcp/20-21 and tcp/23-25",
    stack: "peering",
    base: { edit: (json) => Object.assign(sshRule(json), { from_port: 20, to_port: 25 }) },
    head: {
      edit: (json) => {
        Object.assign(sshRule(json), { from_port: 20, to_port: 21 });
        json["resource"]["aws_vpc_security_group_ingress_rule"]["split"] = { ...sshRule(json), from_port: 23, to_port: 25 };
      },
    },
    flows: ["closed intended peering-eic-endpoint -> peering-ec2-1 tcp/22"],
    causes: [ICE_RULE],
  },
  {
    change: "a route removed: vpc1's route to vpc2 over the peering",
    stack: "peering",
    head: { edit: (json) => delete json["resource"]["aws_route"][Object.keys(json["resource"]["aws_route"])[0]!] },
    flows: [
      "closed intended peering-ec2-1 -> peering-ec2-2 icmp",
      "closed intended peering-ec2-2 -> peering-ec2-1 icmp",
      "closed undeclared any other host in peering-private1 -> peering-ec2-2 icmp",
      "closed undeclared any other host in peering-private2 -> peering-ec2-1 icmp",
    ],
    causes: [/^removed aws_route\.peering_vpc1-private1-route_[0-9A-F]{8}$/],
  },
  {
    change: "a network ACL deny added: vpc2's subnet refuses ICMP from vpc1",
    stack: "peering",
    head: {
      edit: (json) => {
        const vpc = Object.keys(json["resource"]["aws_vpc"]).find((name) => name.startsWith("vpc2"))!;
        const subnet = Object.keys(json["resource"]["aws_subnet"]).find((name) => name.startsWith("vpc2"))!;
        const rule = (number: number, action: string, protocol: string, cidr: string) => ({ rule_no: number, action, protocol, from_port: 0, to_port: 0, icmp_type: -1, icmp_code: -1, cidr_block: cidr });
        json["resource"]["aws_network_acl"] = {
          deny: {
            vpc_id: `\${aws_vpc.${vpc}.id}`,
            subnet_ids: [`\${aws_subnet.${subnet}.id}`],
            ingress: [rule(100, "deny", "icmp", "10.0.0.0/16"), rule(200, "allow", "-1", "0.0.0.0/0")],
            egress: [rule(100, "allow", "-1", "0.0.0.0/0")],
          },
        };
      },
    },
    flows: [
      "closed intended peering-ec2-1 -> peering-ec2-2 icmp",
      "closed intended peering-ec2-2 -> peering-ec2-1 icmp",
      "closed undeclared any other host in peering-private1 -> peering-ec2-2 icmp",
      "closed undeclared any other host in peering-private2 -> peering-ec2-1 icmp",
    ],
    causes: [/^added aws_network_acl\.deny$/],
  },
  {
    change: "peering DNS resolution turned off: no flow uses a peer's public host names, so nothing moves",
    stack: "alb-peering",
    head: {
      edit: (json) => {
        for (const options of Object.values(json["resource"]["aws_vpc_peering_connection_options"]) as Json[]) {
          for (const key of Object.keys(options)) if (key !== "vpc_peering_connection_id" && key !== "provider") delete options[key];
        }
      },
    },
    flows: [],
    causes: [],
  },
  {
    change: "a private zone association removed: the spoke resolves ec2messages publicly",
    stack: "endpoint-sharing",
    head: { edit: (json) => delete json["resource"]["aws_route53_zone_association"][Object.keys(json["resource"]["aws_route53_zone_association"]).find((name) => name.includes("ec2messages"))!] },
    flows: [
      "closed intended endpoint-sharing-user-vpc-ec2 -> ec2messages.ap-northeast-1.amazonaws.com tcp/443",
      "closed undeclared any other host in endpoint-sharing-user-vpc-subnet-a -> ec2messages.ap-northeast-1.amazonaws.com tcp/443",
    ],
    causes: [/^removed aws_route53_zone_association\.user-vpc_ec2messages-zone_association_[0-9A-F]{8}$/],
  },
  {
    change: "endpoint private DNS turned off: the consumer's name for the service resolves publicly",
    stack: "privatelink",
    base: { config: { privatelink: { endpointService: { privateDnsName: "web.example.com", privateDnsPublicZoneId: "Z0123456789ABCDEFGHIJ" } } } },
    head: {
      config: { privatelink: { endpointService: { privateDnsName: "web.example.com", privateDnsPublicZoneId: "Z0123456789ABCDEFGHIJ" } } },
      edit: (json) => {
        const dev = Object.entries(json["resource"]["aws_vpc_endpoint_private_dns"] as Json).find(([name]) => name.startsWith("dev"))![1] as Json;
        dev["private_dns_enabled"] = false;
      },
    },
    // Other hosts in the subnet never got past the endpoint's group, which admits the client's only.
    flows: ["closed undeclared privatelink-dev-client -> web.example.com tcp/80"],
    causes: [/^changed aws_vpc_endpoint_private_dns\.dev_/],
  },
  {
    change: "an NLB listener port changed from 80 to 8080, which no client's group sends",
    stack: "privatelink",
    head: { edit: (json) => Object.values(json["resource"]["aws_lb_listener"] as Json).forEach((listener) => ((listener as Json)["port"] = 8080)) },
    flows: ["dev", "prod", "stg"].map((name) => `closed intended privatelink-${name}-client -> privatelink-${name}-endpoint tcp/80`),
    causes: [/^changed aws_lb_listener\.nlb_listener_[0-9A-F]{8}$/],
  },
  {
    change: "acceptance required toggled off: every endpoint was accepted already, so nothing moves",
    stack: "privatelink",
    head: {
      edit: (json) => {
        for (const service of Object.values(json["resource"]["aws_vpc_endpoint_service"]) as Json[]) service["acceptance_required"] = false;
        delete json["resource"]["aws_vpc_endpoint_connection_accepter"];
      },
    },
    flows: [],
    causes: [],
  },
  {
    change: "a spoke added: it reaches the shared endpoints, and the hub reaches it",
    stack: "endpoint-sharing",
    head: {
      config: {
        endpointSharing: {
          spokes: [...ENDPOINT_SHARING_DEFAULTS.spokes, { name: "dev-vpc", cidr: "10.1.0.0/16", subnets: [{ name: "dev-vpc-subnet-a", cidr: "10.1.1.0/24", availabilityZone: "a" }], instanceName: "dev-vpc-ec2" }],
        },
      },
    },
    flows: [
      "opened intended endpoint-sharing-shared-vpc-ec2 -> endpoint-sharing-dev-vpc-ec2 tcp/22",
      ...["ec2messages", "ssm", "ssmmessages"].map((service) => `opened intended endpoint-sharing-dev-vpc-ec2 -> ${service}.ap-northeast-1.amazonaws.com tcp/443`),
      ...["ec2messages", "ssm", "ssmmessages"].map((service) => `opened undeclared endpoint-sharing-dev-vpc-ec2 -> endpoint-sharing-vpce-${service} tcp/443`),
      ...["ec2messages", "ssm", "ssmmessages"].map((service) => `opened undeclared any other host in endpoint-sharing-dev-vpc-subnet-a -> ${service}.ap-northeast-1.amazonaws.com tcp/443`),
      ...["ec2messages", "ssm", "ssmmessages"].map((service) => `opened undeclared any other host in endpoint-sharing-dev-vpc-subnet-a -> endpoint-sharing-vpce-${service} tcp/443`),
      "opened undeclared any other host in endpoint-sharing-shared-vpc-subnet-a -> endpoint-sharing-dev-vpc-ec2 tcp/22",
      "opened undeclared any other host in endpoint-sharing-shared-vpc-subnet-c -> endpoint-sharing-dev-vpc-ec2 tcp/22",
    ],
    causes: [/^added aws_(route|vpc_peering_connection|route53_zone_association|vpc_security_group_(ingress|egress)_rule|subnet|vpc|instance)\.dev-vpc/, /^added aws_vpc_security_group_(ingress|egress)_rule\./, /^added aws_route\.dev-vpc/],
  },
  {
    change: "a consumer removed: prod's client loses the service and its way in",
    stack: "privatelink",
    head: { config: { privatelink: { consumers: PRIVATELINK_DEFAULTS.consumers.slice(0, 2) } } },
    flows: ["closed intended privatelink-prod-client -> privatelink-prod-endpoint tcp/80", "closed intended privatelink-prod-eic -> privatelink-prod-client tcp/22"],
    causes: [/^removed aws_/],
  },
  {
    change: "transport switched from peering to a transit gateway: the same flows, another path",
    stack: "endpoint-sharing",
    head: { config: { endpointSharing: { transport: "transit-gateway" } } },
    flows: [
      "changedPath intended endpoint-sharing-shared-vpc-ec2 -> endpoint-sharing-user-vpc-ec2 tcp/22",
      ...["ec2messages", "ssm", "ssmmessages"].flatMap((service) => [
        `changedPath intended endpoint-sharing-user-vpc-ec2 -> ${service}.ap-northeast-1.amazonaws.com tcp/443`,
        `changedPath undeclared endpoint-sharing-user-vpc-ec2 -> endpoint-sharing-vpce-${service} tcp/443`,
        `changedPath undeclared any other host in endpoint-sharing-user-vpc-subnet-a -> ${service}.ap-northeast-1.amazonaws.com tcp/443`,
        `changedPath undeclared any other host in endpoint-sharing-user-vpc-subnet-a -> endpoint-sharing-vpce-${service} tcp/443`,
      ]),
      "changedPath undeclared any other host in endpoint-sharing-shared-vpc-subnet-a -> endpoint-sharing-user-vpc-ec2 tcp/22",
      "changedPath undeclared any other host in endpoint-sharing-shared-vpc-subnet-c -> endpoint-sharing-user-vpc-ec2 tcp/22",
    ],
    causes: [/^added aws_ec2_transit_gateway/, /^removed aws_(route|vpc_peering_connection)\./, /^added aws_route\./],
  },
  {
    change: "an IPv6 rule added for SSH from ::/0: the stacks carry IPv4 only, so no flow moves (the guardrails name the rule)",
    stack: "peering",
    head: { edit: (json) => (json["resource"]["aws_vpc_security_group_ingress_rule"]["v6"] = { ...sshRule(json), referenced_security_group_id: undefined, cidr_ipv6: "::/0" }) },
    flows: [],
    causes: [],
  },
];

describe("the reachability diff of one change", () => {
  it.each(CASES)("$stack: $change", (testCase) => {
    const diff = diffReachability(testCase.stack, side(testCase.stack, testCase.base?.config, testCase.base?.edit), side(testCase.stack, testCase.head.config, testCase.head.edit));
    expect(flows(diff)).toEqual([...testCase.flows].sort());
    const named = causes(diff);
    expect(named.filter((cause) => !testCase.causes.some((pattern) => pattern.test(cause))), "causes no pattern expects").toEqual([]);
    expect(testCase.causes.filter((pattern) => !named.some((cause) => pattern.test(cause))), "expected causes not named").toEqual([]);
    for (const change of [...diff.opened, ...diff.closed, ...diff.changedPath]) expect(change.cause.length, `${change.from} -> ${change.to}`).toBeGreaterThan(0);
    expect(diff.uncertain).toEqual([]);
  });

  it("is empty for identical inputs, without evaluating a flow", () => {
    const diff = diffReachability("privatelink", side("privatelink"), side("privatelink"));
    expect(flows(diff)).toEqual([]);
    expect(diff.flowsCompared).toBe(0);
  });

  it("is empty for resources written in another order, or renamed with a moved block", () => {
    const reordered = side("peering", {}, (json) => {
      json["resource"] = Object.fromEntries(Object.entries(json["resource"]).reverse().map(([type, byName]) => [type, Object.fromEntries(Object.entries(byName as Json).reverse())]));
    });
    expect(flows(diffReachability("peering", side("peering"), reordered))).toEqual([]);
    const renamed = side("peering", {}, (json) => {
      const instances = json["resource"]["aws_instance"] as Json;
      const old = Object.keys(instances).find((name) => name.startsWith("ec2-1"))!;
      instances["ec2-1-renamed"] = instances[old];
      delete instances[old];
      const text = JSON.stringify(json).split(`aws_instance.${old}`).join("aws_instance.ec2-1-renamed");
      Object.assign(json, JSON.parse(text), { moved: [{ from: `aws_instance.${old}`, to: "aws_instance.ec2-1-renamed" }] });
    });
    const diff = diffReachability("peering", side("peering"), renamed);
    expect(flows(diff)).toEqual([]);
    expect(diff.flowsCompared).toBe(0);
  });

  it("compares the flows an Elastic IP can change, though it names no VPC: the internet may now reach the instance", () => {
    const diff = diffReachability(
      "peering",
      side("peering"),
      side("peering", {}, (json) => {
        const instance = Object.keys(json["resource"]["aws_instance"]).find((name) => name.startsWith("ec2-1"))!;
        json["resource"]["aws_eip"] = { exposed: { instance: `\${aws_instance.${instance}.id}`, domain: "vpc" } };
      }),
    );
    expect(diff.flowsCompared).toBeGreaterThan(0);
    expect(diff.uncertain.map((change) => `${change.expectation} ${change.from} -> ${change.to} ${change.traffic}`)).toContain("must-not the internet -> peering-ec2-1 tcp/22");
  });

  it("pairs a subnet's other hosts across a change of its block, so they neither open nor close", () => {
    const diff = diffReachability("alb-peering", side("alb-peering"), side("alb-peering", { albPeering: { bar: { subnet: { cidr: "10.3.1.0/25" } } } }));
    expect(flows(diff).filter((line) => line.includes("any other host in alb-peering-bar-private"))).toEqual([]);
    expect([...diff.opened, ...diff.closed].every((change) => change.cause.length > 0)).toBe(true);
  });

  it("evaluates nothing for a change of tags alone, and nothing for two names swapped with moved blocks", () => {
    const tagged = diffReachability("privatelink", side("privatelink"), side("privatelink", {}, (json) => Object.values(json["resource"]["aws_lb"] as Json).forEach((lb) => ((lb as Json)["tags"] = { ...(lb as Json)["tags"], Team: "net" }))));
    expect(tagged.flowsCompared).toBe(0);
    const swapped = side("peering", {}, (json) => {
      const groups = json["resource"]["aws_security_group"] as Json;
      const [first, second] = Object.keys(groups).filter((name) => /^sg[12]_/.test(name));
      const text = JSON.stringify(json).split(`aws_security_group.${first}`).join("@@first@@").split(`aws_security_group.${second}`).join(`aws_security_group.${first}`).split("@@first@@").join(`aws_security_group.${second}`);
      const swappedJson = JSON.parse(text) as Json;
      [swappedJson["resource"]["aws_security_group"][first!], swappedJson["resource"]["aws_security_group"][second!]] = [groups[second!], groups[first!]];
      Object.assign(json, swappedJson, { moved: [{ from: `aws_security_group.${first}`, to: `aws_security_group.${second}` }, { from: `aws_security_group.${second}`, to: `aws_security_group.${first}` }] });
    });
    const diff = diffReachability("peering", side("peering"), swapped);
    expect(diff.flowsCompared).toBe(0);
  });

  it("reports a stack only the head has as added, with its reachable flows opened", () => {
    const diff = diffReachability("peering", undefined, side("peering"));
    expect(diff.presence).toBe("added");
    expect(flows(diff)).toContain("opened intended peering-ec2-1 -> peering-ec2-2 icmp");
    expect(flows(diff).filter((line) => !line.startsWith("opened"))).toEqual([]);
    const removed = diffReachability("peering", side("peering"), undefined);
    expect(removed.presence).toBe("removed");
    expect(flows(removed)).toContain("closed intended peering-ec2-1 -> peering-ec2-2 icmp");
  });
});

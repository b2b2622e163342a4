import { describe, expect, it } from "vitest";
import { buildNetworkModel } from "../../../src/reachability/build-model";
import { formatStackReport } from "../../../src/reachability/report";
import type { TerraformJson } from "../../../src/terraform-json/read";
import { verifyStack } from "../../../src/reachability/verify";
import { topologyOf } from "../../../src/topologies/registry";
import type { ProjectConfig } from "../../../src/topologies/project-config";
import { addressesOf, configWith, ref, resourceNamed, resourcesOf, rulesOfGroup, synthStack, taggableResourcesOf, type StackJson } from "../../support/synth";

/** The flows the registry says the stack declares. */
const flowsFor = (name: string, config: ProjectConfig) => topologyOf(name)!.flows(config);

const { json, stack } = synthStack("alb-peering");

function named(source: StackJson, type: string, name: string) {
  return resourceNamed(source, type, `alb-peering-${name}`);
}

/** Rules of a kind attached to the group with this Name suffix. */
const rulesOf = (source: StackJson, kind: "ingress" | "egress", groupName: string): any[] => rulesOfGroup(source, kind, `alb-peering-${groupName}`);

/** The essentials of a rule: protocol, ports and peer. */
function essentials(rule: any) {
  const { ip_protocol, from_port, to_port, cidr_ipv4, referenced_security_group_id } = rule;
  return { ip_protocol, from_port, to_port, ...(cidr_ipv4 ? { cidr_ipv4 } : { referenced_security_group_id }) };
}

const CROSS_ACCOUNT = { albPeering: { foo: { assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" } } };

describe("alb-peering stack (article 004)", () => {
  const foo = named(json, "aws_vpc", "foo");
  const bar = named(json, "aws_vpc", "bar");
  const fooSubnets = [named(json, "aws_subnet", "foo-private-1"), named(json, "aws_subnet", "foo-private-2")];
  const barSubnet = named(json, "aws_subnet", "bar-private");
  const alb = named(json, "aws_lb", "alb");
  const albGroup = named(json, "aws_security_group", "alb");
  const webGroup = named(json, "aws_security_group", "web");
  const clientGroup = named(json, "aws_security_group", "client");

  it("builds foo 10.2.0.0/16 with private subnets in two zones and bar 10.3.0.0/16, DNS support and host names on in both", () => {
    expect(foo.body).toMatchObject({ cidr_block: "10.2.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
    expect(bar.body).toMatchObject({ cidr_block: "10.3.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
    expect(fooSubnets.map(({ body }) => [body.vpc_id, body.cidr_block, body.availability_zone, body.map_public_ip_on_launch])).toEqual([
      [ref(foo.address), "10.2.1.0/24", "ap-northeast-1a", false],
      [ref(foo.address), "10.2.2.0/24", "ap-northeast-1c", false],
    ]);
    expect(barSubnet.body).toMatchObject({ vpc_id: ref(bar.address), cidr_block: "10.3.1.0/24", availability_zone: "ap-northeast-1a", map_public_ip_on_launch: false });
  });

  it("has no way to or from the internet: no gateways, no public addresses, no bastion", () => {
    for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_egress_only_internet_gateway"]) {
      expect(json.resource?.[type], type).toBeUndefined();
    }
    expect(Object.values(resourcesOf(json, "aws_instance")).every((instance) => instance.associate_public_ip_address === false)).toBe(true);
    expect(alb.body.internal).toBe(true);
  });

  it("peers bar (requester) to foo (accepter) in one account, accepted automatically", () => {
    expect(named(json, "aws_vpc_peering_connection", "bar-foo").body).toEqual({
      vpc_id: ref(bar.address),
      peer_vpc_id: ref(foo.address),
      auto_accept: true,
      tags: { Name: "alb-peering-bar-foo" },
    });
    expect(json.resource?.["aws_vpc_peering_connection_accepter"]).toBeUndefined();
  });

  it("routes each VPC's CIDR to the other over the peering from every subnet, both ways", () => {
    const peering = named(json, "aws_vpc_peering_connection", "bar-foo").address;
    const tableOf = (subnet: { address: string }) =>
      Object.values(resourcesOf(json, "aws_route_table_association")).find((association) => association.subnet_id === ref(subnet.address))!.route_table_id;
    const routes = Object.values(resourcesOf(json, "aws_route")).map((route) => [route.route_table_id, route.destination_cidr_block, route.vpc_peering_connection_id]);
    expect(routes).toEqual(
      expect.arrayContaining([
        [tableOf(barSubnet), "10.2.0.0/16", ref(peering)],
        [tableOf(fooSubnets[0]!), "10.3.0.0/16", ref(peering)],
        [tableOf(fooSubnets[1]!), "10.3.0.0/16", ref(peering)],
      ]),
    );
    expect(routes).toHaveLength(3);
  });

  it("allows DNS resolution over the peering on both sides, each side by its own options resource", () => {
    const peering = named(json, "aws_vpc_peering_connection", "bar-foo").address;
    const options = Object.values(resourcesOf(json, "aws_vpc_peering_connection_options"));
    expect(options).toEqual(
      expect.arrayContaining([
        { vpc_peering_connection_id: ref(peering), requester: { allow_remote_vpc_dns_resolution: true } },
        { vpc_peering_connection_id: ref(peering), accepter: { allow_remote_vpc_dns_resolution: true } },
      ]),
    );
    expect(options).toHaveLength(2);
  });

  it("places an internal ALB in both of foo's subnets with its own group, dropping invalid header fields", () => {
    expect(alb.body).toEqual({
      name_prefix: "alb-",
      internal: true,
      load_balancer_type: "application",
      subnets: fooSubnets.map((subnet) => ref(subnet.address)),
      security_groups: [ref(albGroup.address)],
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
      tags: { Name: "alb-peering-alb" },
    });
    expect(albGroup.body.vpc_id).toBe(ref(foo.address));
  });

  it("turns deletion protection on when configured", () => {
    const protectedJson = synthStack("alb-peering", { albPeering: { alb: { deletionProtection: true } } }).json;
    expect(named(protectedJson, "aws_lb", "alb").body.enable_deletion_protection).toBe(true);
  });

  it("names the ALB and target group by prefix, so two environments share an account and a replaced group is created first", () => {
    const targetGroup = named(json, "aws_lb_target_group", "alb-8080").body;
    expect([alb.body.name, alb.body.name_prefix]).toEqual([undefined, "alb-"]);
    expect([targetGroup.name, targetGroup.name_prefix, targetGroup.lifecycle]).toEqual([undefined, "tg-", { create_before_destroy: true }]);
  });

  it("maps listener port 80 to a target group on HTTP 8080, health-checked on the traffic port", () => {
    const targetGroup = named(json, "aws_lb_target_group", "alb-8080");
    expect(Object.values(resourcesOf(json, "aws_lb_listener"))).toEqual([
      {
        load_balancer_arn: ref(alb.address, "arn"),
        protocol: "HTTP",
        port: 80,
        default_action: [{ type: "forward", target_group_arn: ref(targetGroup.address, "arn") }],
        tags: { Name: "alb-peering-alb-http-80" },
      },
    ]);
    expect(targetGroup.body).toMatchObject({
      name_prefix: "tg-",
      vpc_id: ref(foo.address),
      target_type: "instance",
      protocol: "HTTP",
      port: 8080,
      health_check: { enabled: true, protocol: "HTTP", port: "traffic-port", path: "/", matcher: "200" },
      lifecycle: { create_before_destroy: true },
    });
  });

  it("registers both web servers on 8080, one in each of foo's subnets", () => {
    const targetGroup = named(json, "aws_lb_target_group", "alb-8080").address;
    const webs = ["web-1", "web-2"].map((name) => named(json, "aws_instance", name));
    expect(webs.map(({ body }) => body.subnet_id)).toEqual(fooSubnets.map((subnet) => ref(subnet.address)));
    expect(Object.values(resourcesOf(json, "aws_lb_target_group_attachment"))).toEqual(
      webs.map((web) => ({ target_group_arn: ref(targetGroup, "arn"), target_id: ref(web.address), port: 8080 })),
    );
  });

  it("admits HTTP to the ALB only from bar's CIDR, and lets the ALB out only to the web group on 8080", () => {
    expect(rulesOf(json, "ingress", "alb").map(essentials)).toEqual([{ ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "10.3.0.0/16" }]);
    expect(rulesOf(json, "egress", "alb").map(essentials)).toEqual([
      { ip_protocol: "tcp", from_port: 8080, to_port: 8080, referenced_security_group_id: ref(webGroup.address) },
    ]);
  });

  it("admits 8080 to the web servers only from the ALB's group, and lets them open nothing", () => {
    expect(rulesOf(json, "ingress", "web").map(essentials)).toEqual([
      { ip_protocol: "tcp", from_port: 8080, to_port: 8080, referenced_security_group_id: ref(albGroup.address) },
    ]);
    expect(rulesOf(json, "egress", "web")).toEqual([]);
  });

  it("lets the client out only to foo on the listener port, and in only by SSH from the Instance Connect endpoint", () => {
    const endpointGroup = named(json, "aws_security_group", "eic-endpoint");
    expect(rulesOf(json, "egress", "client").map(essentials)).toEqual([{ ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "10.2.0.0/16" }]);
    expect(rulesOf(json, "ingress", "client").map(essentials)).toEqual([
      { ip_protocol: "tcp", from_port: 22, to_port: 22, referenced_security_group_id: ref(endpointGroup.address) },
    ]);
    expect(rulesOf(json, "egress", "eic-endpoint").map(essentials)).toEqual([
      { ip_protocol: "tcp", from_port: 22, to_port: 22, referenced_security_group_id: ref(clientGroup.address) },
    ]);
  });

  it("adds configured client ranges to the listener's rule set and nowhere else", () => {
    const wider = synthStack("alb-peering", { albPeering: { alb: { additionalClientCidrs: ["192.168.10.0/24"] } } }).json;
    const ingress = rulesOf(wider, "ingress", "alb").map(essentials);
    expect(ingress).toHaveLength(2);
    expect(ingress).toEqual(
      expect.arrayContaining([
        { ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "10.3.0.0/16" },
        { ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "192.168.10.0/24" },
      ]),
    );
    expect(addressesOf(wider).filter((address) => !addressesOf(json).includes(address))).toEqual([
      "aws_vpc_security_group_ingress_rule.alb_security-group_ingress-tcp80-from-cidr-192-168-10-0-24_118895B0",
    ]);
  });

  it("starts a static page server on the target port in each web server's user data, with no secret in it", () => {
    for (const name of ["web-1", "web-2"]) {
      const userData: string = named(json, "aws_instance", name).body.user_data;
      expect(userData).toContain("ExecStart=/usr/bin/python3 -m http.server 8080 --directory /srv/www");
      expect(userData).toContain("systemctl enable --now static-page.service");
      expect(userData).toContain(`Hello World from ${name}`);
      expect(userData).not.toMatch(/password|secret|token|BEGIN [A-Z ]*PRIVATE KEY/i);
    }
    expect(named(json, "aws_instance", "client").body.user_data).toBeUndefined();
  });

  it("hardens every instance: IMDSv2 only, encrypted root volume, no key pair, Amazon Linux 2023 from SSM", () => {
    const instances = Object.values(resourcesOf(json, "aws_instance"));
    expect(instances).toHaveLength(3);
    for (const instance of instances) {
      expect(instance.metadata_options).toMatchObject({ http_tokens: "required", http_endpoint: "enabled" });
      expect(instance.root_block_device).toMatchObject({ encrypted: true });
      expect(instance.key_name).toBeUndefined();
      expect(instance.instance_type).toBe("t2.micro");
      expect(instance.ami).toBe("${data.aws_ssm_parameter.ami.insecure_value}");
    }
    expect(json.data?.["aws_ssm_parameter"]?.["ami"]?.name).toBe("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64");
  });

  it("puts the client in bar's subnet, reached through an Instance Connect endpoint there with client IP preservation off", () => {
    expect(named(json, "aws_instance", "client").body).toMatchObject({ subnet_id: ref(barSubnet.address), vpc_security_group_ids: [ref(clientGroup.address)] });
    expect(named(json, "aws_ec2_instance_connect_endpoint", "eic-endpoint").body).toMatchObject({
      subnet_id: ref(barSubnet.address),
      security_group_ids: [ref(named(json, "aws_security_group", "eic-endpoint").address)],
      preserve_client_ip: false,
    });
  });

  it("names the ALB alb.home in a private zone associated with bar only, aliasing the ALB with target health evaluated", () => {
    const zone = named(json, "aws_route53_zone", "home");
    expect(zone.body).toMatchObject({ name: "home", vpc: [{ vpc_id: ref(bar.address) }] });
    expect(Object.values(resourcesOf(json, "aws_route53_record"))).toEqual([
      {
        zone_id: ref(zone.address, "zone_id"),
        name: "alb.home",
        type: "A",
        alias: { name: ref(alb.address, "dns_name"), zone_id: ref(alb.address, "zone_id"), evaluate_target_health: true },
      },
    ]);
  });

  it("takes the zone, record and ports from the configuration", () => {
    const custom = synthStack("alb-peering", {
      albPeering: { dns: { zoneName: "corp.internal", recordName: "web" }, alb: { listenerPort: 8081, targetPort: 9090, healthCheckPath: "/health" } },
    }).json;
    expect(Object.values(resourcesOf(custom, "aws_route53_record"))[0].name).toBe("web.corp.internal");
    expect(Object.values(resourcesOf(custom, "aws_lb_listener"))[0].port).toBe(8081);
    expect(named(custom, "aws_lb_target_group", "alb-9090").body).toMatchObject({ port: 9090, health_check: { path: "/health" } });
    expect(named(custom, "aws_instance", "web-1").body.user_data).toContain("-m http.server 9090 ");
    expect(custom.output?.["curl-command"]?.value).toBe("curl -v http://web.corp.internal:8081/");
  });

  it("outputs the ALB's DNS name, its private name, and the commands to log in to the client and curl the ALB", () => {
    const client = named(json, "aws_instance", "client").address;
    expect(json.output?.["alb-dns-name"]?.value).toBe(ref(alb.address, "dns_name"));
    expect(json.output?.["alb-private-name"]?.value).toBe("alb.home");
    expect(json.output?.["connect-command"]?.value).toBe(
      `aws ec2-instance-connect ssh --instance-id ${ref(client)} --connection-type eice --os-user ec2-user --region ap-northeast-1`,
    );
    expect(json.output?.["curl-command"]?.value).toBe("curl -v http://alb.home/");
    expect(json.output?.["curl-command"]?.description).toContain("after connect-command");
  });

  it("tags every taggable resource with a Name", () => {
    const untagged = taggableResourcesOf(stack)
      .filter((resource) => !(resource as unknown as { tagsInput?: Record<string, string> }).tagsInput?.["Name"])
      .map((resource) => resource.node.path);
    expect(untagged).toEqual([]);
  });
});

describe("alb-peering stack with foo in another account", () => {
  const { json: cross } = synthStack("alb-peering", CROSS_ACCOUNT);
  const alias = "aws.accepter-account";

  it("adds an AWS provider alias that assumes the configured role, with the same region and default tags", () => {
    const [main, accepter] = (cross.provider?.["aws"] ?? []) as any[];
    expect(accepter).toEqual({
      alias: "accepter-account",
      region: "ap-northeast-1",
      assume_role: [{ role_arn: "arn:aws:iam::111122223333:role/privnet-deploy", session_name: "privnet-alb-peering" }],
      default_tags: main.default_tags,
    });
  });

  it("creates everything in foo through the alias, and everything in bar through the default provider", () => {
    const providerByAddress = Object.fromEntries(
      Object.entries(cross.resource ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => [`${type}.${name}`, (body as any).provider])),
    );
    const fooSide = Object.entries(providerByAddress).filter(([, provider]) => provider === alias).map(([address]) => address.split(".")[0]);
    expect([...new Set(fooSide)].sort()).toEqual([
      "aws_default_security_group",
      "aws_instance",
      "aws_lb",
      "aws_lb_listener",
      "aws_lb_target_group",
      "aws_lb_target_group_attachment",
      "aws_route",
      "aws_route_table",
      "aws_route_table_association",
      "aws_security_group",
      "aws_subnet",
      "aws_vpc",
      "aws_vpc_peering_connection_accepter",
      "aws_vpc_peering_connection_options",
      "aws_vpc_security_group_egress_rule",
      "aws_vpc_security_group_ingress_rule",
    ]);
    for (const address of [
      named(cross, "aws_vpc", "foo").address,
      named(cross, "aws_lb", "alb").address,
      named(cross, "aws_instance", "web-1").address,
      named(cross, "aws_security_group", "web").address,
    ]) {
      expect(providerByAddress[address], address).toBe(alias);
    }
    for (const address of [
      named(cross, "aws_vpc", "bar").address,
      named(cross, "aws_instance", "client").address,
      named(cross, "aws_vpc_peering_connection", "bar-foo").address,
      named(cross, "aws_route53_zone", "home").address,
      named(cross, "aws_ec2_instance_connect_endpoint", "eic-endpoint").address,
    ]) {
      expect(providerByAddress[address], address).toBeUndefined();
    }
  });

  it("requests the peering with foo's account as peer owner, and accepts it in foo's account", () => {
    const connection = named(cross, "aws_vpc_peering_connection", "bar-foo");
    expect(connection.body).toMatchObject({ peer_owner_id: "111122223333", peer_vpc_id: ref(named(cross, "aws_vpc", "foo").address) });
    expect(connection.body.auto_accept).toBeUndefined();
    expect(Object.values(resourcesOf(cross, "aws_vpc_peering_connection_accepter"))).toEqual([
      { provider: alias, vpc_peering_connection_id: ref(connection.address), auto_accept: true, tags: { Name: "alb-peering-bar-foo" } },
    ]);
  });

  it("sets each side's DNS option from that side's account, and only once the peering is accepted", () => {
    const accepter = Object.keys(resourcesOf(cross, "aws_vpc_peering_connection_accepter")).map((name) => `aws_vpc_peering_connection_accepter.${name}`);
    const options = Object.values(resourcesOf(cross, "aws_vpc_peering_connection_options"));
    expect(options.find((option) => option.requester)).toMatchObject({ requester: { allow_remote_vpc_dns_resolution: true }, depends_on: accepter });
    expect(options.find((option) => option.requester)?.provider).toBeUndefined();
    expect(options.find((option) => option.accepter)).toMatchObject({ provider: alias, accepter: { allow_remote_vpc_dns_resolution: true }, depends_on: accepter });
    for (const route of Object.values(resourcesOf(cross, "aws_route"))) {
      expect(route.depends_on).toEqual(accepter);
    }
  });

  it("keeps every address of the single-account stack and adds only the accepter", () => {
    const added = addressesOf(cross).filter((address) => !addressesOf(json).includes(address));
    expect(added).toEqual(["aws_vpc_peering_connection_accepter.peering_accepter_27D39713", "data.aws_caller_identity.accepter-account-vpc-quota_account_FF4EEB63", "data.aws_ec2_instance_type_offerings.accepter-account-instance-type-zones", "data.aws_servicequotas_service_quota.accepter-account-vpc-quota_60B47618", "data.aws_vpcs.accepter-account-vpc-quota_region-vpcs_BCFB95D5", "data.aws_vpcs.accepter-account-vpc-quota_stack-vpcs_493CF231"]);
    expect(addressesOf(json).filter((address) => !addressesOf(cross).includes(address))).toEqual([]);
  });

  it("still carries every declared flow", () => {
    const verdict = verifyStack("alb-peering", buildNetworkModel(cross as TerraformJson, "alb-peering"), flowsFor("alb-peering", configWith(CROSS_ACCOUNT)));
    expect(verdict.ok, formatStackReport(verdict)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { configWith, outputOf, ref, resourceNamed, resourcesOf, rulesOfGroup, synthStack, taggableResourcesOf, type StackJson } from "../../support/synth";

/** The entry the stack picks among an endpoint's DNS names: the regional one, by its form, not by its place. */
const regional = (endpoint: string) => `[for entry in ${endpoint}.dns_entry : entry if length(regexall("^(\\\\*\\\\.)?vpce-[0-9a-z]+-[0-9a-z]+\\\\.", entry.dns_name)) > 0][0]`;

const { json } = synthStack("privatelink");

function named(source: StackJson, type: string, name: string) {
  return resourceNamed(source, type, `privatelink-${name}`);
}

/** Rules of a kind attached to the group with this Name suffix, reduced to protocol, ports and peer. */
function rulesOf(source: StackJson, kind: "ingress" | "egress", groupName: string) {
  return rulesOfGroup(source, kind, `privatelink-${groupName}`).map(({ ip_protocol, from_port, to_port, cidr_ipv4, referenced_security_group_id, prefix_list_id }) => ({
      ip_protocol,
      from_port,
      to_port,
      peer: cidr_ipv4 ?? referenced_security_group_id ?? prefix_list_id,
    }));
}


const groupRef = (source: StackJson, name: string) => ref(named(source, "aws_security_group", name).address);
const CONSUMERS = ["dev", "stg", "prod"];
const ROLE = (account: string) => `arn:aws:iam::${account}:role/privnet-deploy`;

/** Article 002's consumers, each in its own account, placed by zone ID (as other accounts must be). */
const crossAccountOverrides = (accounts: readonly string[]) => ({
  privatelink: {
    service: {
      subnets: [
        { name: "shared-private-a", cidr: "172.16.1.0/24", availabilityZone: "apne1-az4" },
        { name: "shared-private-c", cidr: "172.16.2.0/24", availabilityZone: "apne1-az1" },
      ],
    },
    consumers: accounts.map((account, index) => ({
      name: CONSUMERS[index],
      cidr: "10.0.0.0/16",
      subnets: [{ name: `${CONSUMERS[index]}-private`, cidr: "10.0.1.0/24", availabilityZone: "apne1-az4" }],
      clientSubnet: `${CONSUMERS[index]}-private`,
      endpointSubnets: [`${CONSUMERS[index]}-private`],
      assumeRoleArn: ROLE(account),
    })),
  },
});

describe("privatelink stack (articles 002 and 003)", () => {
  const serviceVpc = named(json, "aws_vpc", "shared");
  const nlb = named(json, "aws_lb", "nlb");
  const service = named(json, "aws_vpc_endpoint_service", "service");
  const server = named(json, "aws_instance", "web-server");

  it("builds the service VPC 172.16.0.0/16 with private subnets in 1a and 1c, and the server in 1c", () => {
    expect(serviceVpc.body).toMatchObject({ cidr_block: "172.16.0.0/16", enable_dns_support: true });
    const subnets = ["shared-private-a", "shared-private-c"].map((name) => named(json, "aws_subnet", name).body);
    expect(subnets.map((subnet) => [subnet.vpc_id, subnet.cidr_block, subnet.availability_zone, subnet.map_public_ip_on_launch])).toEqual([
      [ref(serviceVpc.address), "172.16.1.0/24", "ap-northeast-1a", false],
      [ref(serviceVpc.address), "172.16.2.0/24", "ap-northeast-1c", false],
    ]);
    expect(server.body.subnet_id).toBe(ref(named(json, "aws_subnet", "shared-private-c").address));
  });

  it("gives every default consumer (dev, stg, prod) the same 10.0.0.0/16 and still its own endpoint into the service", () => {
    for (const consumer of CONSUMERS) {
      const vpc = named(json, "aws_vpc", consumer);
      expect(vpc.body).toMatchObject({ cidr_block: "10.0.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
      const subnet = named(json, "aws_subnet", `${consumer}-private-a`);
      expect(subnet.body).toMatchObject({ vpc_id: ref(vpc.address), cidr_block: "10.0.1.0/24", availability_zone: "ap-northeast-1a" });
      expect(named(json, "aws_vpc_endpoint", `${consumer}-endpoint`).body).toEqual({
        vpc_id: ref(vpc.address),
        vpc_endpoint_type: "Interface",
        service_name: ref(service.address, "service_name"),
        subnet_ids: [ref(subnet.address)],
        security_group_ids: [groupRef(json, `${consumer}-endpoint`)],
        ip_address_type: "ipv4",
        tags: { Name: `privatelink-${consumer}-endpoint` },
      });
    }
    expect(json.resource?.aws_vpc_peering_connection).toBeUndefined();
  });

  it("runs httpd on the server from user data, serving article 003's Hello! page, with the instance hardened", () => {
    expect(server.body.user_data).toContain("dnf install -y httpd");
    expect(server.body.user_data).toContain("echo 'Hello!' > /var/www/html/index.html");
    expect(server.body.user_data).toContain("systemctl enable --now httpd");
    expect(server.body).toMatchObject({
      associate_public_ip_address: false,
      metadata_options: { http_tokens: "required" },
      root_block_device: { encrypted: true },
    });
  });

  it("fronts the server with an internal NLB that has its own group from creation, enforcement off on PrivateLink traffic and cross-zone on", () => {
    expect(nlb.body).toMatchObject({
      internal: true,
      load_balancer_type: "network",
      security_groups: [groupRef(json, "nlb")],
      enforce_security_group_inbound_rules_on_private_link_traffic: "off",
      enable_cross_zone_load_balancing: true,
      subnets: ["shared-private-a", "shared-private-c"].map((name) => ref(named(json, "aws_subnet", name).address)),
    });
    const targetGroup = named(json, "aws_lb_target_group", "nlb-80");
    expect(targetGroup.body).toMatchObject({
      protocol: "TCP",
      port: 80,
      target_type: "instance",
      vpc_id: ref(serviceVpc.address),
      health_check: { protocol: "HTTP", path: "/index.html", port: "traffic-port" },
    });
    expect(named(json, "aws_lb_listener", "nlb-tcp-80").body).toMatchObject({
      load_balancer_arn: ref(nlb.address, "arn"),
      protocol: "TCP",
      port: 80,
      default_action: [{ type: "forward", target_group_arn: ref(targetGroup.address, "arn") }],
    });
    expect(Object.values(resourcesOf(json, "aws_lb_target_group_attachment"))).toEqual([
      { target_group_arn: ref(targetGroup.address, "arn"), target_id: ref(server.address), port: 80 },
    ]);
  });

  it("lets the server take tcp/80 from the NLB's group only, and reach nothing but the S3 prefix list on 443", () => {
    expect(rulesOf(json, "ingress", "server")).toEqual([{ ip_protocol: "tcp", from_port: 80, to_port: 80, peer: groupRef(json, "nlb") }]);
    const s3 = named(json, "aws_vpc_endpoint", "shared-s3");
    expect(rulesOf(json, "egress", "server")).toEqual([{ ip_protocol: "tcp", from_port: 443, to_port: 443, peer: ref(s3.address, "prefix_list_id") }]);
    expect(rulesOf(json, "ingress", "nlb")).toEqual([]);
    expect(rulesOf(json, "egress", "nlb")).toEqual([{ ip_protocol: "tcp", from_port: 80, to_port: 80, peer: groupRef(json, "server") }]);
  });

  it("lets each endpoint take tcp/80 from its own client's group only, and the client send nothing else but SSH replies", () => {
    for (const consumer of CONSUMERS) {
      expect(rulesOf(json, "ingress", `${consumer}-endpoint`)).toEqual([{ ip_protocol: "tcp", from_port: 80, to_port: 80, peer: groupRef(json, `${consumer}-client`) }]);
      expect(rulesOf(json, "egress", `${consumer}-client`)).toEqual([{ ip_protocol: "tcp", from_port: 80, to_port: 80, peer: groupRef(json, `${consumer}-endpoint`) }]);
      expect(rulesOf(json, "ingress", `${consumer}-client`)).toEqual([{ ip_protocol: "tcp", from_port: 22, to_port: 22, peer: groupRef(json, `${consumer}-eic`) }]);
    }
  });

  it("offers the NLB as an IPv4 endpoint service that requires acceptance, open to the stack's own account, and accepts every consumer in code", () => {
    expect(service.body).toEqual({
      acceptance_required: true,
      network_load_balancer_arns: [ref(nlb.address, "arn")],
      supported_ip_address_types: ["ipv4"],
      allowed_principals: ["arn:${data.aws_partition.partition.partition}:iam::${data.aws_caller_identity.caller.account_id}:root"],
      tags: { Name: "privatelink-service" },
    });
    const acceptances = Object.values(resourcesOf(json, "aws_vpc_endpoint_connection_accepter"));
    expect(acceptances).toHaveLength(CONSUMERS.length);
    expect(acceptances).toEqual(
      expect.arrayContaining(
        CONSUMERS.map((consumer) => ({
          vpc_endpoint_service_id: ref(service.address),
          vpc_endpoint_id: ref(named(json, "aws_vpc_endpoint", `${consumer}-endpoint`).address),
        })),
      ),
    );
  });

  it("installs packages through a free S3 gateway endpoint limited to the Amazon Linux repositories, not a NAT gateway, and boots the server after it", () => {
    const s3 = named(json, "aws_vpc_endpoint", "shared-s3");
    expect(s3.body).toMatchObject({
      vpc_endpoint_type: "Gateway",
      service_name: "com.amazonaws.ap-northeast-1.s3",
      route_table_ids: ["shared-private-a", "shared-private-c"].map((name) => ref(named(json, "aws_route_table", `${name}-rt`).address)),
    });
    expect(s3.body.policy).toContain('"Action" = ["s3:GetObject"]');
    expect(s3.body.policy).toContain('"Resource" = ["arn:aws:s3:::al2023-repos-ap-northeast-1-de612dc2/*"]');
    expect(server.body.depends_on).toEqual([s3.address]);
    for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_eip"]) {
      expect(json.resource?.[type], type).toBeUndefined();
    }
  });

  it("lets each consumer log in to its client through its own Instance Connect endpoint", () => {
    for (const consumer of CONSUMERS) {
      expect(named(json, "aws_ec2_instance_connect_endpoint", `${consumer}-eic`).body).toMatchObject({
        subnet_id: ref(named(json, "aws_subnet", `${consumer}-private-a`).address),
        security_group_ids: [groupRef(json, `${consumer}-eic`)],
        preserve_client_ip: false,
      });
    }
  });

  it("outputs the service name, each endpoint's DNS name and the exact curl and connect commands per consumer", () => {
    const endpointDns = (consumer: string) => `\${${regional(named(json, "aws_vpc_endpoint", `${consumer}-endpoint`).address)}.dns_name}`;
    expect(outputOf(json, "service-name")).toBe(ref(service.address, "service_name"));
    expect(outputOf(json, "endpoint-dns-names")).toEqual(Object.fromEntries(CONSUMERS.map((consumer) => [consumer, endpointDns(consumer)])));
    expect(outputOf(json, "curl-commands")).toEqual(Object.fromEntries(CONSUMERS.map((consumer) => [consumer, `curl -sS http://${endpointDns(consumer)}/`])));
    expect(outputOf(json, "connect-commands").stg).toBe(
      `aws ec2-instance-connect ssh --instance-id ${ref(named(json, "aws_instance", "stg-client").address)} --connection-type eice --os-user ec2-user --region ap-northeast-1`,
    );
    expect(json.output?.["reachability-path-found"]).toBeUndefined();
    expect(json.resource?.aws_ec2_network_insights_path).toBeUndefined();
  });
});

describe("privatelink across accounts", () => {
  const { json: crossJson } = synthStack("privatelink", crossAccountOverrides(["111111111111", "222222222222", "222222222222"]));

  it("allows each consumer account once, and no longer reads the stack's own account", () => {
    expect(named(crossJson, "aws_vpc_endpoint_service", "service").body.allowed_principals).toEqual([
      "arn:aws:iam::111111111111:root",
      "arn:aws:iam::222222222222:root",
    ]);
    // Only the VPC quota checks read an account's id, each its own.
    expect(Object.keys(crossJson.data?.aws_caller_identity ?? {}).filter((name) => !/vpc-quota_account_/.test(name))).toEqual([]);
  });

  it("creates each consumer through a provider that assumes its role, and accepts its endpoint with the service's own provider", () => {
    const providers = crossJson.provider?.["aws"] ?? [];
    expect(providers.filter((provider) => provider.alias).map(({ alias, assume_role }) => [alias, assume_role[0].role_arn])).toEqual([
      ["dev-account", ROLE("111111111111")],
      ["stg-account", ROLE("222222222222")],
      ["prod-account", ROLE("222222222222")],
    ]);
    for (const consumer of CONSUMERS) {
      for (const [type, name] of [
        ["aws_vpc", consumer],
        ["aws_subnet", `${consumer}-private`],
        ["aws_instance", `${consumer}-client`],
        ["aws_vpc_endpoint", `${consumer}-endpoint`],
        ["aws_security_group", `${consumer}-endpoint`],
        ["aws_ec2_instance_connect_endpoint", `${consumer}-eic`],
      ] as const) {
        expect(named(crossJson, type, name).body.provider, `${type} ${name}`).toBe(`aws.${consumer}-account`);
      }
    }
    for (const acceptance of Object.values(resourcesOf(crossJson, "aws_vpc_endpoint_connection_accepter"))) {
      expect(acceptance.provider).toBeUndefined();
    }
    expect(named(crossJson, "aws_lb", "nlb").body.provider).toBeUndefined();
  });

  it("places subnets by Availability Zone ID, the same physical zone in every account", () => {
    expect(named(crossJson, "aws_subnet", "dev-private").body).toMatchObject({ availability_zone_id: "apne1-az4" });
    expect(named(crossJson, "aws_subnet", "dev-private").body.availability_zone).toBeUndefined();
    expect(named(crossJson, "aws_subnet", "shared-private-c").body).toMatchObject({ availability_zone_id: "apne1-az1" });
  });

  it("keeps every resource address of the single-account stack", () => {
    const { privatelink } = crossAccountOverrides(["111111111111", "222222222222", "333333333333"]);
    const { json: singleAccount } = synthStack("privatelink", {
      privatelink: { ...privatelink, consumers: privatelink.consumers.map(({ assumeRoleArn: _role, ...rest }) => rest) },
    });
    const addresses = (source: StackJson) =>
      Object.entries(source.resource ?? {}).flatMap(([type, resources]) => Object.keys(resources as object).map((name) => `${type}.${name}`));
    expect(addresses(crossJson).sort()).toEqual(addresses(singleAccount).sort());
  });
});

describe("privatelink options", () => {
  it("with Reachability Analyzer on, analyses each client to the server, or to its own endpoint when the consumer is another account, and outputs the verdicts", () => {
    const { json: mixed } = synthStack("privatelink", {
      privatelink: {
        ...crossAccountOverrides(["111111111111"]).privatelink,
        consumers: [
          crossAccountOverrides(["111111111111"]).privatelink.consumers[0],
          { name: "local", cidr: "10.0.0.0/16", subnets: [{ name: "local-private", cidr: "10.0.1.0/24", availabilityZone: "apne1-az1" }], clientSubnet: "local-private", endpointSubnets: ["local-private"] },
        ],
        reachabilityAnalysis: true,
      },
    });
    const paths = resourcesOf(mixed, "aws_ec2_network_insights_path");
    const pathOf = (consumer: string) => Object.values(paths).find((path) => path.source === ref(named(mixed, "aws_instance", `${consumer}-client`).address));
    expect(pathOf("local")).toMatchObject({ destination: ref(named(mixed, "aws_instance", "web-server").address), protocol: "tcp", destination_port: 80 });
    expect(pathOf("dev")).toMatchObject({ destination: ref(named(mixed, "aws_vpc_endpoint", "dev-endpoint").address), protocol: "tcp", destination_port: 80, provider: "aws.dev-account" });
    const analyses = Object.entries(resourcesOf(mixed, "aws_ec2_network_insights_analysis"));
    expect(analyses.map(([, analysis]) => analysis.wait_for_completion)).toEqual([true, true]);
    // An analysis run before the path exists reports no path and is not run again.
    const local = analyses.find(([name]) => name.startsWith("local_"))![1].depends_on as string[];
    const typesOf = (addresses: string[]) => [...new Set(addresses.map((address) => address.split(".")[0]))].sort();
    expect(typesOf(local)).toEqual([
      "aws_lb_listener",
      "aws_lb_target_group_attachment",
      "aws_vpc_endpoint_connection_accepter",
      "aws_vpc_security_group_egress_rule",
      "aws_vpc_security_group_ingress_rule",
    ]);
    const ruleNames = Object.keys(resourcesOf(mixed, "aws_vpc_security_group_ingress_rule"))
      .filter((name) => name.startsWith("server-sg_") || name.startsWith("local_endpoint_security-group_"))
      .map((name) => `aws_vpc_security_group_ingress_rule.${name}`);
    expect(ruleNames).toHaveLength(2);
    expect(local).toEqual(expect.arrayContaining(ruleNames));
    const dev = analyses.find(([name]) => name.startsWith("dev_"))![1].depends_on as string[];
    expect(typesOf(dev)).toEqual(["aws_vpc_endpoint_connection_accepter", "aws_vpc_security_group_egress_rule", "aws_vpc_security_group_ingress_rule"]);
    expect(Object.keys(outputOf(mixed, "reachability-path-found"))).toEqual(["dev", "local"]);
  });

  it("with a private DNS name, verifies the domain by a TXT record and turns private DNS on in each consumer only after acceptance and verification", () => {
    const { json: withDns } = synthStack("privatelink", { privatelink: { endpointService: { privateDnsName: "hello.example.com", privateDnsPublicZoneId: "Z0123456789ABCDEFGHIJ" } } });
    const service = named(withDns, "aws_vpc_endpoint_service", "service");
    expect(service.body.private_dns_name).toBe("hello.example.com");
    const [ownershipAddress, ownership] = Object.entries(resourcesOf(withDns, "aws_route53_record"))[0]!;
    expect(ownership).toMatchObject({ zone_id: "Z0123456789ABCDEFGHIJ", name: `\${${service.address}.private_dns_name_configuration[0].name}` });
    const [verificationAddress, verification] = Object.entries(resourcesOf(withDns, "aws_vpc_endpoint_service_private_dns_verification"))[0]!;
    expect(verification).toMatchObject({ service_id: ref(service.address), wait_for_verification: true, depends_on: [`aws_route53_record.${ownershipAddress}`] });
    const privateDns = Object.values(resourcesOf(withDns, "aws_vpc_endpoint_private_dns"));
    expect(privateDns).toHaveLength(3);
    const devEndpoint = ref(named(withDns, "aws_vpc_endpoint", "dev-endpoint").address);
    const devAcceptance = Object.keys(resourcesOf(withDns, "aws_vpc_endpoint_connection_accepter")).find((name) => name.includes("accept-dev"))!;
    expect(privateDns.find((resource) => resource.vpc_endpoint_id === devEndpoint)).toMatchObject({
      private_dns_enabled: true,
      depends_on: [`aws_vpc_endpoint_connection_accepter.${devAcceptance}`, `aws_vpc_endpoint_service_private_dns_verification.${verificationAddress}`],
    });
    expect(outputOf(withDns, "curl-commands").dev).toBe("curl -sS http://hello.example.com/");
  });

  it("with NAT gateways, gives the VPC an internet gateway, public subnets and one NAT gateway that the private subnets route through", () => {
    const { json: withNat } = synthStack("privatelink", {
      privatelink: {
        service: {
          natGateway: true,
          publicSubnets: [
            { name: "shared-public-a", cidr: "172.16.101.0/24", availabilityZone: "a" },
            { name: "shared-public-c", cidr: "172.16.102.0/24", availabilityZone: "c" },
          ],
        },
      },
    });
    const nat = Object.entries(resourcesOf(withNat, "aws_nat_gateway"));
    expect(nat).toHaveLength(1);
    expect(nat[0]![1].subnet_id).toBe(ref(named(withNat, "aws_subnet", "shared-public-a").address));
    const routes = Object.values(resourcesOf(withNat, "aws_route"));
    expect(routes.filter((route) => route.nat_gateway_id === ref(`aws_nat_gateway.${nat[0]![0]}`)).map((route) => route.route_table_id)).toEqual(
      ["shared-private-a", "shared-private-c"].map((name) => ref(named(withNat, "aws_route_table", `${name}-rt`).address)),
    );
    expect(routes.filter((route) => route.gateway_id !== undefined)).toHaveLength(2);
    expect(rulesOf(withNat, "egress", "server")).toContainEqual({ ip_protocol: "tcp", from_port: 443, to_port: 443, peer: "0.0.0.0/0" });
    expect(named(withNat, "aws_subnet", "shared-public-a").body.map_public_ip_on_launch).toBe(false);
  });

  it("follows the consumer list: one endpoint, acceptance and client per consumer, whatever their number", () => {
    const consumers = ["alpha", "beta"].map((name) => ({
      name,
      cidr: "10.0.0.0/16",
      subnets: [{ name: `${name}-private`, cidr: "10.0.1.0/24", availabilityZone: "c" }],
      clientSubnet: `${name}-private`,
      endpointSubnets: [`${name}-private`],
    }));
    const { json: two } = synthStack("privatelink", { privatelink: { consumers } });
    expect(Object.keys(resourcesOf(two, "aws_vpc_endpoint_connection_accepter")).map((name) => name.replace(/_[0-9A-F]{8}$/, ""))).toEqual([
      "endpoint-service_accept-alpha",
      "endpoint-service_accept-beta",
    ]);
    expect(Object.keys(outputOf(two, "endpoint-dns-names"))).toEqual(["alpha", "beta"]);
    expect(configWith({ privatelink: { consumers } }).privatelink.consumers[1]).toMatchObject({ natGateway: false, publicSubnets: [] });
  });

  it("tags every taggable resource with a Name, with every option on", () => {
    const { stack } = synthStack("privatelink", {
      privatelink: {
        service: { natGateway: true, publicSubnets: [{ name: "shared-public", cidr: "172.16.100.0/24", availabilityZone: "a" }] },
        endpointService: { privateDnsName: "hello.example.com", privateDnsPublicZoneId: "Z0123456789ABCDEFGHIJ" },
        reachabilityAnalysis: true,
      },
    });
    const untagged = taggableResourcesOf(stack)
      .filter((resource) => !(resource as unknown as { tagsInput?: Record<string, string> }).tagsInput?.["Name"])
      .map((resource) => resource.node.path);
    expect(untagged).toEqual([]);
  });
});

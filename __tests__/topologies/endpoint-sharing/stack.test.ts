import { describe, expect, it } from "vitest";
import { outputOf, ref, resourceNamed, resourcesOf, rulesOfGroup, synthStack, taggableResourcesOf, type StackJson } from "../../support/synth";

/** The entry the stack picks among an endpoint's DNS names: the regional one, by its form, not by its place. */
const regional = (endpoint: string) => `[for entry in ${endpoint}.dns_entry : entry if length(regexall("^(\\\\*\\\\.)?vpce-[0-9a-z]+-[0-9a-z]+\\\\.", entry.dns_name)) > 0][0]`;

const STACK = "endpoint-sharing";
const { json } = synthStack(STACK);
const SERVICES = ["ssm", "ssmmessages", "ec2messages"];
const ROLE = (account: string) => `arn:aws:iam::${account}:role/privnet-deploy`;

function named(source: StackJson, type: string, name: string) {
  return resourceNamed(source, type, `${STACK}-${name}`);
}

/** Protocol, ports and peer of each rule on the group with this Name suffix. */
function rulesOf(source: StackJson, kind: "ingress" | "egress", groupName: string) {
  return rulesOfGroup(source, kind, `${STACK}-${groupName}`)
    .map(({ ip_protocol, from_port, to_port, cidr_ipv4, referenced_security_group_id }) => ({
      ip_protocol,
      from_port,
      to_port,
      peer: cidr_ipv4 ?? referenced_security_group_id,
    }))
    .sort((a, b) => `${a.from_port} ${a.peer}`.localeCompare(`${b.from_port} ${b.peer}`));
}

const https = (peer: string) => ({ ip_protocol: "tcp", from_port: 443, to_port: 443, peer });
const ssh = (peer: string) => ({ ip_protocol: "tcp", from_port: 22, to_port: 22, peer });

/** A spoke with one subnet in `a`, in the hub's account unless `account` is given. */
function spoke(name: string, cidr: string, account?: string) {
  const [first, second] = cidr.split(".");
  return {
    name,
    cidr,
    subnets: [{ name: `${name}-a`, cidr: `${first}.${second}.1.0/24`, availabilityZone: "a" }],
    instanceName: `${name}-ec2`,
    ...(account === undefined ? {} : { assumeRoleArn: ROLE(account) }),
  };
}

const THREE_SPOKES = [spoke("user-vpc", "192.168.0.0/16"), spoke("dev", "10.1.0.0/16"), spoke("prod", "10.2.0.0/16")];

describe("endpoint-sharing stack (article 001)", () => {
  const hub = named(json, "aws_vpc", "shared-vpc");
  const hubSubnets = ["shared-vpc-subnet-a", "shared-vpc-subnet-c"].map((name) => named(json, "aws_subnet", name));
  const user = named(json, "aws_vpc", "user-vpc");
  const userSubnet = named(json, "aws_subnet", "user-vpc-subnet-a");

  it("builds the hub 172.16.0.0/16 with DNS support and host names on, and subnets 172.16.100.0/24 in 1a and 172.16.200.0/24 in 1c", () => {
    expect(hub.body).toMatchObject({ cidr_block: "172.16.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
    expect(hubSubnets.map(({ body }) => [body.vpc_id, body.cidr_block, body.availability_zone])).toEqual([
      [ref(hub.address), "172.16.100.0/24", "ap-northeast-1a"],
      [ref(hub.address), "172.16.200.0/24", "ap-northeast-1c"],
    ]);
  });

  it("puts an interface endpoint for ssm, ssmmessages and ec2messages in both hub subnets, private DNS off, behind one group", () => {
    for (const service of SERVICES) {
      expect(named(json, "aws_vpc_endpoint", `vpce-${service}`).body).toEqual({
        vpc_id: ref(hub.address),
        service_name: `com.amazonaws.ap-northeast-1.${service}`,
        vpc_endpoint_type: "Interface",
        subnet_ids: hubSubnets.map(({ address }) => ref(address)),
        security_group_ids: [ref(named(json, "aws_security_group", "vpce").address)],
        private_dns_enabled: false,
        ip_address_type: "ipv4",
        tags: { Name: `${STACK}-vpce-${service}` },
      });
    }
  });

  it("lets HTTPS into the endpoints from the hub's block and every spoke's block, computed from the spoke list, and nothing else", () => {
    expect(rulesOf(json, "ingress", "vpce")).toEqual([https("172.16.0.0/16"), https("192.168.0.0/16")]);
    expect(rulesOf(json, "egress", "vpce")).toEqual([]);
    const { json: three } = synthStack(STACK, { endpointSharing: { spokes: THREE_SPOKES } });
    expect(rulesOf(three, "ingress", "vpce")).toEqual([https("10.1.0.0/16"), https("10.2.0.0/16"), https("172.16.0.0/16"), https("192.168.0.0/16")]);
  });

  it("gives the instances an IAM role with AmazonSSMManagedInstanceCore only, through an instance profile, and no user data", () => {
    const role = named(json, "aws_iam_role", "privnet-endpoint-sharing-ssm");
    expect(role.body.name).toBe("privnet-endpoint-sharing-ssm");
    expect(JSON.parse(role.body.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    const attachments = Object.values(resourcesOf(json, "aws_iam_role_policy_attachment"));
    expect(attachments).toEqual([
      { role: ref(role.address, "name"), policy_arn: "arn:${data.aws_partition.partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore" },
    ]);
    const profile = named(json, "aws_iam_instance_profile", "privnet-endpoint-sharing-ssm");
    expect(profile.body.role).toBe(ref(role.address, "name"));
    for (const instanceName of ["shared-vpc-ec2", "user-vpc-ec2"]) {
      const instance = named(json, "aws_instance", instanceName).body;
      expect(instance.iam_instance_profile).toBe(ref(profile.address, "name"));
      expect(instance.user_data).toBeUndefined();
      expect(instance.metadata_options.http_tokens).toBe("required");
      expect(instance.associate_public_ip_address).toBe(false);
    }
    expect(named(json, "aws_instance", "shared-vpc-ec2").body.subnet_id).toBe(ref(hubSubnets[0]!.address));
  });

  it("builds the spoke User-VPC 192.168.0.0/16 with DNS host names on and its instance in 192.168.100.0/24", () => {
    expect(user.body).toMatchObject({ cidr_block: "192.168.0.0/16", enable_dns_support: true, enable_dns_hostnames: true });
    expect(userSubnet.body).toMatchObject({ vpc_id: ref(user.address), cidr_block: "192.168.100.0/24", availability_zone: "ap-northeast-1a" });
    expect(named(json, "aws_instance", "user-vpc-ec2").body.subnet_id).toBe(ref(userSubnet.address));
  });

  it("writes the article's rules: SSH into the spoke from the hub only, nothing into the hub's instance, HTTPS out to the hub", () => {
    expect(rulesOf(json, "ingress", "user-vpc-ec2")).toEqual([ssh("172.16.0.0/16")]);
    expect(rulesOf(json, "egress", "user-vpc-ec2")).toEqual([https("172.16.0.0/16")]);
    expect(rulesOf(json, "ingress", "shared-vpc-ec2")).toEqual([]);
    expect(rulesOf(json, "egress", "shared-vpc-ec2")).toEqual([ssh("192.168.0.0/16"), https("172.16.0.0/16")]);
  });

  it("peers the hub with the spoke and routes each one's block to the other from every subnet", () => {
    const peering = named(json, "aws_vpc_peering_connection", "shared-vpc-user-vpc");
    expect(peering.body).toMatchObject({ vpc_id: ref(hub.address), peer_vpc_id: ref(user.address), auto_accept: true });
    const routes = Object.values(resourcesOf(json, "aws_route")).map((route) => [route.route_table_id, route.destination_cidr_block, route.vpc_peering_connection_id]);
    const tableOf = (subnet: string) => ref(named(json, "aws_route_table", `${subnet}-rt`).address);
    expect(routes).toEqual([
      [tableOf("shared-vpc-subnet-a"), "192.168.0.0/16", ref(peering.address)],
      [tableOf("shared-vpc-subnet-c"), "192.168.0.0/16", ref(peering.address)],
      [tableOf("user-vpc-subnet-a"), "172.16.0.0/16", ref(peering.address)],
    ]);
  });

  it("makes one private zone per service, seen by the hub and kept so by ignoring the associations made beside it, with an apex alias to the endpoint's regional name", () => {
    const zones = resourcesOf(json, "aws_route53_zone");
    const records = Object.values(resourcesOf(json, "aws_route53_record"));
    for (const service of SERVICES) {
      const zoneName = `${service}.ap-northeast-1.amazonaws.com`;
      const [address] = Object.entries(zones).find(([, zone]) => zone.name === zoneName)!;
      const zone = zones[address];
      expect(zone.vpc).toEqual([{ vpc_id: ref(hub.address) }]);
      expect(zone.lifecycle).toEqual({ ignore_changes: ["vpc"] });
      const endpoint = named(json, "aws_vpc_endpoint", `vpce-${service}`).address;
      expect(records.filter((record) => record.zone_id === ref(`aws_route53_zone.${address}`, "zone_id"))).toEqual([
        {
          zone_id: ref(`aws_route53_zone.${address}`, "zone_id"),
          name: zoneName,
          type: "A",
          alias: { name: `\${${regional(endpoint)}.dns_name}`, zone_id: `\${${regional(endpoint)}.hosted_zone_id}`, evaluate_target_health: false },
        },
      ]);
    }
  });

  it("associates every zone with every spoke", () => {
    const { json: three } = synthStack(STACK, { endpointSharing: { spokes: THREE_SPOKES } });
    const zoneIds = Object.keys(resourcesOf(three, "aws_route53_zone")).map((name) => ref(`aws_route53_zone.${name}`, "zone_id"));
    const pairs = Object.values(resourcesOf(three, "aws_route53_zone_association")).map((association) => `${association.zone_id} ${association.vpc_id}`);
    const expected = THREE_SPOKES.flatMap((entry) => zoneIds.map((zoneId) => `${zoneId} ${ref(named(three, "aws_vpc", entry.name).address)}`));
    expect(pairs.sort()).toEqual(expected.sort());
  });

  it("launches each spoke's instance after its routes, its zone associations, the records and its role's policy, so the agent registers at first boot", () => {
    const dependsOn = named(json, "aws_instance", "user-vpc-ec2").body.depends_on as string[];
    expect(dependsOn.filter((address) => address.startsWith("aws_route.")).length).toBe(3);
    expect(dependsOn.filter((address) => address.startsWith("aws_route53_zone_association.")).length).toBe(3);
    expect(dependsOn.filter((address) => address.startsWith("aws_route53_record.")).length).toBe(3);
    expect(dependsOn.filter((address) => address.startsWith("aws_iam_role_policy_attachment.")).length).toBe(1);
    const hubDependsOn = named(json, "aws_instance", "shared-vpc-ec2").body.depends_on as string[];
    expect(hubDependsOn.filter((address) => address.startsWith("aws_iam_role_policy_attachment.")).length).toBe(1);
  });

  it("outputs endpoint ids, zone ids, and per instance the start-session command, with the article's diagnostics", () => {
    const instanceOf = (name: string) => named(json, "aws_instance", name).address;
    expect(outputOf(json, "endpoint-ids")).toEqual(Object.fromEntries(SERVICES.map((service) => [service, ref(named(json, "aws_vpc_endpoint", `vpce-${service}`).address)])));
    expect(Object.keys(outputOf(json, "zone-ids")).sort()).toEqual(SERVICES.map((service) => `${service}.ap-northeast-1.amazonaws.com`).sort());
    expect(outputOf(json, "start-session-commands")).toEqual({
      "shared-vpc": `aws ssm start-session --target ${ref(instanceOf("shared-vpc-ec2"))} --region ap-northeast-1`,
      "user-vpc": `aws ssm start-session --target ${ref(instanceOf("user-vpc-ec2"))} --region ap-northeast-1`,
    });
    expect(outputOf(json, "diagnostics-command")).toBe("sudo ssm-cli get-diagnostics --output table");
    expect(outputOf(json, "dns-check-commands")).toEqual(SERVICES.map((service) => `dig +short ${service}.ap-northeast-1.amazonaws.com`));
  });

  it("shares another service with one more line: logs and ecr.api get endpoints and zones named as AWS names them, ecr.dkr a wildcard too", () => {
    const { json: more } = synthStack(STACK, { endpointSharing: { services: [...SERVICES, "logs", "ecr.api", "ecr.dkr"] } });
    const zoneNames = Object.values(resourcesOf(more, "aws_route53_zone")).map((zone) => zone.name);
    expect(zoneNames).toContain("logs.ap-northeast-1.amazonaws.com");
    expect(zoneNames).toContain("api.ecr.ap-northeast-1.amazonaws.com");
    expect(named(more, "aws_vpc_endpoint", "vpce-ecr-api").body.service_name).toBe("com.amazonaws.ap-northeast-1.ecr.api");
    const recordNames = Object.values(resourcesOf(more, "aws_route53_record")).map((record) => record.name);
    expect(recordNames.filter((name) => name.includes("dkr.ecr"))).toEqual(["dkr.ecr.ap-northeast-1.amazonaws.com", "*.dkr.ecr.ap-northeast-1.amazonaws.com"]);
    expect(Object.values(resourcesOf(more, "aws_route53_zone_association"))).toHaveLength(6);
  });

  it("checks each zone's name against AWS's own private DNS name of the service at plan time", () => {
    const services = json.data?.aws_vpc_endpoint_service ?? {};
    expect(Object.values(services).map((service: any) => service.service_name).sort()).toEqual(SERVICES.map((service) => `com.amazonaws.ap-northeast-1.${service}`).sort());
    for (const service of Object.values(services) as any[]) {
      const zoneName = service.service_name.replace(/^com\.amazonaws\.ap-northeast-1\.(.+)$/, "$1.ap-northeast-1.amazonaws.com");
      expect(service.lifecycle.postcondition).toEqual([
        {
          condition: `\${try(contains(["${zoneName}", "*.${zoneName}"], self.private_dns_name), false)}`,
          error_message: expect.stringContaining(`is not ${zoneName}`),
        },
      ]);
    }
  });

  it("tags every taggable resource with a Name", () => {
    const { stack } = synthStack(STACK, { endpointSharing: { transport: "transit-gateway", dns: "route53-profile", spokes: [...THREE_SPOKES.slice(0, 2), spoke("prod", "10.2.0.0/16", "111122223333")] } });
    const untagged = taggableResourcesOf(stack).filter((resource) => !(resource as any).tagsInput?.Name);
    expect(untagged.map((resource) => resource.node.path)).toEqual([]);
  });
});

describe("endpoint-sharing with a Route 53 profile", () => {
  const { json: withProfile } = synthStack(STACK, { endpointSharing: { dns: "route53-profile", spokes: THREE_SPOKES } });
  const profile = named(withProfile, "aws_route53profiles_profile", "shared-endpoints");

  it("puts every zone in one profile and associates the profile once per spoke, instead of each zone with each spoke", () => {
    const zoneArns = Object.keys(resourcesOf(withProfile, "aws_route53_zone")).map((name) => ref(`aws_route53_zone.${name}`, "arn"));
    const inProfile = Object.values(resourcesOf(withProfile, "aws_route53profiles_resource_association"));
    expect(inProfile.map((association) => [association.profile_id, association.resource_arn]).sort()).toEqual(zoneArns.map((arn) => [ref(profile.address), arn]).sort());
    expect(inProfile.map((association) => association.name).sort()).toEqual(["ec2messages", "ssm", "ssmmessages"]);
    const associations = Object.values(resourcesOf(withProfile, "aws_route53profiles_association"));
    expect(associations.map((association) => association.resource_id).sort()).toEqual(THREE_SPOKES.map((entry) => ref(named(withProfile, "aws_vpc", entry.name).address)).sort());
    expect(resourcesOf(withProfile, "aws_route53_zone_association")).toEqual({});
    expect(outputOf(withProfile, "route53-profile-id")).toBe(ref(profile.address));
  });
});

describe("endpoint-sharing over a transit gateway", () => {
  const { json: overGateway } = synthStack(STACK, { endpointSharing: { transport: "transit-gateway", spokes: THREE_SPOKES } });
  const gateway = named(overGateway, "aws_ec2_transit_gateway", "tgw");
  const attachmentOf = (name: string) => named(overGateway, "aws_ec2_transit_gateway_vpc_attachment", `${name}-attachment`);
  const table = (name: string) => ref(named(overGateway, "aws_ec2_transit_gateway_route_table", name).address);

  it("turns the gateway's default route table off, so a new attachment reaches nothing by default", () => {
    expect(gateway.body).toMatchObject({ default_route_table_association: "disable", default_route_table_propagation: "disable", auto_accept_shared_attachments: "disable" });
    expect(resourcesOf(overGateway, "aws_vpc_peering_connection")).toEqual({});
  });

  it("attaches the hub in both of its zones and each of N spokes, each in every zone it has a subnet in", () => {
    expect(attachmentOf("shared-vpc").body.subnet_ids).toEqual(["shared-vpc-subnet-a", "shared-vpc-subnet-c"].map((name) => ref(named(overGateway, "aws_subnet", name).address)));
    for (const entry of THREE_SPOKES) {
      expect(attachmentOf(entry.name).body).toMatchObject({
        transit_gateway_id: ref(gateway.address),
        vpc_id: ref(named(overGateway, "aws_vpc", entry.name).address),
        subnet_ids: [ref(named(overGateway, "aws_subnet", `${entry.name}-a`).address)],
        transit_gateway_default_route_table_association: false,
        transit_gateway_default_route_table_propagation: false,
      });
    }
    expect(Object.keys(resourcesOf(overGateway, "aws_ec2_transit_gateway_vpc_attachment"))).toHaveLength(4);
  });

  it("lets spokes learn the hub only and the hub learn every spoke, so spokes stay apart as over peering", () => {
    const pairs = (type: string) =>
      Object.values(resourcesOf(overGateway, type)).map((entry) => `${entry.transit_gateway_attachment_id} -> ${entry.transit_gateway_route_table_id}`);
    const hubAttachment = ref(attachmentOf("shared-vpc").address);
    const spokeAttachments = THREE_SPOKES.map((entry) => ref(attachmentOf(entry.name).address));
    expect(pairs("aws_ec2_transit_gateway_route_table_association").sort()).toEqual(
      [`${hubAttachment} -> ${table("tgw-to-spokes")}`, ...spokeAttachments.map((attachment) => `${attachment} -> ${table("tgw-to-hub")}`)].sort(),
    );
    expect(pairs("aws_ec2_transit_gateway_route_table_propagation").sort()).toEqual(
      [`${hubAttachment} -> ${table("tgw-to-hub")}`, ...spokeAttachments.map((attachment) => `${attachment} -> ${table("tgw-to-spokes")}`)].sort(),
    );
  });

  it("routes every spoke's block from both hub subnets, and the hub's block from each spoke, to the gateway once attached", () => {
    const routes = Object.values(resourcesOf(overGateway, "aws_route"));
    expect(routes.every((route) => route.transit_gateway_id === ref(gateway.address))).toBe(true);
    const hubTables = ["shared-vpc-subnet-a", "shared-vpc-subnet-c"].map((name) => ref(named(overGateway, "aws_route_table", `${name}-rt`).address));
    for (const entry of THREE_SPOKES) {
      expect(routes.filter((route) => route.destination_cidr_block === entry.cidr).map((route) => route.route_table_id)).toEqual(hubTables);
      const spokeRoute = routes.find((route) => route.route_table_id === ref(named(overGateway, "aws_route_table", `${entry.name}-a-rt`).address));
      expect(spokeRoute).toMatchObject({ destination_cidr_block: "172.16.0.0/16", depends_on: [attachmentOf(entry.name).address] });
    }
    expect(routes).toHaveLength(2 * 3 + 3);
  });

  it("launches a spoke's instance after the gateway's associations and propagations on both sides, not only the routes", () => {
    const dependsOn = named(overGateway, "aws_instance", "dev-ec2").body.depends_on as string[];
    const kinds = (type: string) => dependsOn.filter((address) => address.startsWith(`${type}.`));
    expect(kinds("aws_ec2_transit_gateway_route_table_association")).toHaveLength(2);
    expect(kinds("aws_ec2_transit_gateway_route_table_propagation")).toHaveLength(2);
    expect(kinds("aws_route")).toHaveLength(3);
    expect(outputOf(overGateway, "transit-gateway-id")).toBe(ref(gateway.address));
  });
});

describe("endpoint-sharing with spokes in other accounts", () => {
  const spokes = [spoke("user-vpc", "192.168.0.0/16"), spoke("dev", "10.1.0.0/16", "111122223333"), spoke("stg", "10.3.0.0/16", "111122223333"), spoke("prod", "10.2.0.0/16", "444455556666")];
  const { json: crossAccount } = synthStack(STACK, { endpointSharing: { spokes } });

  it("stops the plan when a spoke's role is in the hub's own account, which synth cannot see", () => {
    const caller = crossAccount.data?.aws_caller_identity?.caller;
    expect(caller.lifecycle.postcondition).toEqual([
      {
        condition: '${!contains(["111122223333","444455556666"], self.account_id)}',
        error_message: expect.stringMatching(/^endpointSharing\.spokes\[\]\.assumeRoleArn: a spoke's role is in the hub's own account/),
      },
    ]);
    expect(json.data?.aws_caller_identity?.caller).toBeUndefined();
  });

  it("creates one aliased provider and one instance profile per account, not per spoke", () => {
    const aliases = (crossAccount.provider?.aws ?? []).map((provider) => provider.alias).filter(Boolean);
    expect(aliases).toEqual(["account-111122223333", "account-444455556666"]);
    const profiles = Object.values(resourcesOf(crossAccount, "aws_iam_instance_profile")).map((profile) => profile.provider ?? "hub");
    expect(profiles.sort()).toEqual(["aws.account-111122223333", "aws.account-444455556666", "hub"]);
    expect(named(crossAccount, "aws_instance", "stg-ec2").body.provider).toBe("aws.account-111122223333");
  });

  it("authorizes each other-account spoke in the hub's account before the spoke's account associates each zone", () => {
    const authorizations = resourcesOf(crossAccount, "aws_route53_vpc_association_authorization");
    expect(Object.keys(authorizations)).toHaveLength(3 * 3);
    expect(Object.values(authorizations).every((authorization) => authorization.provider === undefined)).toBe(true);
    const prodVpc = ref(named(crossAccount, "aws_vpc", "prod").address);
    const prodAssociations = Object.values(resourcesOf(crossAccount, "aws_route53_zone_association")).filter((association) => association.vpc_id === prodVpc);
    expect(prodAssociations).toHaveLength(3);
    for (const association of prodAssociations) {
      expect(association.provider).toBe("aws.account-444455556666");
      expect(association.depends_on).toHaveLength(1);
      expect(association.depends_on[0]).toMatch(/^aws_route53_vpc_association_authorization\.prod_/);
    }
    const userAssociations = Object.values(resourcesOf(crossAccount, "aws_route53_zone_association")).filter((association) => association.vpc_id === ref(named(crossAccount, "aws_vpc", "user-vpc").address));
    expect(userAssociations.every((association) => association.provider === undefined && association.depends_on === undefined)).toBe(true);
  });

  it("requests each peering with the spoke's account as owner, and accepts it with that account's provider", () => {
    expect(named(crossAccount, "aws_vpc_peering_connection", "shared-vpc-prod").body).toMatchObject({ peer_owner_id: "444455556666" });
    const accepters = Object.values(resourcesOf(crossAccount, "aws_vpc_peering_connection_accepter")).map((accepter) => accepter.provider);
    expect(accepters.sort()).toEqual(["aws.account-111122223333", "aws.account-111122223333", "aws.account-444455556666"]);
  });

  it("over a transit gateway, shares it through RAM within the organization, attaches other accounts after the share, and accepts them in code", () => {
    const { json: shared } = synthStack(STACK, { endpointSharing: { transport: "transit-gateway", dns: "route53-profile", spokes } });
    expect(named(shared, "aws_ram_resource_share", "hub").body.allow_external_principals).toBe(false);
    const principals = Object.values(resourcesOf(shared, "aws_ram_principal_association")).map((association) => association.principal);
    expect(principals).toEqual(["111122223333", "444455556666"]);
    const sharedArns = Object.values(resourcesOf(shared, "aws_ram_resource_association")).map((association) => association.resource_arn);
    expect(sharedArns.sort()).toEqual([ref(named(shared, "aws_ec2_transit_gateway", "tgw").address, "arn"), ref(named(shared, "aws_route53profiles_profile", "shared-endpoints").address, "arn")].sort());

    const attachment = (name: string) => named(shared, "aws_ec2_transit_gateway_vpc_attachment", `${name}-attachment`);
    expect(attachment("prod").body.provider).toBe("aws.account-444455556666");
    const shareParts = ["aws_ram_resource_association", "aws_ram_principal_association"].flatMap((type) => Object.keys(resourcesOf(shared, type)).map((name) => `${type}.${name}`));
    expect([...attachment("prod").body.depends_on].sort()).toEqual(shareParts.sort());
    expect(attachment("user-vpc").body.depends_on).toBeUndefined();
    const accepters = Object.values(resourcesOf(shared, "aws_ec2_transit_gateway_vpc_attachment_accepter"));
    expect(accepters.map((accepter) => accepter.transit_gateway_attachment_id).sort()).toEqual(["dev", "prod", "stg"].map((name) => ref(attachment(name).address)).sort());
    expect(accepters.every((accepter) => accepter.provider === undefined)).toBe(true);
    // Another account's attachment leaves the default route table settings to the accepter (the provider cannot manage them there).
    expect(accepters.every((accepter) => accepter.transit_gateway_default_route_table_association === false && accepter.transit_gateway_default_route_table_propagation === false)).toBe(true);
    expect(attachment("prod").body.transit_gateway_default_route_table_association).toBeUndefined();
    expect(attachment("user-vpc").body.transit_gateway_default_route_table_association).toBe(false);
    const prodProfileAssociation = Object.values(resourcesOf(shared, "aws_route53profiles_association")).find((association) => association.name === "prod");
    expect(prodProfileAssociation.provider).toBe("aws.account-444455556666");
  });
});

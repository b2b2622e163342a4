import { describe, expect, it } from "vitest";
import { ref, resourceNamed, resourcesOf, rulesOfGroup, synthStack, taggableResourcesOf } from "../../support/synth";

const { json, stack } = synthStack("peering");

function named(type: string, name: string) {
  return resourceNamed(json, type, `peering-${name}`);
}

const rulesOf = rulesOfGroup;

describe("peering stack (article 000)", () => {
  const vpc1 = named("aws_vpc", "vpc1");
  const vpc2 = named("aws_vpc", "vpc2");
  const private1 = named("aws_subnet", "private1");
  const private2 = named("aws_subnet", "private2");

  it("builds the two VPCs and private subnets of the article in ap-northeast-1a", () => {
    expect(vpc1.body).toMatchObject({ cidr_block: "10.0.0.0/16" });
    expect(vpc2.body).toMatchObject({ cidr_block: "172.18.0.0/16" });
    expect(private1.body).toMatchObject({
      vpc_id: ref(vpc1.address),
      cidr_block: "10.0.1.0/24",
      availability_zone: "ap-northeast-1a",
      map_public_ip_on_launch: false,
    });
    expect(private2.body).toMatchObject({
      vpc_id: ref(vpc2.address),
      cidr_block: "172.18.1.0/24",
      availability_zone: "ap-northeast-1a",
      map_public_ip_on_launch: false,
    });
  });

  it("has no way to or from the internet", () => {
    for (const type of ["aws_internet_gateway", "aws_nat_gateway", "aws_eip", "aws_egress_only_internet_gateway"]) {
      expect(json.resource?.[type], type).toBeUndefined();
    }
    const routes = Object.values(resourcesOf(json, "aws_route"));
    expect(routes.every((route) => route.vpc_peering_connection_id !== undefined)).toBe(true);
  });

  it("peers vpc1 to vpc2 with automatic acceptance", () => {
    expect(named("aws_vpc_peering_connection", "vpc1-vpc2").body).toMatchObject({
      vpc_id: ref(vpc1.address),
      peer_vpc_id: ref(vpc2.address),
      auto_accept: true,
    });
  });

  it("gives each subnet its own route table, associated, with a route to the other VPC over the peering", () => {
    const peering = named("aws_vpc_peering_connection", "vpc1-vpc2").address;
    const rt1 = named("aws_route_table", "private1-rt");
    const rt2 = named("aws_route_table", "private2-rt");
    expect(rt1.body.vpc_id).toBe(ref(vpc1.address));
    expect(rt2.body.vpc_id).toBe(ref(vpc2.address));

    const associations = Object.values(resourcesOf(json, "aws_route_table_association"));
    expect(associations).toEqual(
      expect.arrayContaining([
        { subnet_id: ref(private1.address), route_table_id: ref(rt1.address) },
        { subnet_id: ref(private2.address), route_table_id: ref(rt2.address) },
      ]),
    );
    expect(associations).toHaveLength(2);

    const routes = Object.values(resourcesOf(json, "aws_route"));
    expect(routes).toEqual(
      expect.arrayContaining([
        { route_table_id: ref(rt1.address), destination_cidr_block: "172.18.0.0/16", vpc_peering_connection_id: ref(peering) },
        { route_table_id: ref(rt2.address), destination_cidr_block: "10.0.0.0/16", vpc_peering_connection_id: ref(peering) },
      ]),
    );
    expect(routes).toHaveLength(2);
  });

  it("allows ICMP both ways on both groups: the egress rules the article first forgot", () => {
    const icmp = { ip_protocol: "icmp", from_port: -1, to_port: -1 };
    expect(rulesOf(json, "ingress", "peering-sg1")).toEqual([expect.objectContaining({ ...icmp, cidr_ipv4: "172.18.0.0/16" })]);
    expect(rulesOf(json, "egress", "peering-sg1")).toEqual([expect.objectContaining({ ...icmp, cidr_ipv4: "172.18.0.0/16" })]);
    expect(rulesOf(json, "ingress", "peering-sg2")).toEqual([expect.objectContaining({ ...icmp, cidr_ipv4: "10.0.0.0/16" })]);
    expect(rulesOf(json, "egress", "peering-sg2")).toEqual([expect.objectContaining({ ...icmp, cidr_ipv4: "10.0.0.0/16" })]);
    expect(named("aws_security_group", "sg1").body.vpc_id).toBe(ref(vpc1.address));
    expect(named("aws_security_group", "sg2").body.vpc_id).toBe(ref(vpc2.address));
  });

  it("writes rules only as per-rule resources, never inline or as aws_security_group_rule", () => {
    expect(json.resource?.aws_security_group_rule).toBeUndefined();
    for (const group of Object.values(resourcesOf(json, "aws_security_group"))) {
      expect(group).not.toHaveProperty("ingress");
      expect(group).not.toHaveProperty("egress");
    }
  });

  it("creates the Instance Connect endpoint in private1 with its own group and client IP preservation off", () => {
    const endpointGroup = named("aws_security_group", "eic-endpoint");
    expect(endpointGroup.body.vpc_id).toBe(ref(vpc1.address));
    expect(named("aws_ec2_instance_connect_endpoint", "eic-endpoint").body).toEqual(
      expect.objectContaining({
        subnet_id: ref(private1.address),
        security_group_ids: [ref(endpointGroup.address)],
        preserve_client_ip: false,
      }),
    );
  });

  it("lets the endpoint reach tcp/22 only on instances in the EIC-to-EC2 group, which admits only the endpoint", () => {
    const endpointGroup = named("aws_security_group", "eic-endpoint").address;
    const eicToEc2 = named("aws_security_group", "eic-to-ec2").address;
    const ssh = { ip_protocol: "tcp", from_port: 22, to_port: 22 };
    expect(rulesOf(json, "ingress", "peering-eic-to-ec2")).toEqual([
      expect.objectContaining({ ...ssh, referenced_security_group_id: ref(endpointGroup) }),
    ]);
    expect(rulesOf(json, "egress", "peering-eic-to-ec2")).toEqual([]);
    expect(rulesOf(json, "egress", "peering-eic-endpoint")).toEqual(
      expect.arrayContaining([expect.objectContaining({ ...ssh, referenced_security_group_id: ref(eicToEc2) })]),
    );
    expect(rulesOf(json, "ingress", "peering-eic-endpoint")).toEqual([]);
  });

  it("fetches the operator's address over https, checks it is IPv4, and allows it as the article did", () => {
    const lookups = Object.values(json.data?.http ?? {});
    expect(lookups).toHaveLength(1);
    const lookup = lookups[0];
    expect(lookup.url).toBe("https://ipv4.icanhazip.com");
    const [postcondition] = lookup.lifecycle.postcondition;
    expect(postcondition.condition).toContain("self.status_code == 200");
    expect(postcondition.condition).toContain("can(regex(");
    expect(postcondition.error_message).toContain("peering.operator.cidr");
    const lookupAddress = `data.http.${Object.keys(json.data!.http!)[0]}`;
    expect(rulesOf(json, "egress", "peering-eic-endpoint")).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ip_protocol: "tcp", from_port: 22, cidr_ipv4: `\${trimspace(${lookupAddress}.response_body)}/32` }),
      ]),
    );
  });

  it("uses a configured operator address instead of fetching one", () => {
    const overridden = synthStack("peering", { peering: { operator: { cidr: "203.0.113.10" } } }).json;
    expect(overridden.data?.http).toBeUndefined();
    expect(overridden.provider?.http).toBeUndefined();
    expect(rulesOf(overridden, "egress", "peering-eic-endpoint")).toEqual(
      expect.arrayContaining([expect.objectContaining({ cidr_ipv4: "203.0.113.10/32", from_port: 22 })]),
    );
  });

  it("runs ec2-1 and ec2-2 on Amazon Linux 2023 from the SSM parameter, t2.micro, with the article's groups", () => {
    const ami = json.data?.aws_ssm_parameter?.ami;
    expect(ami.name).toBe("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64");
    const ec21 = named("aws_instance", "ec2-1").body;
    const ec22 = named("aws_instance", "ec2-2").body;
    for (const instance of [ec21, ec22]) {
      expect(instance.ami).toBe("${data.aws_ssm_parameter.ami.insecure_value}");
      expect(instance.instance_type).toBe("t2.micro");
    }
    expect(ec21.subnet_id).toBe(ref(private1.address));
    expect(ec22.subnet_id).toBe(ref(private2.address));
    expect(ec21.vpc_security_group_ids).toEqual([
      ref(named("aws_security_group", "sg1").address),
      ref(named("aws_security_group", "eic-to-ec2").address),
    ]);
    expect(ec22.vpc_security_group_ids).toEqual([ref(named("aws_security_group", "sg2").address)]);
  });

  it("hardens both instances: IMDSv2 only, encrypted root volume, no public IP, no key pair", () => {
    for (const name of ["ec2-1", "ec2-2"]) {
      const instance = named("aws_instance", name).body;
      expect(instance.metadata_options).toMatchObject({ http_tokens: "required", http_endpoint: "enabled", http_put_response_hop_limit: 1 });
      expect(instance.root_block_device).toMatchObject({ encrypted: true });
      expect(instance.associate_public_ip_address).toBe(false);
      expect(instance).not.toHaveProperty("key_name");
      expect(instance).not.toHaveProperty("user_data");
      expect(instance.lifecycle.ignore_changes).toEqual(["ami"]);
    }
  });

  it("attaches a key pair only when one is configured", () => {
    const withKey = synthStack("peering", { peering: { keyName: "ct_key" } }).json;
    expect(resourceNamed(withKey, "aws_instance", "peering-ec2-1").body.key_name).toBe("ct_key");
  });

  it("adopts each VPC's default security group and leaves it without rules", () => {
    const defaults = Object.values(resourcesOf(json, "aws_default_security_group"));
    expect(defaults.map((group) => group.vpc_id).sort()).toEqual([ref(vpc1.address), ref(vpc2.address)].sort());
    for (const group of defaults) {
      expect(group).not.toHaveProperty("ingress");
      expect(group).not.toHaveProperty("egress");
    }
  });

  it("tags every taggable resource with a Name, and the rest through the provider's default tags", () => {
    const taggable = taggableResourcesOf(stack);
    expect(taggable.length).toBeGreaterThan(15);
    for (const resource of taggable) {
      const body = json.resource![resource.terraformResourceType]![resource.friendlyUniqueId];
      expect(body.tags?.Name, `${resource.terraformResourceType}.${resource.friendlyUniqueId}`).toMatch(/^peering-/);
    }
    expect(json.provider?.aws?.[0].default_tags[0].tags).toEqual({ Project: "privnet", Stack: "peering", ManagedBy: "cdktf" });
  });

  it("adds configured tags to the default tags", () => {
    const tagged = synthStack("peering", { tags: { CostCenter: "net-lab" } }).json;
    expect(tagged.provider?.aws?.[0].default_tags[0].tags).toMatchObject({ CostCenter: "net-lab", Project: "privnet" });
  });

  it("outputs the ids, addresses and the exact commands to connect and ping", () => {
    const ec21 = named("aws_instance", "ec2-1").address;
    const ec22 = named("aws_instance", "ec2-2").address;
    const outputs = json.output!;
    expect(outputs["ec2-1-instance-id"]!.value).toBe(ref(ec21));
    expect(outputs["ec2-2-instance-id"]!.value).toBe(ref(ec22));
    expect(outputs["ec2-1-private-ip"]!.value).toBe(ref(ec21, "private_ip"));
    expect(outputs["ec2-2-private-ip"]!.value).toBe(ref(ec22, "private_ip"));
    expect(outputs["eic-endpoint-id"]!.value).toBe(ref(named("aws_ec2_instance_connect_endpoint", "eic-endpoint").address));
    expect(outputs["connect-command"]!.value).toBe(
      `aws ec2-instance-connect ssh --instance-id ${ref(ec21)} --connection-type eice --os-user ec2-user --region ap-northeast-1`,
    );
    expect(outputs["ping-command"]!.value).toBe(`ping -c 4 ${ref(ec22, "private_ip")}`);
  });

  it("builds from configuration rather than fixed values", () => {
    const custom = synthStack("peering", {
      region: "us-east-1",
      peering: {
        requester: { cidr: "10.10.0.0/16", subnet: { cidr: "10.10.5.0/24", availabilityZone: "b" } },
        accepter: { cidr: "10.20.0.0/16", subnet: { cidr: "10.20.5.0/24", availabilityZone: "c" } },
      },
      instances: { instanceType: "t3.micro" },
    }).json;
    expect(resourceNamed(custom, "aws_subnet", "peering-private1").body).toMatchObject({ cidr_block: "10.10.5.0/24", availability_zone: "us-east-1b" });
    expect(resourceNamed(custom, "aws_subnet", "peering-private2").body).toMatchObject({ cidr_block: "10.20.5.0/24", availability_zone: "us-east-1c" });
    expect(rulesOf(custom, "ingress", "peering-sg1")[0].cidr_ipv4).toBe("10.20.0.0/16");
    expect(resourceNamed(custom, "aws_instance", "peering-ec2-2").body.instance_type).toBe("t3.micro");
    expect(custom.provider?.aws?.[0].region).toBe("us-east-1");
  });
});

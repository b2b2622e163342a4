import { describe, expect, it } from "vitest";
import { ref, stackWith, violationsOf } from "./findings";

const vpc = { aws_vpc: { a: { cidr_block: "10.0.0.0/16", tags: { Name: "a" } } } };
const group = { aws_security_group: { web: { vpc_id: ref("aws_vpc.a"), tags: { Name: "web" } } } };
const hardened = { metadata_options: { http_tokens: "required" }, root_block_device: { encrypted: true }, associate_public_ip_address: false };

describe("imdsv2-required", () => {
  it("catches an instance that leaves http_tokens optional or unset, and a launch template that does", () => {
    const json = stackWith({
      aws_instance: { optional: { metadata_options: { http_tokens: "optional" } }, unset: {} },
      aws_launch_template: { lt: { metadata_options: [{ http_tokens: "optional" }] } },
    });
    expect(violationsOf("imdsv2-required", json)).toEqual([
      'aws_instance.optional: metadata_options.http_tokens is "optional", not "required"',
      "aws_instance.unset: metadata_options.http_tokens is unset, so the AMI's setting decides and IMDSv1 may answer",
      'aws_launch_template.lt: metadata_options.http_tokens is "optional", not "required"',
    ]);
  });

  it("passes tokens required, a metadata service turned off, and an instance whose template decides", () => {
    const json = stackWith({
      aws_instance: { v2: hardened, off: { metadata_options: { http_endpoint: "disabled" } }, templated: { launch_template: { id: ref("aws_launch_template.lt") } } },
      aws_launch_template: { lt: { metadata_options: { http_tokens: "required" } } },
    });
    expect(violationsOf("imdsv2-required", json)).toEqual([]);
  });
});

describe("encrypted-volumes", () => {
  it("catches an unencrypted root, data volume, EBS volume and launch template mapping", () => {
    const json = stackWith({
      aws_instance: { i: { root_block_device: { encrypted: false }, ebs_block_device: [{ device_name: "/dev/sdf", encrypted: true }, { device_name: "/dev/sdg" }] } },
      aws_ebs_volume: { data: { size: 10 } },
      aws_launch_template: { lt: { block_device_mappings: [{ ebs: { encrypted: "false" } }] } },
    });
    expect(violationsOf("encrypted-volumes", json)).toEqual([
      "aws_instance.i: root_block_device has encrypted = false",
      "aws_instance.i: ebs_block_device[1] (/dev/sdg) sets no encrypted = true, so the account's default (often unencrypted) decides",
      "aws_ebs_volume.data: the volume sets no encrypted = true, so the account's default (often unencrypted) decides",
      'aws_launch_template.lt: block_device_mappings[0].ebs has encrypted = "false"',
    ]);
  });

  it("passes volumes that say encrypted = true", () => {
    const json = stackWith({
      aws_instance: { i: { ...hardened, ebs_block_device: [{ device_name: "/dev/sdf", encrypted: true }] } },
      aws_ebs_volume: { data: { encrypted: true } },
    });
    expect(violationsOf("encrypted-volumes", json)).toEqual([]);
  });
});

describe("no-public-ip", () => {
  it("catches public instances, public-by-default subnets, Elastic IPs and internet-facing load balancers", () => {
    const json = stackWith({
      ...vpc,
      aws_instance: { public: { associate_public_ip_address: true }, unset: {} },
      aws_subnet: { s: { vpc_id: ref("aws_vpc.a"), cidr_block: "10.0.1.0/24", map_public_ip_on_launch: true } },
      aws_eip: { nat: { domain: "vpc" } },
      aws_lb: { facing: { internal: false, load_balancer_type: "network" }, unset: { load_balancer_type: "network" } },
    });
    expect(violationsOf("no-public-ip", json)).toEqual([
      "aws_instance.public: associate_public_ip_address is true",
      "aws_instance.unset: associate_public_ip_address is unset, so the subnet's setting decides (on in a default VPC)",
      "aws_subnet.s: map_public_ip_on_launch is true: every instance launched here gets a public address",
      "aws_eip.nat: an Elastic IP is a public address",
      "aws_lb.facing: internal is false",
      "aws_lb.unset: internal is unset, so the load balancer is internet-facing",
    ]);
  });

  it("passes private instances, subnets and internal load balancers", () => {
    const json = stackWith({
      ...vpc,
      aws_instance: { i: hardened },
      aws_subnet: { s: { vpc_id: ref("aws_vpc.a"), cidr_block: "10.0.1.0/24", map_public_ip_on_launch: false } },
      aws_lb: { internal: { internal: true, load_balancer_type: "network" }, gwlb: { load_balancer_type: "gateway" } },
    });
    expect(violationsOf("no-public-ip", json)).toEqual([]);
    const templated = stackWith({ aws_instance: { t: { launch_template: { id: "lt-1" } }, eni: { primary_network_interface: { network_interface_id: "eni-1" } } } });
    expect(violationsOf("no-public-ip", templated)).toEqual([]);
    expect(violationsOf("encrypted-volumes", templated)).toEqual(["aws_instance.eni: root_block_device sets no encrypted = true, so the account's default (often unencrypted) decides"]);
  });
});

describe("no-world-ingress", () => {
  it("catches 0.0.0.0/0 and ::/0 in every form a rule is written, even on a group from elsewhere", () => {
    const json = stackWith({
      ...vpc,
      aws_security_group: { web: { vpc_id: ref("aws_vpc.a"), ingress: [{ protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["0.0.0.0/0"] }] } },
      aws_security_group_rule: { v6: { type: "ingress", security_group_id: ref("aws_security_group.web"), protocol: "tcp", from_port: 443, to_port: 443, ipv6_cidr_blocks: ["::/0"] } },
      aws_vpc_security_group_ingress_rule: {
        all: { security_group_id: ref("aws_security_group.web"), ip_protocol: "-1", cidr_ipv4: "0.0.0.0/0" },
        elsewhere: { security_group_id: "sg-0123456789abcdef0", ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "0.0.0.0/0" },
      },
    });
    expect(violationsOf("no-world-ingress", json)).toEqual([
      "aws_security_group.web: admits tcp/22 from 0.0.0.0/0",
      "aws_security_group_rule.v6: admits tcp/443 from ::/0",
      "aws_vpc_security_group_ingress_rule.all: admits all traffic from 0.0.0.0/0",
      "aws_vpc_security_group_ingress_rule.elsewhere: admits tcp/80 from 0.0.0.0/0",
    ]);
  });

  it("catches rules of one group that together admit every IPv4 address on the same ports, though none says 0.0.0.0/0", () => {
    const rule = (cidr: string, port: number) => ({ security_group_id: ref("aws_security_group.web"), ip_protocol: "tcp", from_port: port, to_port: port, cidr_ipv4: cidr });
    const json = stackWith({
      ...vpc,
      ...group,
      aws_vpc_security_group_ingress_rule: { low: rule("0.0.0.0/1", 443), high: rule("128.0.0.0/1", 443), other: rule("128.0.0.0/1", 80), office: rule("192.0.2.0/24", 80) },
    });
    expect(violationsOf("no-world-ingress", json)).toEqual([
      "aws_vpc_security_group_ingress_rule.low: admits tcp/443 from 0.0.0.0/1, and with 1 other rule(s) of its group from every IPv4 address",
      "aws_vpc_security_group_ingress_rule.high: admits tcp/443 from 128.0.0.0/1, and with 1 other rule(s) of its group from every IPv4 address",
    ]);
  });

  it("judges together rules whose ports contain one another: all traffic or a wide range from one half, one port from the other", () => {
    const rule = (cidr: string, protocol: string, from?: number, to?: number) => ({ security_group_id: ref("aws_security_group.web"), ip_protocol: protocol, from_port: from, to_port: to, cidr_ipv4: cidr });
    const json = stackWith({
      ...vpc,
      ...group,
      aws_vpc_security_group_ingress_rule: {
        everything: rule("0.0.0.0/1", "-1"),
        ssh: rule("128.0.0.0/1", "tcp", 22, 22),
        wide: rule("0.0.0.0/1", "udp", 0, 65535),
        dns: rule("128.0.0.0/1", "17", 53, 53),
        anyIcmp: rule("0.0.0.0/1", "icmp", -1, -1),
        ping: rule("128.0.0.0/1", "icmp", 8, -1),
      },
    });
    expect(violationsOf("no-world-ingress", json)).toEqual([
      "aws_vpc_security_group_ingress_rule.everything: admits icmp type 8 from 0.0.0.0/1, and with 2 other rule(s) of its group from every IPv4 address",
      "aws_vpc_security_group_ingress_rule.anyIcmp: admits icmp type 8 from 0.0.0.0/1, and with 2 other rule(s) of its group from every IPv4 address",
      "aws_vpc_security_group_ingress_rule.ping: admits icmp type 8 from 128.0.0.0/1, and with 2 other rule(s) of its group from every IPv4 address",
      "aws_vpc_security_group_ingress_rule.ssh: admits tcp/22 from 128.0.0.0/1, and with 1 other rule(s) of its group from every IPv4 address",
      "aws_vpc_security_group_ingress_rule.wide: admits udp/53 from 0.0.0.0/1, and with 2 other rule(s) of its group from every IPv4 address",
      "aws_vpc_security_group_ingress_rule.dns: admits udp/53 from 128.0.0.0/1, and with 2 other rule(s) of its group from every IPv4 address",
    ]);
  });

  it("names all traffic when that is what opens, leaves out a rule inside another's range, and tells ICMP codes apart", () => {
    const rule = (cidr: string, protocol: string, from?: number, to?: number) => ({ security_group_id: ref("aws_security_group.web"), ip_protocol: protocol, from_port: from, to_port: to, cidr_ipv4: cidr });
    const json = stackWith({
      ...vpc,
      ...group,
      aws_vpc_security_group_ingress_rule: {
        low: rule("0.0.0.0/1", "-1"),
        high: rule("128.0.0.0/1", "-1"),
        inside: rule("10.0.0.0/8", "tcp", 22, 22),
      },
    });
    expect(violationsOf("no-world-ingress", json)).toEqual([
      "aws_vpc_security_group_ingress_rule.low: admits all traffic from 0.0.0.0/1, and with 1 other rule(s) of its group from every IPv4 address",
      "aws_vpc_security_group_ingress_rule.high: admits all traffic from 128.0.0.0/1, and with 1 other rule(s) of its group from every IPv4 address",
    ]);
    const icmp = stackWith({
      ...vpc,
      ...group,
      aws_vpc_security_group_ingress_rule: {
        portUnreachable: rule("0.0.0.0/1", "icmp", 3, 4),
        unreachable: rule("128.0.0.0/1", "icmp", 3, -1),
        hostUnreachable: rule("0.0.0.0/1", "icmp", 3, 1),
      },
    });
    expect(violationsOf("no-world-ingress", icmp)).toEqual([
      "aws_vpc_security_group_ingress_rule.portUnreachable: admits icmp type 3 code 4 from 0.0.0.0/1, and with 1 other rule(s) of its group from every IPv4 address",
      "aws_vpc_security_group_ingress_rule.unreachable: admits icmp type 3 code 4 from 128.0.0.0/1, and with 1 other rule(s) of its group from every IPv4 address",
      "aws_vpc_security_group_ingress_rule.hostUnreachable: admits icmp type 3 code 1 from 0.0.0.0/1, and with 1 other rule(s) of its group from every IPv4 address",
    ]);
  });

  it("judges IPv6 rules together too: ::/1 and 8000::/1 open a port as surely as ::/0", () => {
    const rule = (cidr: string, port: number) => ({ security_group_id: ref("aws_security_group.web"), ip_protocol: "tcp", from_port: port, to_port: port, cidr_ipv6: cidr });
    const json = stackWith({
      ...vpc,
      ...group,
      aws_vpc_security_group_ingress_rule: { low: rule("::/1", 443), high: rule("8000::/1", 443), office: rule("2001:db8::/32", 80), lowAgain: rule("0:0:0:0:0:0:0:0/1", 80) },
    });
    expect(violationsOf("no-world-ingress", json)).toEqual([
      "aws_vpc_security_group_ingress_rule.low: admits tcp/443 from ::/1, and with 1 other rule(s) of its group from every IPv6 address",
      "aws_vpc_security_group_ingress_rule.high: admits tcp/443 from 8000::/1, and with 1 other rule(s) of its group from every IPv6 address",
    ]);
  });

  it("passes halves whose ports never meet: tcp 0-100 from one, tcp 200-300 from the other, icmp type 8 and type 0", () => {
    const rule = (cidr: string, protocol: string, from: number, to: number) => ({ security_group_id: ref("aws_security_group.web"), ip_protocol: protocol, from_port: from, to_port: to, cidr_ipv4: cidr });
    const json = stackWith({
      ...vpc,
      ...group,
      aws_vpc_security_group_ingress_rule: {
        low: rule("0.0.0.0/1", "tcp", 0, 100),
        high: rule("128.0.0.0/1", "tcp", 200, 300),
        udp: rule("128.0.0.0/1", "udp", 0, 100),
        request: rule("0.0.0.0/1", "icmp", 8, -1),
        reply: rule("128.0.0.0/1", "icmp", 0, -1),
      },
    });
    expect(violationsOf("no-world-ingress", json)).toEqual([]);
  });

  it("passes ingress from a VPC block, a group, and egress to the internet", () => {
    const json = stackWith({
      ...vpc,
      ...group,
      aws_vpc_security_group_ingress_rule: { vpc: { security_group_id: ref("aws_security_group.web"), ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "10.0.0.0/16" } },
      aws_vpc_security_group_egress_rule: { out: { security_group_id: ref("aws_security_group.web"), ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0" } },
    });
    expect(violationsOf("no-world-ingress", json)).toEqual([]);
  });
});

describe("no-open-egress", () => {
  it("catches all-protocol egress to 0.0.0.0/0 or ::/0, written inline or as a rule", () => {
    const json = stackWith({
      ...vpc,
      aws_security_group: { web: { vpc_id: ref("aws_vpc.a"), egress: [{ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] }] } },
      aws_vpc_security_group_egress_rule: { v6: { security_group_id: ref("aws_security_group.web"), ip_protocol: "-1", cidr_ipv6: "::/0" } },
    });
    expect(violationsOf("no-open-egress", json)).toEqual([
      "aws_security_group.web: sends all traffic to 0.0.0.0/0",
      "aws_vpc_security_group_egress_rule.v6: sends all traffic to ::/0",
    ]);
  });

  it("passes a named port to the internet and all traffic to a VPC block", () => {
    const json = stackWith({
      ...vpc,
      ...group,
      aws_vpc_security_group_egress_rule: {
        https: { security_group_id: ref("aws_security_group.web"), ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0" },
        vpc: { security_group_id: ref("aws_security_group.web"), ip_protocol: "-1", cidr_ipv4: "10.0.0.0/16" },
      },
    });
    expect(violationsOf("no-open-egress", json)).toEqual([]);
  });
});

describe("default-security-group-closed", () => {
  it("catches a VPC whose default group is not adopted, and an adopted one with a rule", () => {
    const json = stackWith({
      aws_vpc: { bare: { cidr_block: "10.0.0.0/16" }, adopted: { cidr_block: "10.1.0.0/16" } },
      aws_default_security_group: { adopted: { vpc_id: ref("aws_vpc.adopted"), egress: [{ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] }] } },
    });
    expect(violationsOf("default-security-group-closed", json)).toEqual([
      "aws_vpc.bare: its default security group is not adopted, so AWS's rules (all traffic from members, all egress) stay",
      "aws_default_security_group.adopted: has 1 rule(s), written in aws_default_security_group.adopted",
    ]);
  });

  it("catches rules on the default group of a VPC from elsewhere, and rules attached through default_security_group_id", () => {
    const json = stackWith({
      aws_vpc: { a: { cidr_block: "10.0.0.0/16" } },
      aws_default_security_group: {
        a: { vpc_id: ref("aws_vpc.a") },
        looked_up: { vpc_id: "${data.aws_vpc.main.id}", ingress: [{ protocol: "-1", from_port: 0, to_port: 0, self: true }] },
      },
      aws_vpc_security_group_egress_rule: { sneaky: { security_group_id: ref("aws_vpc.a", "default_security_group_id"), ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "10.0.0.0/8" } },
    });
    expect(violationsOf("default-security-group-closed", json)).toEqual([
      "aws_default_security_group.a: has 1 rule(s), written in aws_vpc_security_group_egress_rule.sneaky",
      "aws_default_security_group.looked_up: has 1 rule(s), written in aws_default_security_group.looked_up",
    ]);
  });

  it("passes an adopted default group with no rules", () => {
    const json = stackWith({ ...vpc, aws_default_security_group: { a: { vpc_id: ref("aws_vpc.a") } } });
    expect(violationsOf("default-security-group-closed", json)).toEqual([]);
  });
});

describe("alb-drop-invalid-headers", () => {
  it("catches an ALB (the default type, or aws_alb) that passes invalid headers on", () => {
    const json = stackWith({ aws_lb: { unset: { internal: true } }, aws_alb: { off: { internal: true, drop_invalid_header_fields: false } } });
    expect(violationsOf("alb-drop-invalid-headers", json)).toEqual([
      "aws_lb.unset: drop_invalid_header_fields is unset (AWS's default is false)",
      "aws_alb.off: drop_invalid_header_fields is false",
    ]);
  });

  it("passes an ALB that drops them, and leaves NLBs alone", () => {
    const json = stackWith({ aws_lb: { alb: { internal: true, drop_invalid_header_fields: true }, nlb: { internal: true, load_balancer_type: "network" } } });
    expect(violationsOf("alb-drop-invalid-headers", json)).toEqual([]);
  });
});

describe("endpoint-service-acceptance", () => {
  it("catches a service any allowed principal can join unasked", () => {
    const json = stackWith({ aws_vpc_endpoint_service: { open: { acceptance_required: false, network_load_balancer_arns: ["arn:aws:elasticloadbalancing:x"] } } });
    expect(violationsOf("endpoint-service-acceptance", json)).toEqual(["aws_vpc_endpoint_service.open: acceptance_required is false"]);
  });

  it("passes a service that requires acceptance", () => {
    const json = stackWith({ aws_vpc_endpoint_service: { gated: { acceptance_required: true, network_load_balancer_arns: ["arn:aws:elasticloadbalancing:x"] } } });
    expect(violationsOf("endpoint-service-acceptance", json)).toEqual([]);
  });
});

describe("the state bucket rules", () => {
  const bucket = { aws_s3_bucket: { state: { bucket_prefix: "privnet-tfstate-" } } };
  const bucketRef = ref("aws_s3_bucket.state");
  const goodCompanions = {
    aws_s3_bucket_versioning: { v: { bucket: bucketRef, versioning_configuration: { status: "Enabled" } } },
    aws_s3_bucket_server_side_encryption_configuration: {
      e: { bucket: bucketRef, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" }, blocked_encryption_types: ["SSE-C"] }] },
    },
    aws_s3_bucket_public_access_block: { p: { bucket: bucketRef, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true } },
    aws_s3_bucket_policy: {
      tls: {
        bucket: bucketRef,
        policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }),
      },
    },
  };

  it("catches a bare bucket under every one of the four rules", () => {
    const json = stackWith(bucket);
    expect(violationsOf("s3-versioning", json)).toEqual(["aws_s3_bucket.state: no versioning with status Enabled refers to this bucket"]);
    expect(violationsOf("s3-encryption", json)).toEqual(["aws_s3_bucket.state: no server-side encryption configuration refers to this bucket"]);
    expect(violationsOf("s3-public-access-block", json)).toEqual(["aws_s3_bucket.state: no public access block refers to this bucket"]);
    expect(violationsOf("s3-tls-only", json)).toEqual(["aws_s3_bucket.state: no bucket policy refers to this bucket that denies s3:* when aws:SecureTransport is false"]);
  });

  it("catches half measures: versioning suspended, a block with one setting off, a policy that denies something else", () => {
    const json = stackWith({
      ...bucket,
      aws_s3_bucket_versioning: { v: { bucket: bucketRef, versioning_configuration: { status: "Suspended" } } },
      aws_s3_bucket_public_access_block: { p: { ...goodCompanions.aws_s3_bucket_public_access_block.p, restrict_public_buckets: false } },
      aws_s3_bucket_policy: { other: { bucket: bucketRef, policy: JSON.stringify({ Statement: [{ Effect: "Deny", Action: "s3:DeleteBucket", Principal: "*" }] }) } },
    });
    expect(violationsOf("s3-versioning", json)).toEqual(["aws_s3_bucket.state: no versioning with status Enabled refers to this bucket"]);
    expect(violationsOf("s3-public-access-block", json)).toEqual(["aws_s3_bucket.state: its public access block leaves restrict_public_buckets off"]);
    expect(violationsOf("s3-tls-only", json)).toEqual(["aws_s3_bucket.state: no bucket policy refers to this bucket that denies s3:* when aws:SecureTransport is false"]);
  });

  it("catches an encryption configuration that leaves SSE-C open", () => {
    const json = stackWith({
      ...bucket,
      aws_s3_bucket_server_side_encryption_configuration: { e: { bucket: bucketRef, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, blocked_encryption_types: [] }] } },
    });
    expect(violationsOf("s3-encryption", json)).toEqual(['aws_s3_bucket.state: its encryption configuration does not block SSE-C (blocked_encryption_types = ["SSE-C"])']);
  });

  it("passes a bucket with all four companions, the TLS policy written as JSON or as a policy document", () => {
    expect(["s3-versioning", "s3-encryption", "s3-public-access-block", "s3-tls-only"].flatMap((rule) => violationsOf(rule as never, stackWith({ ...bucket, ...goodCompanions })))).toEqual([]);
    const withDocument = stackWith(
      { ...bucket, aws_s3_bucket_policy: { tls: { bucket: bucketRef, policy: "${data.aws_iam_policy_document.tls.json}" } } },
      { data: { aws_iam_policy_document: { tls: { statement: [{ effect: "Deny", actions: ["s3:*"], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }] }] } } } },
    );
    expect(violationsOf("s3-tls-only", withDocument)).toEqual([]);
  });
});

describe("state-backend-locking", () => {
  it("catches an S3 backend without encryption or a lock file", () => {
    const json = stackWith({}, { terraform: { backend: { s3: { bucket: "b", key: "k", dynamodb_table: "locks" } } } });
    expect(violationsOf("state-backend-locking", json)).toEqual(["terraform.backend.s3: encrypt is unset", "terraform.backend.s3: use_lockfile is unset"]);
  });

  it("passes encrypt and use_lockfile, and has nothing to say of a local backend", () => {
    expect(violationsOf("state-backend-locking", stackWith({}, { terraform: { backend: { s3: { encrypt: true, use_lockfile: true } } } }))).toEqual([]);
    expect(violationsOf("state-backend-locking", stackWith({}, { terraform: { backend: { local: { path: "x" } } } }))).toEqual([]);
  });
});

describe("user-data-no-secrets", () => {
  it("catches article 001's cloud-config password, a password piped to chpasswd, an access key and a private key, plain or base64", () => {
    const article001 = "#cloud-config\nssh_pwauth: True\npassword: PassW0rd!\nchpasswd: { expire: False }\n";
    const json = stackWith({
      aws_instance: {
        article: { ...hardened, user_data: article001 },
        piped: { ...hardened, user_data: "#!/bin/bash\necho 'ec2-user:hunter22' | chpasswd\n" },
        key: { ...hardened, user_data_base64: Buffer.from("aws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE\n").toString("base64") },
      },
      aws_launch_template: { lt: { user_data: Buffer.from("-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n").toString("base64") } },
    });
    expect(violationsOf("user-data-no-secrets", json)).toEqual([
      "aws_instance.article: user_data contains a password, secret, token or key assigned literally",
      "aws_instance.piped: user_data contains a password piped to chpasswd or passwd --stdin",
      "aws_instance.key: user_data_base64 contains an AWS access key id",
      "aws_launch_template.lt: user_data contains a private key",
    ]);
  });

  it("catches a password for cloud-config's chpasswd list, passwd --stdin, and credentials on a command line", () => {
    const json = stackWith({
      aws_instance: {
        list: { ...hardened, user_data: "#cloud-config\nchpasswd:\n  list: |\n    ec2-user:hunter22\n  expire: False\n" },
        stdin: { ...hardened, user_data: "#!/bin/bash\necho hunter22 | passwd --stdin ec2-user\n" },
        curl: { ...hardened, user_data: "#!/bin/bash\ncurl -u admin:s3cret https://repo.example.com/pkg\n" },
        clone: { ...hardened, user_data: "#!/bin/bash\ngit clone https://bob:tok3n@git.example.com/app\n" },
      },
    });
    expect(violationsOf("user-data-no-secrets", json)).toEqual([
      "aws_instance.list: user_data contains a password listed for cloud-config's chpasswd",
      "aws_instance.stdin: user_data contains a password piped to chpasswd or passwd --stdin",
      "aws_instance.curl: user_data contains credentials on a command line (user:password@ or -u user:password)",
      "aws_instance.clone: user_data contains credentials on a command line (user:password@ or -u user:password)",
    ]);
  });

  it("passes this project's boot scripts, a secret fetched at boot, and the IMDSv2 session token", () => {
    const json = stackWith({
      aws_instance: {
        piped: { ...hardened, user_data: '#!/bin/bash\necho "ec2-user:$(aws secretsmanager get-secret-value --secret-id login --query SecretString --output text)" | chpasswd\n' },
        generated: { ...hardened, user_data: "#cloud-config\nchpasswd:\n  users:\n    - name: ec2-user\n      password: RANDOM\n      type: text\n" },
        fetched: { ...hardened, user_data: '#!/bin/bash\nDB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)\npassword: ${DB_PASSWORD}\n' },
        imds: { ...hardened, user_data: '#!/bin/bash\nTOKEN=$(curl -sX PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60")\n' },
      },
    });
    expect(violationsOf("user-data-no-secrets", json)).toEqual([]);
  });
});

describe("vpc-flow-logs", () => {
  it("catches a VPC no flow log refers to", () => {
    const json = stackWith({ ...vpc, aws_flow_log: { subnet: { subnet_id: "subnet-123", traffic_type: "ALL" } } });
    expect(violationsOf("vpc-flow-logs", json)).toEqual(["aws_vpc.a: no aws_flow_log refers to this VPC"]);
  });

  it("passes a VPC with a flow log", () => {
    const json = stackWith({ ...vpc, aws_flow_log: { a: { vpc_id: ref("aws_vpc.a"), traffic_type: "ALL" } } });
    expect(violationsOf("vpc-flow-logs", json)).toEqual([]);
  });
});

describe("name-tag", () => {
  it("catches a taggable resource without Name, and tags written as an expression", () => {
    const json = stackWith({
      aws_vpc: { untagged: { cidr_block: "10.0.0.0/16" }, other: { cidr_block: "10.1.0.0/16", tags: { Team: "net" } } },
      aws_subnet: { merged: { cidr_block: "10.0.1.0/24", tags: "${merge(local.tags, {})}" } },
    });
    expect(violationsOf("name-tag", json)).toEqual([
      "aws_vpc.untagged: has no Name tag",
      "aws_vpc.other: has no Name tag",
      "aws_subnet.merged: tags is the expression ${merge(local.tags, {})}, so its Name cannot be checked before plan",
    ]);
  });

  it("passes named resources and leaves alone types that take no tags (routes, lifecycle rules with tagged filters)", () => {
    const json = stackWith({
      ...vpc,
      aws_route: { r: { route_table_id: "rtb-1", destination_cidr_block: "0.0.0.0/0" } },
      aws_s3_bucket_lifecycle_configuration: { l: { bucket: "b", rule: [{ id: "x", status: "Enabled", filter: [{ and: [{ tags: { a: "b" } }] }] }] } },
    });
    expect(violationsOf("name-tag", json)).toEqual([]);
  });
});

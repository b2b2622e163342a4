import type { Maybe, NetworkAcl, NetworkAclRule, Protocol, RulePeer, SecurityGroup, SecurityGroupRule, Vpc } from "./model";
import { SECURITY_GROUP_TYPES, type ReadContext } from "./read-context";
import { blocksOf, booleanOf, listOf, numberOf, referenceIn, Unknown } from "./values";

const PROTOCOL_NUMBERS: Record<string, Protocol> = { "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", all: "-1" };

/** `tcp`, `udp`, `icmp`, `icmpv6` or `-1`, whichever way the rule spelled it. */
export function protocolOf(value: unknown): Maybe<Protocol> {
  if (typeof value === "number") {
    return PROTOCOL_NUMBERS[String(value)] ?? String(value);
  }
  if (typeof value !== "string" || value.includes("${")) {
    return new Unknown(String(value));
  }
  const lower = value.toLowerCase();
  return PROTOCOL_NUMBERS[lower] ?? lower;
}

export interface SecurityGroups {
  readonly securityGroups: Map<string, SecurityGroup>;
  readonly defaultSecurityGroupOfVpc: Map<string, string>;
  readonly rulesOfOtherGroups: SecurityGroupRule[];
}

/**
 * Security groups with their rules in every form the provider accepts: inline blocks,
 * `aws_security_group_rule`, and `aws_vpc_security_group_ingress_rule` / `_egress_rule`.
 * A VPC whose default group is not adopted keeps AWS's: all traffic in from members,
 * all traffic out.
 */
export function readSecurityGroups(context: ReadContext, vpcs: Map<string, Vpc>): SecurityGroups {
  const securityGroups = new Map<string, SecurityGroup>();
  const defaultSecurityGroupOfVpc = new Map<string, string>();
  const rulesOfOtherGroups: SecurityGroupRule[] = [];
  const groupRef = (value: unknown): RulePeer => {
    const group = context.idOf(value, ...SECURITY_GROUP_TYPES);
    return typeof group === "string" ? { kind: "group", group } : { kind: "unknown", value: group };
  };
  const cidrPeers = (values: unknown, kind: "cidr" | "ipv6"): RulePeer[] =>
    listOf(values).map((value) => {
      const cidr = kind === "cidr" ? context.cidr(value) : context.literal(value);
      return typeof cidr === "string" ? { kind, cidr } : { kind: "unknown", value: cidr ?? new Unknown("no cidr") };
    });

  for (const block of context.blocks(...SECURITY_GROUP_TYPES)) {
    const isDefault = block.type === "aws_default_security_group";
    const vpc = context.idOf(block.body["vpc_id"], "aws_vpc");
    const rules: SecurityGroupRule[] = [];
    for (const direction of ["ingress", "egress"] as const) {
      for (const rule of blocksOf(block.body[direction])) {
        const peers: RulePeer[] = [
          ...cidrPeers(rule["cidr_blocks"], "cidr"),
          ...cidrPeers(rule["ipv6_cidr_blocks"], "ipv6"),
          ...listOf(rule["security_groups"]).map(groupRef),
          ...listOf(rule["prefix_list_ids"]).map((id): RulePeer => ({ kind: "prefix-list", prefixList: context.literal(id)! })),
          ...(booleanOf(rule["self"], false) === true ? [{ kind: "group", group: block.address } as const] : []),
        ];
        for (const peer of peers) {
          rules.push({
            direction,
            protocol: protocolOf(rule["protocol"]),
            fromPort: numberOf(rule["from_port"]),
            toPort: numberOf(rule["to_port"]),
            peer,
            declaredIn: block.address,
          });
        }
      }
    }
    securityGroups.set(block.address, { address: block.address, label: context.labelOf(block), vpc, rules, isDefault });
    if (isDefault && typeof vpc === "string") {
      defaultSecurityGroupOfVpc.set(vpc, block.address);
    }
  }

  for (const vpc of vpcs.values()) {
    if (defaultSecurityGroupOfVpc.has(vpc.address)) {
      continue;
    }
    const address = `${vpc.address}#default-security-group`;
    securityGroups.set(address, {
      address,
      label: `default security group of ${vpc.label} (not adopted: AWS's rules)`,
      vpc: vpc.address,
      isDefault: true,
      rules: [
        { direction: "ingress", protocol: "-1", peer: { kind: "group", group: address }, declaredIn: address },
        { direction: "egress", protocol: "-1", peer: { kind: "cidr", cidr: "0.0.0.0/0" }, declaredIn: address },
      ],
    });
    defaultSecurityGroupOfVpc.set(vpc.address, address);
  }

  const groupFor = (value: unknown) => {
    // `${aws_vpc.x.default_security_group_id}` is the VPC's default group, adopted or not.
    const reference = referenceIn(value);
    if (reference?.attribute === "default_security_group_id" && reference.address.startsWith("aws_vpc.")) {
      return securityGroups.get(defaultSecurityGroupOfVpc.get(reference.address) ?? "");
    }
    return securityGroups.get(String(context.idOf(value, ...SECURITY_GROUP_TYPES)));
  };
  const rulesOf = (value: unknown) => groupFor(value)?.rules ?? rulesOfOtherGroups;
  for (const block of context.blocks("aws_security_group_rule")) {
    const direction = block.body["type"] === "egress" ? "egress" : "ingress";
    const group = groupFor(block.body["security_group_id"]);
    const peers: RulePeer[] = [
      ...cidrPeers(block.body["cidr_blocks"], "cidr"),
      ...cidrPeers(block.body["ipv6_cidr_blocks"], "ipv6"),
      ...listOf(block.body["prefix_list_ids"]).map((id): RulePeer => ({ kind: "prefix-list", prefixList: context.literal(id)! })),
      ...(block.body["source_security_group_id"] === undefined ? [] : [groupRef(block.body["source_security_group_id"])]),
      ...(booleanOf(block.body["self"], false) === true && group ? [{ kind: "group", group: group.address } as const] : []),
    ];
    for (const peer of peers) {
      rulesOf(block.body["security_group_id"]).push({
        direction,
        protocol: protocolOf(block.body["protocol"]),
        fromPort: numberOf(block.body["from_port"]),
        toPort: numberOf(block.body["to_port"]),
        peer,
        declaredIn: block.address,
      });
    }
  }
  for (const block of context.blocks("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule")) {
    const body = block.body;
    const peer: RulePeer =
      body["referenced_security_group_id"] !== undefined
        ? groupRef(body["referenced_security_group_id"])
        : body["cidr_ipv4"] !== undefined
          ? cidrPeers(body["cidr_ipv4"], "cidr")[0]!
          : body["cidr_ipv6"] !== undefined
            ? cidrPeers(body["cidr_ipv6"], "ipv6")[0]!
            : { kind: "prefix-list", prefixList: context.literal(body["prefix_list_id"]) ?? new Unknown("no peer") };
    rulesOf(body["security_group_id"]).push({
      direction: block.type.endsWith("ingress_rule") ? "ingress" : "egress",
      protocol: protocolOf(body["ip_protocol"]),
      fromPort: numberOf(body["from_port"]),
      toPort: numberOf(body["to_port"]),
      peer,
      declaredIn: block.address,
    });
  }
  return { securityGroups, defaultSecurityGroupOfVpc, rulesOfOtherGroups };
}

function actionOf(value: unknown): NetworkAclRule["allow"] {
  const action = String(value).toLowerCase();
  return action === "allow" ? true : action === "deny" ? false : new Unknown(String(value));
}

/** For ICMP an ACL rule names the type in `icmp_type` (the provider's default is 0, echo reply). */
function naclRuleOf(context: ReadContext, rule: Record<string, unknown>, direction: "ingress" | "egress"): NetworkAclRule {
  const ruleNumber = numberOf(rule["rule_no"] ?? rule["rule_number"]);
  const protocol = protocolOf(rule["protocol"]);
  const icmpType = numberOf(rule["icmp_type"]) ?? 0;
  return {
    direction,
    ruleNumber: ruleNumber ?? new Unknown("no rule number"),
    allow: actionOf(rule["action"] ?? rule["rule_action"]),
    protocol,
    fromPort: protocol === "icmp" ? icmpType : numberOf(rule["from_port"]),
    toPort: protocol === "icmp" ? icmpType : numberOf(rule["to_port"]),
    cidr: context.cidr(rule["cidr_block"]) ?? new Unknown("IPv6 or no cidr_block"),
  };
}

/**
 * Network ACLs. A subnet without an explicit ACL uses its VPC's default ACL, which
 * allows everything unless adopted with `aws_default_network_acl` (then only the rules
 * written there apply).
 */
export function readNetworkAcls(context: ReadContext): Map<string, NetworkAcl> {
  const acls = new Map<string, NetworkAcl>();
  for (const block of context.blocks("aws_network_acl", "aws_default_network_acl")) {
    const isDefault = block.type === "aws_default_network_acl";
    const reference = referenceIn(block.body["default_network_acl_id"]);
    const vpc = isDefault
      ? reference?.attribute === "default_network_acl_id"
        ? reference.address
        : new Unknown(String(block.body["default_network_acl_id"]))
      : context.idOf(block.body["vpc_id"], "aws_vpc");
    const rules = (["ingress", "egress"] as const).flatMap((direction) =>
      blocksOf(block.body[direction]).map((rule) => naclRuleOf(context, rule, direction)),
    );
    acls.set(block.address, {
      address: block.address,
      label: context.labelOf(block),
      vpc,
      subnets: context.idsOf(block.body["subnet_ids"], "aws_subnet"),
      rules,
      isDefault,
    });
  }
  // A rule or association can name a VPC's default ACL that is not adopted: it then
  // joins AWS's default ACL, which starts with rule 100 allowing everything both ways.
  const aclFor = (value: unknown): NetworkAcl | undefined => {
    const reference = referenceIn(value);
    if (reference?.attribute === "default_network_acl_id") {
      const adopted = [...acls.values()].find((acl) => acl.isDefault && acl.vpc === reference.address);
      return adopted ?? awsDefaultAcl(acls, reference.address);
    }
    return acls.get(String(context.idOf(value, "aws_network_acl", "aws_default_network_acl")));
  };
  for (const block of context.blocks("aws_network_acl_rule")) {
    aclFor(block.body["network_acl_id"])?.rules.push(
      naclRuleOf(context, block.body, booleanOf(block.body["egress"], false) === true ? "egress" : "ingress"),
    );
  }
  for (const block of context.blocks("aws_network_acl_association")) {
    aclFor(block.body["network_acl_id"])?.subnets.push(context.idOf(block.body["subnet_id"], "aws_subnet"));
  }
  const order = (rule: NetworkAclRule) => (typeof rule.ruleNumber === "number" ? rule.ruleNumber : Number.MAX_SAFE_INTEGER);
  for (const acl of acls.values()) {
    acl.rules.sort((a, b) => order(a) - order(b));
  }
  return acls;
}

function awsDefaultAcl(acls: Map<string, NetworkAcl>, vpc: string): NetworkAcl {
  const address = `${vpc}#default-network-acl`;
  const existing = acls.get(address);
  if (existing) {
    return existing;
  }
  const allowAll = (direction: "ingress" | "egress"): NetworkAclRule => ({ direction, ruleNumber: 100, allow: true, protocol: "-1", cidr: "0.0.0.0/0" });
  const acl: NetworkAcl = {
    address,
    label: `default network ACL of ${vpc} (not adopted: AWS's rules)`,
    vpc,
    subnets: [],
    rules: [allowAll("ingress"), allowAll("egress")],
    isDefault: true,
  };
  acls.set(address, acl);
  return acl;
}

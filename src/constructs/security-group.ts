import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "./naming";
import type { Port } from "./port";

/** The VPC a security group lives in: what flows need to know to address it. */
export interface NetworkIdentity {
  readonly vpcId: string;
  /** The VPC's IPv4 block, used as the address of its groups seen from another VPC. */
  readonly cidr: string;
  readonly name: string;
  /** The provider of the VPC's account. Default: the stack's default AWS provider. */
  readonly provider?: TerraformProvider;
}

type PeerAddress = { referencedSecurityGroupId: string } | { cidrIpv4: string } | { prefixListId: string };
type Direction = "ingress" | "egress";

/**
 * Not exported: only a flow written by `allowTo`/`allowFrom` may add a group's half of
 * it, so no caller can write an ingress rule without the matching egress.
 */
const WRITE_OWN_RULE: unique symbol = Symbol("writeOwnRule");

/** The other end of a flow: a group of this app, an address range, or a prefix list. */
export interface Peer {
  /** Short name used in rule ids, e.g. `operator`, `sg2`. */
  readonly label: string;
  /** How a rule on `viewer` names this peer. */
  addressFor(viewer: FlowSecurityGroup): PeerAddress;
  /** How a rule's description names this peer. */
  describe(): string;
  /**
   * Writes this end's half of the flow, when this end has rules of its own: a group of
   * this app gets the matching egress or ingress rule, an address range does not.
   */
  [WRITE_OWN_RULE]?(direction: Direction, port: Port, other: FlowSecurityGroup): void;
}

/** An address range outside any group of this app, such as the operator's /32. */
export class CidrPeer implements Peer {
  constructor(
    readonly cidr: string,
    /** Short name used in rule ids and descriptions, e.g. `operator`. */
    readonly label: string,
  ) {}

  addressFor(): PeerAddress {
    return { cidrIpv4: this.cidr };
  }

  describe(): string {
    return this.label;
  }
}

/** An AWS-managed prefix list, such as the S3 gateway endpoint's: what it names moves with AWS. */
export class PrefixListPeer implements Peer {
  constructor(
    readonly prefixListId: string,
    /** Short name used in rule ids and descriptions, e.g. `s3`. */
    readonly label: string,
  ) {}

  addressFor(): PeerAddress {
    return { prefixListId: this.prefixListId };
  }

  describe(): string {
    return this.label;
  }
}

export interface FlowSecurityGroupProps {
  /** VPC the group belongs to. */
  readonly network: NetworkIdentity;
  /** Suffix of the group's name and Name tag (the stack name comes first). */
  readonly name: string;
  /** Group description, fixed at creation (changing it replaces the group). */
  readonly description: string;
}

/**
 * A security group whose rules come from flows. A flow between two groups of this app
 * is said once and becomes the egress rule on the sender and the ingress rule on the
 * receiver, so the missing-egress mistake of article 000 cannot be written. Rules are
 * the per-rule resources; the group itself has no inline rules, so Terraform removes
 * AWS's default allow-all egress.
 *
 * Inside one VPC the rules reference the other group; across VPCs (peering) they name
 * the other VPC's CIDR, which works across accounts as well.
 */
export class FlowSecurityGroup extends Construct implements Peer {
  readonly id: string;
  readonly network: NetworkIdentity;
  /** The group's own name (without the stack prefix): how other groups' rules name it. */
  readonly label: string;
  private readonly groupName: string;
  private readonly ruleIds = new Set<string>();
  /** The group's rules so far, for what must wait until traffic is allowed (an analysis of the path). */
  readonly rules: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: FlowSecurityGroupProps) {
    super(scope, id);
    this.network = props.network;
    this.label = props.name;
    this.groupName = nameTag(this, props.name).Name;
    const group = new SecurityGroup(this, "group", {
      provider: props.network.provider,
      name: this.groupName,
      description: props.description,
      vpcId: props.network.vpcId,
      tags: { Name: this.groupName },
    });
    this.id = group.id;
  }

  /** Lets this group's members open connections on `port` to `destination`. */
  allowTo(destination: Peer, port: Port): void {
    this.addRule("egress", port, destination.label, destination.addressFor(this), destination.describe());
    destination[WRITE_OWN_RULE]?.("ingress", port, this);
  }

  /** Lets `source` open connections on `port` to this group's members. */
  allowFrom(source: Peer, port: Port): void {
    source[WRITE_OWN_RULE]?.("egress", port, this);
    this.addRule("ingress", port, source.label, source.addressFor(this), source.describe());
  }

  [WRITE_OWN_RULE](direction: Direction, port: Port, other: FlowSecurityGroup): void {
    this.addRule(direction, port, other.label, other.addressFor(this), other.describe());
  }

  describe(): string {
    return `${this.groupName} (${this.network.name})`;
  }

  /** Inside one VPC a rule references the group; from another VPC (peering), its VPC's block. */
  addressFor(viewer: FlowSecurityGroup): PeerAddress {
    return viewer.network === this.network ? { referencedSecurityGroupId: this.id } : { cidrIpv4: this.network.cidr };
  }

  private addRule(
    direction: Direction,
    port: Port,
    peerLabel: string,
    peerAddress: PeerAddress,
    peerDescription: string,
  ): void {
    const ruleId = `${direction}-${port.slug}-${direction === "ingress" ? "from" : "to"}-${peerLabel}`;
    if (this.ruleIds.has(ruleId)) {
      throw new Error(`${this.node.path}: the flow ${ruleId} is declared twice; declare each flow once`);
    }
    this.ruleIds.add(ruleId);
    const common = {
      provider: this.network.provider,
      securityGroupId: this.id,
      ipProtocol: port.protocol,
      fromPort: port.fromPort,
      toPort: port.toPort,
      description: `${port.label} ${direction === "ingress" ? "from" : "to"} ${peerDescription}`,
      tags: { Name: `${this.groupName}-${ruleId}` },
      ...peerAddress,
    };
    if (direction === "ingress") {
      this.rules.push(new VpcSecurityGroupIngressRule(this, ruleId, common));
    } else {
      this.rules.push(new VpcSecurityGroupEgressRule(this, ruleId, common));
    }
  }
}

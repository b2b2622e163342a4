import { isIpv4Address, parseCidr } from "../config/cidr";
import { resourceBlocks, type ResourceBlock, type TerraformJson } from "../terraform-json/read";
import { isExpression, listOf, referenceIn, Unknown } from "./values";
import type { Maybe } from "./model";

/** Resource types a security group id can point at. */
export const SECURITY_GROUP_TYPES = ["aws_security_group", "aws_default_security_group"];

/** Attributes that stand for the resource itself when another resource refers to it. */
const IDENTIFYING_ATTRIBUTES = ["id", "arn", "zone_id"];

/**
 * What every reader of the model needs: the stack's resource blocks, and resolution of
 * one resource's arguments against the others.
 */
export class ReadContext {
  private readonly byAddress = new Map<string, ResourceBlock>();

  constructor(readonly json: TerraformJson) {
    for (const type of Object.keys(json.resource ?? {})) {
      for (const block of resourceBlocks(json, type)) {
        this.byAddress.set(block.address, block);
      }
    }
  }

  blocks(...types: string[]): ResourceBlock[] {
    return resourceBlocks(this.json, ...types);
  }

  block(address: string): ResourceBlock | undefined {
    return this.byAddress.get(address);
  }

  /** A person's name for a resource: its Name tag when written literally, else its address. */
  labelOf(block: ResourceBlock): string {
    const tags = block.body["tags"] as Record<string, unknown> | undefined;
    const name = tags?.["Name"];
    return typeof name === "string" && !isExpression(name) ? name : block.address;
  }

  /** `aws` or `aws.<alias>`: which provider configuration (account, region) creates it. */
  providerOf(block: ResourceBlock): string {
    const provider = block.body["provider"];
    return typeof provider === "string" ? provider : "aws";
  }

  /**
   * The address of the resource a value identifies (`${aws_vpc.x.id}`, `.arn`), when it
   * is a resource of this stack of one of `types`; unknown otherwise.
   */
  idOf(value: unknown, ...types: string[]): Maybe<string> {
    const reference = referenceIn(value);
    if (
      reference &&
      IDENTIFYING_ATTRIBUTES.includes(reference.attribute) &&
      this.byAddress.has(reference.address) &&
      (types.length === 0 || types.includes(reference.address.split(".")[0]!))
    ) {
      return reference.address;
    }
    return new Unknown(String(value));
  }

  idsOf(value: unknown, ...types: string[]): Maybe<string>[] {
    if (isExpression(value) && !Array.isArray(value) && referenceIn(value) === undefined) {
      return [new Unknown(value)];
    }
    return listOf(value).map((item) => this.idOf(item, ...types));
  }

  /**
   * A literal value, or the literal another resource was given for the referenced
   * attribute (`${aws_vpc.x.cidr_block}` is vpc x's `cidr_block` when that is literal).
   */
  literal(value: unknown, depth = 0): Maybe<string> | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (!isExpression(value)) {
      return String(value);
    }
    const reference = referenceIn(value);
    const target = reference && this.byAddress.get(reference.address);
    if (target && depth < 5 && /^[a-z_]+$/.test(reference!.attribute)) {
      const resolved = this.literal(target.body[reference!.attribute], depth + 1);
      if (resolved !== undefined) {
        return resolved;
      }
    }
    return new Unknown(value);
  }

  /** An IPv4 CIDR block, or unknown when it is not known (or not valid) before apply. */
  cidr(value: unknown): Maybe<string> | undefined {
    const text = this.literal(value);
    if (text === undefined || text instanceof Unknown) {
      return text;
    }
    return parseCidr(text).ok ? text : new Unknown(text);
  }

  /** An IPv4 address, or unknown. */
  address(value: unknown): Maybe<string> | undefined {
    const text = this.literal(value);
    if (text === undefined || text instanceof Unknown) {
      return text;
    }
    return isIpv4Address(text) ? text : new Unknown(text);
  }
}

import { TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * The Name tag of a resource: the stack name, then the resource's own name, so that
 * `peering-vpc1` and an `alb-peering` VPC never look alike in the console.
 */
export function nameTag(scope: IConstruct, localName: string): { Name: string } {
  return { Name: `${TerraformStack.of(scope).node.id}-${localName}` };
}

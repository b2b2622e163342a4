import { RamPrincipalAssociation } from "@cdktf/provider-aws/lib/ram-principal-association";
import { RamResourceAssociation } from "@cdktf/provider-aws/lib/ram-resource-association";
import { RamResourceShare } from "@cdktf/provider-aws/lib/ram-resource-share";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "../../constructs/naming";

export interface HubResourceShareProps {
  /** Share name (Name tag suffix too). */
  readonly name: string;
  /** What other accounts may use, by a stable id: `transit-gateway`, `dns-profile`. */
  readonly resources: readonly { readonly id: string; readonly arn: string }[];
  /** Account ids of the spokes in other accounts. */
  readonly accounts: readonly string[];
}

/**
 * Shares hub resources (the transit gateway, the Route 53 profile) with the spokes'
 * accounts through AWS RAM. Only accounts of the hub's organization may receive it:
 * there the share needs no invitation to accept, so a first deploy works in one run,
 * and nothing is offered outside the organization.
 */
export class HubResourceShare extends Construct {
  /** Resources and principals in the share: what a spoke's use of a shared resource waits for. */
  readonly ready: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: HubResourceShareProps) {
    super(scope, id);
    const share = new RamResourceShare(this, "share", { name: nameTag(this, props.name).Name, allowExternalPrincipals: false, tags: nameTag(this, props.name) });
    for (const resource of props.resources) {
      this.ready.push(new RamResourceAssociation(this, resource.id, { resourceArn: resource.arn, resourceShareArn: share.arn }));
    }
    for (const account of props.accounts) {
      this.ready.push(new RamPrincipalAssociation(this, `account-${account}`, { principal: account, resourceShareArn: share.arn }));
    }
  }
}

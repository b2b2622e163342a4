import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { nameTag } from "../../constructs/naming";

export interface SsmInstanceProfileProps {
  /** Name of the role and of its instance profile; IAM names are unique per account. */
  readonly name: string;
  /** `aws`, or the partition read at plan time: the managed policy's ARN starts with it. */
  readonly partition: string;
  /** The provider of the account the instances are in. Default: the stack's default AWS provider. */
  readonly provider?: TerraformProvider;
}

/**
 * What an instance needs to be managed by Session Manager (article 001): a role EC2
 * may assume, with AWS's managed policy AmazonSSMManagedInstanceCore and nothing else,
 * and the instance profile that hands it to the instance. No password, no key.
 */
export class SsmInstanceProfile extends Construct {
  /**
   * The policy attachment: an instance that boots before it finds its role without
   * Session Manager's permissions, and its agent registers only on a later retry.
   */
  readonly ready: IamRolePolicyAttachment;
  /** The instance profile's name, what an instance is launched with. */
  readonly name: string;

  constructor(scope: Construct, id: string, props: SsmInstanceProfileProps) {
    super(scope, id);
    const { provider } = props;
    const role = new IamRole(this, "role", {
      provider,
      name: props.name,
      description: "Session Manager access for the instances of this stack",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      tags: nameTag(this, props.name),
    });
    this.ready = new IamRolePolicyAttachment(this, "managed-instance-core", {
      provider,
      role: role.name,
      policyArn: `arn:${props.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    const profile = new IamInstanceProfile(this, "profile", { provider, name: props.name, role: role.name, tags: nameTag(this, props.name) });
    this.name = profile.name;
  }
}

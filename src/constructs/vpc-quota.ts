import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsServicequotasServiceQuota } from "@cdktf/provider-aws/lib/data-aws-servicequotas-service-quota";
import { DataAwsVpcs } from "@cdktf/provider-aws/lib/data-aws-vpcs";
import { Lazy, TerraformStack, type TerraformProvider } from "cdktf";
import { Construct, type IConstruct } from "constructs";
import { AWS_LIMITS } from "../limits/aws-limits";
import { besideProvider } from "./account-provider";
import { ProjectStack } from "./project-stack";

/** The plan-time check of each account a stack creates VPCs in, by the provider's path (empty for the stack's own). */
const checks = new WeakMap<ProjectStack, Map<string, VpcQuotaCheck>>();

/**
 * VPCs per Region against the account's own quota, at plan time: synth knows only
 * AWS's default (5, and it warns), not what the account was raised to or what it
 * already holds. The plan reads the quota, every VPC the account owns in the Region
 * and the VPCs this stack already made (its Project and Stack tags), and stops before
 * anything is created when the VPCs it would add do not fit. One check per account, through that
 * account's provider, with the id `vpc-quota` (beside the stack's provider) or
 * `<provider id>-vpc-quota` (beside another account's).
 */
export class VpcQuotaCheck extends Construct {
  private vpcs = 0;

  private constructor(scope: Construct, id: string, provider: TerraformProvider | undefined, stack: ProjectStack) {
    super(scope, id);
    const tags = stack.defaultTags()[0]!.tags;
    // VPCs shared into the account through RAM are listed too, but count against their owner's quota.
    const account = new DataAwsCallerIdentity(this, "account", { provider });
    const inRegion = new DataAwsVpcs(this, "region-vpcs", { provider, filter: [{ name: "owner-id", values: [account.accountId] }] });
    const ours = new DataAwsVpcs(this, "stack-vpcs", {
      provider,
      filter: [
        { name: "tag:Project", values: [tags.Project] },
        { name: "tag:Stack", values: [tags.Stack] },
      ],
    });
    const { quota } = AWS_LIMITS.vpcsPerRegion;
    const others = `length(${inRegion.fqn}.ids) - length(${ours.fqn}.ids)`;
    const where = provider === undefined ? "the deploying account" : `the account of provider ${provider.fqn}`;
    new DataAwsServicequotasServiceQuota(this, "quota", {
      provider,
      serviceCode: quota.service,
      quotaCode: quota.code,
      lifecycle: {
        postcondition: [
          {
            condition: Lazy.stringValue({ produce: () => `\${${others} + ${this.vpcs} <= self.value}` }),
            errorMessage: Lazy.stringValue({
              produce: () =>
                `The ${stack.node.id} stack needs ${this.vpcs} VPC(s) in ${where}, which owns \${${others}} other VPC(s) in ${stack.config.region} (the default VPC included), and its quota of VPCs per Region is \${self.value} (Service Quotas ${quota.service} ${quota.code}). ` +
                `Raise it first: aws service-quotas request-service-quota-increase --service-code ${quota.service} --quota-code ${quota.code} --desired-value \${${others} + ${this.vpcs}}`,
            }),
          },
        ],
      },
    });
  }

  /** Counts one more VPC the stack of `scope` creates through `provider` (the stack's own when undefined). */
  static countVpc(scope: IConstruct, provider: TerraformProvider | undefined): void {
    const stack = TerraformStack.of(scope);
    // Only a project stack tags its VPCs with Project and Stack, by which the plan tells its own VPCs from the others.
    if (!(stack instanceof ProjectStack)) return;
    const ofStack = checks.get(stack) ?? new Map<string, VpcQuotaCheck>();
    checks.set(stack, ofStack);
    const key = provider?.node.path ?? "";
    let check = ofStack.get(key);
    if (check === undefined) {
      check = new VpcQuotaCheck(...besideProvider(stack, provider, "vpc-quota"), provider, stack);
      ofStack.set(key, check);
    }
    check.vpcs += 1;
  }
}

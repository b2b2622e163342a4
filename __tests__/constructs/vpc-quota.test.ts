import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { synthesize } from "../../src/app";
import { synthStack, tempDir, type StackJson } from "../support/synth";
import { mirrorSkipReason, mirrorToolchain } from "../support/terraform-mirror";

type QuotaLookup = { provider?: string; service_code: string; quota_code: string; lifecycle: { postcondition: { condition: string; error_message: string }[] } };
const quotaLookups = (json: StackJson) => Object.entries((json.data?.["aws_servicequotas_service_quota"] ?? {}) as Record<string, QuotaLookup>);

describe("VPCs per Region against the account's own quota, at plan time", () => {
  it("reads the quota, the VPCs the account owns in the Region and the stack's own (by its Project and Stack tags), and counts what the stack adds", () => {
    const json = synthStack("privatelink").json;
    const [[address, quota]] = quotaLookups(json) as [[string, QuotaLookup]];
    expect(address).toBe("vpc-quota_71612CCA");
    expect(quota).toMatchObject({ service_code: "vpc", quota_code: "L-F678F1CE" });
    expect(quota.lifecycle.postcondition[0]!.condition).toBe(
      "${length(data.aws_vpcs.vpc-quota_region-vpcs_B59F055D.ids) - length(data.aws_vpcs.vpc-quota_stack-vpcs_31BDAB24.ids) + 4 <= self.value}",
    );
    // Only the VPCs the account owns: shared ones count against their owner's quota.
    expect(json.data!["aws_vpcs"]!["vpc-quota_region-vpcs_B59F055D"].filter).toEqual([{ name: "owner-id", values: ["${data.aws_caller_identity.vpc-quota_account_C85779EF.account_id}"] }]);
    expect(json.data!["aws_vpcs"]!["vpc-quota_stack-vpcs_31BDAB24"].filter).toEqual([
      { name: "tag:Project", values: ["privnet"] },
      { name: "tag:Stack", values: ["privatelink"] },
    ]);
  });

  it("checks each account through its own provider, with the VPCs made there", () => {
    const service = { subnets: [{ name: "shared-private-a", cidr: "172.16.1.0/24", availabilityZone: "apne1-az4" }, { name: "shared-private-c", cidr: "172.16.2.0/24", availabilityZone: "apne1-az1" }] };
    const consumer = { name: "dev", cidr: "10.0.0.0/16", subnets: [{ name: "dev-private", cidr: "10.0.1.0/24", availabilityZone: "apne1-az1" }], clientSubnet: "dev-private", endpointSubnets: ["dev-private"], assumeRoleArn: "arn:aws:iam::111122223333:role/privnet-deploy" };
    const lookups = quotaLookups(synthStack("privatelink", { privatelink: { service, consumers: [consumer] } }).json);
    const byProvider = new Map(lookups.map(([, quota]) => [quota.provider ?? "the stack's own", quota]));
    expect([...byProvider].map(([provider, quota]) => [provider, /\+ (\d+) <= self.value/.exec(quota.lifecycle.postcondition[0]!.condition)![1]]).sort()).toEqual([
      ["aws.dev-account", "1"],
      ["the stack's own", "1"],
    ]);
    expect(byProvider.get("aws.dev-account")!.lifecycle.postcondition[0]!.error_message).toContain("The privatelink stack needs 1 VPC(s) in the account of provider aws.dev-account");
  });
});

describe.skipIf(mirrorToolchain === undefined)(mirrorToolchain ? "the plan-time checks, planned by Terraform with a mocked AWS" : mirrorSkipReason, () => {
  it("stops the plan when the VPCs do not fit the quota, passes when they do and on a re-plan, and stops an instance type the instances' zone does not offer", () => {
    const dir = tempDir();
    const config = join(dir, "privnet.json");
    writeFileSync(config, JSON.stringify({ peering: { operator: { cidr: "198.51.100.7" } } }));
    synthesize({ env: { PRIVNET_CONFIG: config }, outdir: join(dir, "out"), providerLock: join(dir, "no-lock.hcl") });
    const stack = join(dir, "out", "stacks", "peering");
    // Local state, and the provider release the mirror holds; nothing else of the stack changes.
    writeFileSync(join(stack, "mirror_override.tf.json"), JSON.stringify({ terraform: { backend: { local: {} }, required_providers: { aws: { source: "aws", version: mirrorToolchain!.awsVersion } } } }));
    const vpcs = (address: string, ids: readonly string[]) => `  override_data {\n    target = data.aws_vpcs.${address}\n    values = { ids = ${JSON.stringify(ids)} }\n  }`;
    const zones = (locations: readonly string[]) => `  override_data {\n    target = data.aws_ec2_instance_type_offerings.instance-type-zones\n    values = { locations = ${JSON.stringify(locations)} }\n  }`;
    const run = (name: string, overrides: readonly string[], failing?: string) =>
      [`run "${name}" {`, "  command = plan", ...overrides, ...(failing ? [`  expect_failures = [${failing}]`] : []), "}"].join("\n");
    const region = "vpc-quota_region-vpcs_B59F055D";
    const own = "vpc-quota_stack-vpcs_31BDAB24";
    const quota = "data.aws_servicequotas_service_quota.vpc-quota_71612CCA";
    writeFileSync(
      join(stack, "checks.tftest.hcl"),
      [
        'mock_provider "aws" {',
        '  override_data {\n    target = data.aws_ssm_parameter.ami\n    values = { insecure_value = "ami-0123456789abcdef0" }\n  }',
        `  override_data {\n    target = ${quota}\n    values = { value = 5 }\n  }`,
        "}",
        run("three-others-fit", [vpcs(region, ["vpc-a", "vpc-b", "vpc-c"]), vpcs(own, []), zones(["ap-northeast-1a", "ap-northeast-1c"])]),
        run("four-others-do-not", [vpcs(region, ["vpc-a", "vpc-b", "vpc-c", "vpc-d"]), vpcs(own, []), zones(["ap-northeast-1a", "ap-northeast-1c"])], quota),
        run("replan-counts-its-own-once", [vpcs(region, ["vpc-a", "vpc-b", "vpc-c", "vpc-1", "vpc-2"]), vpcs(own, ["vpc-1", "vpc-2"]), zones(["ap-northeast-1a", "ap-northeast-1c"])]),
        run("type-not-offered-in-1a", [vpcs(region, []), vpcs(own, []), zones(["ap-northeast-1c", "ap-northeast-1d"])], "data.aws_ec2_instance_type_offerings.instance-type-zones"),
        "",
      ].join("\n\n"),
    );
    const terraform = mirrorToolchain!.terraformIn(dir);
    expect(terraform(["init", "-input=false", "-no-color"], stack)).toMatchObject({ status: 0 });
    const tested = terraform(["test", "-no-color"], stack);
    expect(tested.stderr).toBe("");
    expect(tested.stdout).toContain('run "three-others-fit"... pass');
    expect(tested.stdout).toContain('run "four-others-do-not"... pass');
    expect(tested.stdout).toContain('run "replan-counts-its-own-once"... pass');
    expect(tested.stdout).toContain('run "type-not-offered-in-1a"... pass');
    expect(tested.status).toBe(0);
  });
});

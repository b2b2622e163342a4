import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnoseTerraformFailure } from "../../src/plan/diagnose";
import { summarizePlan } from "../../src/plan/plan-json";
import { planStackDirectory } from "../../src/plan/plan-stack";
import { terraformOnPath } from "../../src/plan/terraform-cli";
import { tempDir } from "../support/synth";

const terraform = terraformOnPath({ ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" });
const version = terraform(["version"], process.cwd());
const available = version.status === 0;
const skipReason = "terraform is not on PATH: the real init/plan/show round trip runs where it is (the GitHub workflow)";

describe.skipIf(!available)(available ? "init, plan and show with the real Terraform on PATH" : skipReason, () => {
  it("plans a provider-free configuration and reads Terraform's JSON back into the summary", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ resource: { terraform_data: { first: { input: "a" }, second: { input: "b" } } } }));
    const result = planStackDirectory(dir, terraform);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(summarizePlan(result.plan)).toMatchObject({ add: 2, change: 0, destroy: 0 });
    expect(result.text).toContain('# terraform_data.first will be created');
  });

  it("reports the failing step with Terraform's error", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ resource: { terraform_data: { bad: { input: "${var.missing}" } } } }));
    const result = planStackDirectory(dir, terraform);
    expect(result).toMatchObject({ ok: false, step: "terraform plan" });
    expect(!result.ok && result.output).toContain("Reference to undeclared input variable");
  });
});

describe("advice from Terraform's failure messages", () => {
  it.each([
    ["Error: No valid credential sources found", /^No AWS credentials were found/],
    ["api error ExpiredToken: The security token included in the request is expired", /^The AWS credentials were refused/],
    ['Error: Failed to get existing workspaces: S3 bucket "privnet-tfstate-x" does not exist.', /^The state bucket privnet-tfstate-x does not exist/],
    ["operation error S3: ListObjectsV2, https response error StatusCode: 403, RequestID: X, api error AccessDenied: Access Denied", /^AWS refused access: the identity in use needs s3:ListBucket on privnet-tfstate-x/],
    // Printed here by Terraform 1.11 with credentials set and no network.
    ['Error: validating provider credentials: retrieving caller identity from STS: operation error STS: GetCallerIdentity, https response error StatusCode: 0, RequestID: , request send failed, Post "https://sts.ap-northeast-1.amazonaws.com/": dial tcp: lookup sts.ap-northeast-1.amazonaws.com on 10.255.255.53:53: no such host', /^AWS could not be reached/],
    ["Error: Failed to query available provider packages", /^Terraform could not download the providers/],
    // Printed here by Terraform 1.11 for validate after init -lockfile=readonly with a lock lacking the build's h1.
    [
      "Error: registry.terraform.io/hashicorp/aws: the cached package for registry.terraform.io/hashicorp/aws 5.100.0 (in .terraform/providers) does not match any of the checksums recorded in the dependency lock file",
      /^The committed provider lock \(\.terraform\.lock\.hcl\) has no checksum of this platform's build/,
    ],
  ])("%s", (output, advice) => {
    expect(diagnoseTerraformFailure(output, "privnet-tfstate-x")).toMatch(advice);
  });

  it("offers nothing for an error it does not recognise", () => {
    expect(diagnoseTerraformFailure("Error: Unsupported argument")).toBeUndefined();
  });
});

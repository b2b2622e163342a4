import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPinnedRelease, readPinnedTerraformVersion, REQUIRED_TERRAFORM, satisfiesRequiredTerraform } from "../../src/config/terraform-version";
import { NO_BUCKET_WARNING } from "../../src/constructs/s3-backend";
import { annotationsOf, synthStack, tempDir } from "../support/synth";
import { STACK_NAMES } from "../../src/topologies/registry";

const REMOTE_STACKS = STACK_NAMES.filter((name) => name !== "state");

describe("S3 remote backend", () => {
  it.each(REMOTE_STACKS)("%s keeps state in S3 with native locking and encryption, and no DynamoDB table", (name) => {
    const backend = synthStack(name, { state: { bucket: "acme-tfstate" } }).json.terraform.backend;
    expect(Object.keys(backend)).toEqual(["s3"]);
    expect(backend.s3).toEqual({
      bucket: "acme-tfstate",
      key: `privnet/${name}/terraform.tfstate`,
      region: "ap-northeast-1",
      encrypt: true,
      use_lockfile: true,
    });
    expect(backend.s3).not.toHaveProperty("dynamodb_table");
  });

  it("keys state by project, so environments sharing a bucket under different project names stay apart", () => {
    const backend = synthStack("peering", { project: "privnet-prod", state: { bucket: "acme-tfstate" } }).json.terraform.backend;
    expect(backend.s3.key).toBe("privnet-prod/peering/terraform.tfstate");
    expect(synthStack("state", { project: "privnet-prod" }).json.terraform.backend.local.path).toBe("../../../terraform.privnet-prod.state.tfstate");
  });

  it("follows the configured key prefix and bucket region", () => {
    const backend = synthStack("peering", { state: { bucket: "acme-tfstate", keyPrefix: "network/", region: "us-east-1" } }).json.terraform.backend;
    expect(backend.s3).toMatchObject({ key: "network/peering/terraform.tfstate", region: "us-east-1" });
  });

  it("synthesizes without a bucket, writes the bucket empty, and warns how to set it", () => {
    const { json, stack } = synthStack("peering");
    expect(json.terraform.backend.s3.bucket).toBe("");
    expect(json.terraform.backend.s3.use_lockfile).toBe(true);
    const [warning, ...others] = annotationsOf(stack, "@cdktf/warn");
    expect(others).toEqual([]);
    expect(warning).toBe(NO_BUCKET_WARNING);
    expect(warning).toMatch(/state\.bucket is not set/);
    expect(warning).toMatch(/npx cdktf deploy state.*npm run config -- use-state-bucket.*PRIVNET_CONFIG/);
    expect(annotationsOf(synthStack("peering", { state: { bucket: "acme-tfstate" } }).stack, "@cdktf/warn")).toEqual([]);
  });

  // cdktf diff/deploy run `terraform init` in a pseudo-terminal, where a prompt for a
  // missing bucket waits forever. The empty bucket must end init at once instead.
  const terraform = spawnSync("terraform", ["version"], { encoding: "utf8" });
  const noTerraform = terraform.error ? "terraform is not on PATH" : undefined;
  it.skipIf(noTerraform !== undefined)(`init of a stack without a bucket fails at once, without a prompt${noTerraform ? ` (skipped: ${noTerraform})` : ""}`, () => {
    const folder = tempDir();
    writeFileSync(join(folder, "cdk.tf.json"), JSON.stringify({ terraform: synthStack("peering").json.terraform }));
    // Input stays allowed, as in cdktf's terminal; stdin is an open pipe that never answers.
    const result = spawnSync("terraform", ["init", "-no-color"], { cwd: folder, encoding: "utf8", input: "", timeout: 60_000, env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/The value cannot be empty or all whitespace/);
    expect(result.stdout + result.stderr).not.toMatch(/Enter a value/);
  });
});

describe("Terraform version", () => {
  const pinned = readPinnedTerraformVersion();

  it("pins an exact release with native S3 locking (1.11 or later)", () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const [major, minor] = pinned.split(".").map(Number);
    expect(major! > 1 || (major === 1 && minor! >= 11)).toBe(true);
  });

  it.each(STACK_NAMES)("%s requires the oldest Terraform with native S3 locking, below the next major, which the pin satisfies", (name) => {
    const required = synthStack(name).json.terraform.required_version;
    expect(required).toBe(">= 1.11.0, < 2.0.0");
    expect(required).toBe(REQUIRED_TERRAFORM);
    expect(satisfiesRequiredTerraform(pinned)).toBe(true);
  });

  it("accepts every release from 1.11.0 below 2.0.0, and no other nor a pre-release", () => {
    for (const accepted of ["1.11.0", "1.11.4", "1.16.3", "1.99.0"]) expect(satisfiesRequiredTerraform(accepted)).toBe(true);
    // Terraform matches no pre-release against a constraint that names none.
    for (const refused of ["1.10.5", "1.9.8", "0.15.0", "2.0.0", "1.12.0-beta1", "latest", ""]) expect(satisfiesRequiredTerraform(refused)).toBe(false);
  });

  it("refuses a pin the stacks would refuse, or one that is not exact", () => {
    expect(() => checkPinnedRelease("1.10.5")).toThrowError(/holds 1\.10\.5; the stacks require Terraform >= 1\.11\.0, < 2\.0\.0/);
    expect(() => checkPinnedRelease("2.0.1")).toThrowError(/require Terraform >= 1\.11\.0/);
    expect(() => checkPinnedRelease("latest")).toThrowError(/exact release/);
    expect(checkPinnedRelease("1.16.3")).toBe("1.16.3");
  });
});

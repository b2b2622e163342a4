import { describe, expect, it } from "vitest";
import { STACK_NAMES } from "../../src/app";
import { readPinnedTerraformVersion, requiredVersionConstraint } from "../../src/stacks/terraform-version";
import { annotationsOf, synthStack } from "../support/synth";

const REMOTE_STACKS = STACK_NAMES.filter((name) => name !== "state");

/** True when `version` satisfies a `~> X.Y.Z` constraint. */
function satisfiesPessimistic(constraint: string, version: string): boolean {
  const [major, minor, patch] = /^~> (\d+)\.(\d+)\.(\d+)$/.exec(constraint)!.slice(1).map(Number);
  const [vMajor, vMinor, vPatch] = version.split(".").map(Number);
  return vMajor === major && vMinor === minor && vPatch! >= patch!;
}

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

  it("synthesizes without a bucket, leaves the bucket out, and warns how to set it", () => {
    const { json, stack } = synthStack("peering");
    expect(json.terraform.backend.s3).not.toHaveProperty("bucket");
    expect(json.terraform.backend.s3.use_lockfile).toBe(true);
    expect(annotationsOf(stack, "@cdktf/warn")).toEqual([expect.stringMatching(/state\.bucket is not set/)]);
    expect(annotationsOf(synthStack("peering", { state: { bucket: "acme-tfstate" } }).stack, "@cdktf/warn")).toEqual([]);
  });
});

describe("Terraform version", () => {
  const pinned = readPinnedTerraformVersion();

  it("pins an exact release with native S3 locking (1.11 or later)", () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    const [major, minor] = pinned.split(".").map(Number);
    expect(major! > 1 || (major === 1 && minor! >= 11)).toBe(true);
  });

  it.each(STACK_NAMES)("%s requires a Terraform that agrees with .terraform-version", (name) => {
    const required = synthStack(name).json.terraform.required_version;
    expect(required).toBe(requiredVersionConstraint(pinned));
    expect(satisfiesPessimistic(required, pinned)).toBe(true);
  });

  it("refuses a pin older than native locking, or one that is not exact", () => {
    expect(() => requiredVersionConstraint("1.10.5")).toThrowError(/needs Terraform 1\.11 or later/);
    expect(() => requiredVersionConstraint("latest")).toThrowError(/exact release/);
    expect(requiredVersionConstraint("1.16.3")).toBe("~> 1.16.0");
  });
});

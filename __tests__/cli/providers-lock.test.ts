import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectProviders, runProvidersLock, writeProviderLock } from "../../src/cli/providers-lock";
import { planStackDirectory } from "../../src/plan/plan-stack";
import type { TerraformResult } from "../../src/plan/terraform-cli";
import { parseProviderLock, PROVIDER_LOCK_FILE } from "../../src/terraform-json/provider-lock";
import { tempDir } from "../support/synth";
import { mirrorSkipReason, mirrorToolchain, terraformWithoutMirror } from "../support/terraform-mirror";

function capture() {
  let text = "";
  return { write: (chunk: string) => (text += chunk), get text() { return text; } };
}

describe("npm run providers:lock", () => {
  it("locks every provider the stacks require, at its pin: aws for all, http for the operator's address lookup", () => {
    expect(projectProviders().map((provider) => provider.address)).toEqual(["registry.terraform.io/hashicorp/aws", "registry.terraform.io/hashicorp/http"]);
    expect(projectProviders().every((provider) => /^\d+\.\d+\.\d+$/.test(provider.version))).toBe(true);
  });

  it("asks terraform providers lock for those providers on every platform, and copies the lock it writes", () => {
    const dir = tempDir();
    const calls: { args: readonly string[]; required: unknown }[] = [];
    const terraform = (args: readonly string[], cwd: string): TerraformResult => {
      calls.push({ args, required: JSON.parse(readFileSync(join(cwd, "providers.tf.json"), "utf8")) });
      writeFileSync(join(cwd, PROVIDER_LOCK_FILE), "# written by terraform\n");
      return { status: 0, stdout: "", stderr: "" };
    };
    const stdout = capture();
    const code = runProvidersLock({ args: [], projectDir: dir, env: {}, stdout, stderr: capture(), terraform, providers: [{ address: "registry.terraform.io/hashicorp/aws", version: "6.25.0" }] });
    expect(code).toBe(0);
    expect(calls).toEqual([
      {
        args: ["providers", "lock", "-no-color", "-platform=linux_amd64", "-platform=linux_arm64", "-platform=darwin_amd64", "-platform=darwin_arm64", "-platform=windows_amd64"],
        required: { terraform: { required_providers: { aws: { source: "registry.terraform.io/hashicorp/aws", version: "6.25.0" } } } },
      },
    ]);
    expect(readFileSync(join(dir, PROVIDER_LOCK_FILE), "utf8")).toBe("# written by terraform\n");
    expect(stdout.text).toContain("registry.terraform.io/hashicorp/aws 6.25.0");
  });

  it("--check says offline whether the committed file holds every pin (exit 0 or 1), and a bad argument is exit 2", () => {
    const dir = tempDir();
    const providers = [{ address: "registry.terraform.io/hashicorp/aws", version: "6.25.0" }];
    const stderr = capture();
    expect(runProvidersLock({ args: ["--check"], projectDir: dir, env: {}, stdout: capture(), stderr, providers })).toBe(1);
    expect(stderr.text).toBe(".terraform.lock.hcl does not hold registry.terraform.io/hashicorp/aws 6.25.0: run npm run providers:lock where the Terraform registry is reachable, and commit the file.\n");
    writeFileSync(join(dir, PROVIDER_LOCK_FILE), 'provider "registry.terraform.io/hashicorp/aws" {\n  version     = "6.25.0"\n  hashes = []\n}\n');
    expect(runProvidersLock({ args: ["--check"], projectDir: dir, env: {}, stdout: capture(), stderr: capture(), providers })).toBe(0);
    const bad = capture();
    expect(runProvidersLock({ args: ["--fs-mirror"], projectDir: dir, env: {}, stdout: capture(), stderr: bad, providers })).toBe(2);
    expect(bad.text).toContain("--fs-mirror needs a folder");
  });

  it("plans with -lockfile=readonly only when the stack's folder holds its locked providers", () => {
    const seen: (readonly string[])[] = [];
    const terraform = (args: readonly string[]): TerraformResult => {
      seen.push(args);
      return { status: 1, stdout: "", stderr: "stop here" };
    };
    planStackDirectory(tempDir(), terraform, { lockfileReadonly: true });
    planStackDirectory(tempDir(), terraform);
    expect(seen).toEqual([
      ["init", "-input=false", "-no-color", "-lockfile=readonly"],
      ["init", "-input=false", "-no-color"],
    ]);
  });
});

describe.skipIf(mirrorToolchain === undefined)(mirrorToolchain ? "the lock with the real Terraform and a provider mirror" : mirrorSkipReason, () => {
  it("writes a lock that init -lockfile=readonly accepts, and init refuses a build whose checksum the lock does not hold", { timeout: 60_000 }, () => {
    const { awsVersion: version, folder } = mirrorToolchain!;
    const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;
    const dir = tempDir();
    const lock = join(dir, PROVIDER_LOCK_FILE);
    const written = writeProviderLock({ providers: [{ address: "registry.terraform.io/hashicorp/aws", version }], platforms: [platform], fsMirror: folder, into: lock, terraform: terraformWithoutMirror });
    expect(written).toEqual({ ok: true });
    const [block] = parseProviderLock(readFileSync(lock, "utf8"));
    expect(block).toMatchObject({ address: "registry.terraform.io/hashicorp/aws", version });
    expect(block!.text).toMatch(/"h1:[A-Za-z0-9+/]{43}="/);

    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify({ terraform: { required_providers: { aws: { source: "aws", version } } } }));
    const fromMirror = mirrorToolchain!.terraformIn(dir);
    const init = () => fromMirror(["init", "-input=false", "-no-color", "-lockfile=readonly"], dir);
    expect(init()).toMatchObject({ status: 0 });

    rmSync(join(dir, ".terraform"), { recursive: true, force: true });
    writeFileSync(lock, readFileSync(lock, "utf8").replace(/"h1:[^"]+"/, `"h1:${"A".repeat(43)}="`));
    const refused = init();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/doesn't match any of the\s+checksums previously recorded in the dependency lock file/);
  });
});

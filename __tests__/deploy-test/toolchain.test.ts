import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { awsProviderVersionsIn, findProviderSource, providerRelease } from "../../src/deploy-test/toolchain";
import { tempDir } from "../support/synth";

const platform = `${process.platform}_${process.arch === "x64" ? "amd64" : process.arch}`;

function mirrorWith(unpacked: string[], packed: string[] = []): string {
  const folder = tempDir();
  const aws = join(folder, "registry.terraform.io", "hashicorp", "aws");
  for (const version of unpacked) mkdirSync(join(aws, version, platform), { recursive: true });
  mkdirSync(aws, { recursive: true });
  for (const version of packed) writeFileSync(join(aws, `terraform-provider-aws_${version}_${platform}.zip`), "");
  return folder;
}

describe("where the AWS provider comes from", () => {
  it("finds unpacked and packed releases for this platform, newest first", () => {
    expect(awsProviderVersionsIn(mirrorWith(["5.9.0", "5.100.0"], ["6.1.0"]))).toEqual(["6.1.0", "5.100.0", "5.9.0"]);
    expect(awsProviderVersionsIn(tempDir())).toEqual([]);
  });

  it("takes the folder PRIVNET_TF_PROVIDER_MIRROR names, and refuses one without the provider", () => {
    const folder = mirrorWith(["5.100.0"]);
    expect(findProviderSource({ PRIVNET_TF_PROVIDER_MIRROR: folder })).toEqual({
      ok: true,
      value: { kind: "mirror", folder, versions: ["5.100.0"], from: "PRIVNET_TF_PROVIDER_MIRROR", writeCliConfig: true },
    });
    const empty = tempDir();
    expect(findProviderSource({ PRIVNET_TF_PROVIDER_MIRROR: empty })).toEqual({ ok: false, reason: expect.stringContaining(`PRIVNET_TF_PROVIDER_MIRROR=${empty} holds no AWS provider`) });
  });

  it("uses a filesystem mirror of Terraform's own configuration, but not its plugin cache, which the registry stands behind", () => {
    const mirror = mirrorWith(["5.100.0"]);
    const cache = mirrorWith(["5.99.0"]);
    const config = join(tempDir(), "terraformrc");
    writeFileSync(config, `plugin_cache_dir = "${cache}"\nprovider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
    expect(findProviderSource({ TF_CLI_CONFIG_FILE: config })).toMatchObject({ ok: true, value: { kind: "mirror", folder: mirror, writeCliConfig: false } });
    writeFileSync(config, `plugin_cache_dir = "${cache}"\n`);
    expect(findProviderSource({ TF_CLI_CONFIG_FILE: config })).toEqual({ ok: true, value: { kind: "registry" } });
  });

  it("runs the pin when the source has it, and says so when it runs another release", () => {
    const source = { kind: "mirror" as const, folder: "/m", versions: ["5.100.0", "5.9.0"], from: "X", writeCliConfig: true };
    expect(providerRelease({ kind: "registry" }, "6.25.0")).toEqual({ version: "6.25.0" });
    expect(providerRelease({ ...source, versions: ["6.25.0"] }, "6.25.0")).toEqual({ version: "6.25.0" });
    expect(providerRelease(source, "6.25.0")).toEqual({ version: "5.100.0", note: "AWS provider 5.100.0 from /m (X) instead of the pinned 6.25.0, which it does not hold" });
  });
});

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { findProviderSource } from "../../src/deploy-test/toolchain";
import { terraformOnPath, type TerraformRunner } from "../../src/plan/terraform-cli";

/** Terraform on PATH and an AWS provider in a local mirror: what the offline Terraform tests need. */
export interface MirrorToolchain {
  readonly folder: string;
  /** The newest AWS provider release the mirror holds. */
  readonly awsVersion: string;
  /** Terraform installing providers from the mirror only, with its CLI configuration in `dir`. */
  terraformIn(dir: string): TerraformRunner;
}

const terraform = terraformOnPath({ ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" });
const hasTerraform = terraform(["version"], process.cwd()).status === 0;
const source = findProviderSource(process.env);
const mirror = source.ok && source.value.kind === "mirror" ? source.value : undefined;

export const mirrorToolchain: MirrorToolchain | undefined =
  hasTerraform && mirror
    ? {
        folder: mirror.folder,
        awsVersion: mirror.versions[0]!,
        terraformIn(dir) {
          const cliConfig = join(dir, "mirror.tfrc");
          writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(mirror.folder)}\n  }\n}\n`);
          return terraformOnPath({ ...process.env, TF_CLI_CONFIG_FILE: cliConfig, TF_PLUGIN_CACHE_DIR: "" });
        },
      }
    : undefined;

/** Why the offline Terraform tests are skipped here, shown as the suite's name. */
export const mirrorSkipReason = !hasTerraform
  ? "terraform is not on PATH (these tests run where it is, as in .ci/run)"
  : "no AWS provider mirror (PRIVNET_TF_PROVIDER_MIRROR or a filesystem_mirror in the CLI configuration; .ci/run finds it)";

export { terraform as terraformWithoutMirror };

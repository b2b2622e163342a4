import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The oldest Terraform the stacks can run on: native S3 state locking
 * (`use_lockfile`) arrived in 1.11. Nothing else the stacks use is newer.
 */
export const MINIMUM_TERRAFORM = [1, 11, 0] as const;

/** The `required_version` every stack declares: the oldest release that has what they use, below the next major. */
export const REQUIRED_TERRAFORM = `>= ${MINIMUM_TERRAFORM.join(".")}, < ${MINIMUM_TERRAFORM[0] + 1}.0.0`;

const VERSION_FILE = ".terraform-version";

/**
 * Reads the project's pinned Terraform release from `.terraform-version`, found upwards
 * from this file: the exact release CI installs and tfenv/tfswitch read. It must be a
 * release the stacks accept.
 */
export function readPinnedTerraformVersion(startDir: string = __dirname): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, VERSION_FILE);
    if (existsSync(candidate)) {
      return checkPinnedRelease(readFileSync(candidate, "utf8").trim());
    }
    if (dirname(dir) === dir) {
      throw new Error(`${VERSION_FILE} not found above ${startDir}`);
    }
  }
}

/** The pin, when it is an exact release that `REQUIRED_TERRAFORM` accepts; throws otherwise. */
export function checkPinnedRelease(pinned: string): string {
  if (!/^\d+\.\d+\.\d+$/.test(pinned)) {
    throw new Error(`${VERSION_FILE} holds "${pinned}"; it must be an exact release such as 1.16.3`);
  }
  if (!satisfiesRequiredTerraform(pinned)) {
    throw new Error(`${VERSION_FILE} holds ${pinned}; the stacks require Terraform ${REQUIRED_TERRAFORM} (native S3 state locking needs 1.11)`);
  }
  return pinned;
}

/** Whether a release such as `1.11.4` is one the stacks accept; like Terraform's own constraint, no pre-release is. */
export function satisfiesRequiredTerraform(version: string): boolean {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) return false;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [minMajor, minMinor, minPatch] = MINIMUM_TERRAFORM;
  if (major !== minMajor) return false;
  return minor > minMinor || (minor === minMinor && patch >= minPatch);
}

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Native S3 state locking (`use_lockfile`) arrived in Terraform 1.11. */
export const MINIMUM_TERRAFORM = [1, 11] as const;

const VERSION_FILE = ".terraform-version";

/** Reads the project's pinned Terraform release from `.terraform-version`, found upwards from this file. */
export function readPinnedTerraformVersion(startDir: string = __dirname): string {
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, VERSION_FILE);
    if (existsSync(candidate)) {
      return readFileSync(candidate, "utf8").trim();
    }
    if (dirname(dir) === dir) {
      throw new Error(`${VERSION_FILE} not found above ${startDir}`);
    }
  }
}

/**
 * The `required_version` every stack declares: the pinned minor release, any patch.
 * Local runs, CI and tfenv/tfswitch (which read the file) then agree on the language
 * and backend features in use.
 */
export function requiredVersionConstraint(pinned: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(pinned);
  if (!match) {
    throw new Error(`${VERSION_FILE} holds "${pinned}"; it must be an exact release such as 1.16.3`);
  }
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major < MINIMUM_TERRAFORM[0] || (major === MINIMUM_TERRAFORM[0] && minor < MINIMUM_TERRAFORM[1])) {
    throw new Error(
      `${VERSION_FILE} holds ${pinned}; the S3 backend's native locking needs Terraform ${MINIMUM_TERRAFORM.join(".")} or later`,
    );
  }
  return `~> ${major}.${minor}.0`;
}

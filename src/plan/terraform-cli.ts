import { spawnSync } from "node:child_process";
import { REQUIRED_TERRAFORM, satisfiesRequiredTerraform } from "../config/terraform-version";

export interface TerraformResult {
  /** Exit status; null when the process could not be started or was killed. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the binary could not be started at all (ENOENT when it is not on PATH). */
  readonly startError?: NodeJS.ErrnoException;
}

/** Runs `terraform <args>` in `cwd`; tests replace it with a scripted one. */
export type TerraformRunner = (args: readonly string[], cwd: string) => TerraformResult;

/** Plan text of a big stack runs to megabytes; the default 1 MiB buffer would cut it. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/**
 * The real binary, as `TERRAFORM_BINARY_NAME` names it (the variable cdktf reads too)
 * or `terraform` from PATH. It runs as in automation: no prompts, no "next step"
 * hints aimed at a person, no version check call home.
 */
export function terraformOnPath(env: NodeJS.ProcessEnv = process.env): TerraformRunner {
  const binary = env["TERRAFORM_BINARY_NAME"] || "terraform";
  return (args, cwd) => {
    const result = spawnSync(binary, args, {
      cwd,
      encoding: "utf8",
      maxBuffer: MAX_OUTPUT_BYTES,
      env: { ...env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: env["CHECKPOINT_DISABLE"] ?? "1" },
    });
    return {
      status: result.status,
      stdout: result.stdout ?? "",
      stderr: result.stderr ?? "",
      ...(result.error ? { startError: result.error as NodeJS.ErrnoException } : {}),
    };
  };
}

export type VersionCheck =
  | { readonly ok: true; readonly version: string; readonly note?: string }
  | { readonly ok: false; readonly problem: string };

const INSTALL_HINT = "install it with `tfenv install` or `tfswitch` (both read .terraform-version), or from https://releases.hashicorp.com/terraform/";

/**
 * Whether the Terraform on PATH can run the stacks: any release their
 * `required_version` (`REQUIRED_TERRAFORM`) accepts. One other than the pin in
 * `.terraform-version`, which CI installs, only earns a note.
 */
export function checkTerraformVersion(run: TerraformRunner, pinned: string, cwd: string, needer = "the plan"): VersionCheck {
  const result = run(["version", "-json"], cwd);
  if (result.startError?.code === "ENOENT") {
    return { ok: false, problem: `terraform is not on PATH: ${needer} needs Terraform ${pinned} (.terraform-version); ${INSTALL_HINT}` };
  }
  if (result.startError || result.status !== 0) {
    const detail = result.startError?.message ?? (result.stderr.trim() || `exit status ${result.status}`);
    return { ok: false, problem: `\`terraform version\` failed (${detail}); ${needer} needs Terraform ${pinned}` };
  }
  let version: string | undefined;
  try {
    version = (JSON.parse(result.stdout) as { terraform_version?: string }).terraform_version;
  } catch {
    version = /Terraform v(\d+\.\d+\.\d+)/.exec(result.stdout)?.[1];
  }
  if (!version) {
    return { ok: false, problem: `could not read the version from \`terraform version\`: ${result.stdout.trim().slice(0, 200)}` };
  }
  if (!satisfiesRequiredTerraform(version)) {
    return {
      ok: false,
      problem: `terraform ${version} is on PATH, but the stacks require Terraform ${REQUIRED_TERRAFORM} (CI uses ${pinned}, from .terraform-version); ${INSTALL_HINT}`,
    };
  }
  return version === pinned ? { ok: true, version } : { ok: true, version, note: `terraform ${version} on PATH; CI uses ${pinned} (.terraform-version)` };
}

import { dirname } from "node:path";
import { synthesize, type SynthesizeOptions, type SynthesizeResult } from "../app";
import { ConfigError } from "../config/errors";
import { readPinnedTerraformVersion } from "../config/terraform-version";
import { GuardrailError } from "../guardrails/gate";
import { LimitError } from "../limits/report";
import { visibleCredentialSources } from "../plan/diagnose";
import { checkTerraformVersion, terraformOnPath, type TerraformRunner } from "../plan/terraform-cli";
import { s3BackendOf, type S3BackendBlock } from "../terraform-json/backend";
import { readSynthesizedStacks, type SynthesizedStack } from "../terraform-json/synthesized-stacks";
import { STACK_NAMES } from "../topologies/registry";
import type { Writer } from "../writer";

export interface StackFolderOptions extends SynthesizeOptions {
  readonly stack: string;
  readonly outdir: string;
  readonly terraform?: TerraformRunner;
  /** Release in `.terraform-version`. */
  readonly pinnedTerraform?: string;
  /** Home folder searched for `~/.aws`. */
  readonly home?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stderr: Writer;
  /** What needs Terraform, for its messages: "the plan", "drift". */
  readonly needer: string;
  /** The command asks AWS who its credentials are before Terraform runs, and says itself what is wrong with them: no guess from the files. */
  readonly checksCredentials?: boolean;
}

export interface StackFolder {
  readonly stack: SynthesizedStack;
  /** cdktf's folder of the stack, where Terraform runs. */
  readonly dir: string;
  readonly terraform: TerraformRunner;
  readonly terraformVersion: string;
  /** The committed provider lock applies: init with `-lockfile=readonly`. */
  readonly locked: boolean;
  readonly backend?: S3BackendBlock;
  readonly synthesized: SynthesizeResult;
}

/**
 * What every command that runs Terraform on one stack needs first, as `cdktf` would
 * have it: the stack name checked before anything is written, synth through the
 * guardrails, the stack's folder, its state bucket set, a Terraform the stacks accept.
 * Returns the exit code (1 or 2) after saying in one line what is wrong.
 */
export function prepareStackFolder(options: StackFolderOptions): StackFolder | 1 | 2 {
  const { stderr, env, stack: name } = options;
  // Refused before synth, which would otherwise write every stack first.
  if (!(STACK_NAMES as readonly string[]).includes(name)) {
    stderr.write(`no stack named "${name}": this app defines ${STACK_NAMES.join(", ")}\n`);
    return 2;
  }
  let synthesized: SynthesizeResult;
  try {
    synthesized = synthesize(options);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof GuardrailError || error instanceof LimitError) {
      stderr.write(`${error.message}\n`);
      return error instanceof ConfigError ? 2 : 1;
    }
    throw error;
  }
  const stack = readSynthesizedStacks(options.outdir).find((candidate) => candidate.name === name);
  if (!stack) {
    stderr.write(`synth wrote no stack named "${name}" into ${options.outdir}\n`);
    return 2;
  }
  // Counts over several stacks depend on what else is deployed; this run is of one.
  for (const warning of synthesized.warnings.filter((candidate) => !candidate.acrossStacks && candidate.stacks.includes(name))) {
    stderr.write(`Warning: ${warning.message}\n`);
  }
  const locked = !synthesized.unlocked.includes(name);
  if (!locked && synthesized.lockWarning !== undefined) {
    stderr.write(`Warning: ${synthesized.lockWarning}\n`);
  }
  const backend = s3BackendOf(stack.json);
  if (backend && !backend.bucket) {
    stderr.write(
      `${name} keeps its state in S3, but state.bucket is not set: deploy the \`state\` stack, then set state.bucket in the file named by PRIVNET_CONFIG (src/topologies/state/README.md).\n`,
    );
    return 2;
  }
  const terraform = options.terraform ?? terraformOnPath(env);
  const pinned = options.pinnedTerraform ?? readPinnedTerraformVersion();
  const version = checkTerraformVersion(terraform, pinned, dirname(stack.path), options.needer);
  if (!version.ok) {
    stderr.write(`${version.problem}\n`);
    return 2;
  }
  if (version.note) {
    stderr.write(`note: ${version.note}\n`);
  }
  if (backend && !options.checksCredentials && visibleCredentialSources(env, options.home).length === 0) {
    stderr.write(
      "note: no AWS credentials are visible (no AWS_PROFILE, AWS_ACCESS_KEY_ID, web identity or ~/.aws files); terraform init will fail unless this machine has an instance or container role.\n",
    );
  }
  return { stack, dir: dirname(stack.path), terraform, terraformVersion: version.version, locked, ...(backend ? { backend } : {}), synthesized };
}

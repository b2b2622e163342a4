import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { defaultOutdir, synthesize, type SynthesizeOptions, type SynthesizeResult } from "../app";
import { ConfigError } from "../config/errors";
import { GuardrailError } from "../guardrails/gate";
import { LimitError } from "../limits/report";
import { s3BackendOf } from "../terraform-json/backend";
import { diagnoseTerraformFailure, visibleCredentialSources } from "../plan/diagnose";
import { renderPlanComment, renderPlanFailure, workflowRunContext, type PlanContext } from "../plan/plan-comment";
import { summarizePlan, type PlanSummary } from "../plan/plan-json";
import { planStackDirectory } from "../plan/plan-stack";
import { checkTerraformVersion, terraformOnPath, type TerraformRunner } from "../plan/terraform-cli";
import { readPinnedTerraformVersion } from "../config/terraform-version";
import type { Writer } from "../writer";
import { readSynthesizedStacks } from "../terraform-json/synthesized-stacks";
import { STACK_NAMES } from "../topologies/registry";
import { networkChangeMarkdown, networkChangeText } from "../review/plan-section";
import type { ReviewReport } from "../review/review";
import { reviewAgainstRef } from "./review";

export interface RunPlanOptions extends SynthesizeOptions {
  /** The stack to plan. */
  readonly stack: string;
  /**
   * What the "Network change" section compares with: a review the workflow made
   * (`npm run review -- --json`), or a git ref synthesized now. None: no section.
   */
  readonly review?: { readonly json: string } | { readonly ref: string };
  /** Where synth writes and the plan reads. Default `CDKTF_OUTDIR` or `cdktf.out`, in the project folder. */
  readonly outdir?: string;
  readonly terraform?: TerraformRunner;
  /** Release in `.terraform-version`. */
  readonly pinnedTerraform?: string;
  /** Home folder searched for `~/.aws`. */
  readonly home?: string;
  readonly stdout?: Writer;
  readonly stderr?: Writer;
}

/** Where the plan's comment and full text are written: `<outdir>/plans/<stack>.md` and `.txt`. */
export function planOutputPaths(outdir: string, stack: string): { readonly comment: string; readonly text: string } {
  return { comment: join(outdir, "plans", `${stack}.md`), text: join(outdir, "plans", `${stack}.txt`) };
}

function countsText(summary: PlanSummary): string {
  return `${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy`;
}

/**
 * `npm run plan -- <stack>`: what the pull-request workflow does for each stack, on
 * any machine. It synthesizes (through the guardrails), checks that Terraform and the
 * state bucket are there, runs `terraform init` and `plan` in the stack's folder, and
 * writes the pull-request comment and the full plan text under `<outdir>/plans/`.
 * Exit code 0 with a plan (with or without changes), 1 when synth or Terraform failed,
 * 2 when something it needs is missing (configuration, Terraform, the stack, the bucket).
 */
export function runPlan(options: RunPlanOptions): number {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const outdir = resolve(options.outdir ?? defaultOutdir());
  const name = options.stack;
  // Refused before synth, which would otherwise write every stack first.
  if (!(STACK_NAMES as readonly string[]).includes(name)) {
    stderr.write(`no stack named "${name}": this app defines ${STACK_NAMES.join(", ")}\n`);
    return 2;
  }
  let synthesized: SynthesizeResult;
  try {
    synthesized = synthesize({ ...options, outdir });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof GuardrailError || error instanceof LimitError) {
      stderr.write(`${error.message}\n`);
      return error instanceof ConfigError ? 2 : 1;
    }
    throw error;
  }
  const stack = readSynthesizedStacks(outdir).find((candidate) => candidate.name === name);
  if (!stack) {
    stderr.write(`synth wrote no stack named "${name}" into ${outdir}\n`);
    return 2;
  }
  // Counts over several stacks depend on what else is deployed; this plan is of one.
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
  const version = checkTerraformVersion(terraform, pinned, dirname(stack.path));
  if (!version.ok) {
    stderr.write(`${version.problem}\n`);
    return 2;
  }
  if (version.note) {
    stderr.write(`note: ${version.note}\n`);
  }
  if (backend && visibleCredentialSources(env, options.home).length === 0) {
    stderr.write(
      "note: no AWS credentials are visible (no AWS_PROFILE, AWS_ACCESS_KEY_ID, web identity or ~/.aws files); terraform init will fail unless this machine has an instance or container role.\n",
    );
  }
  const network = options.review === undefined ? undefined : networkReview(options.review, outdir, options.cwd ?? process.cwd(), env);
  if (network !== undefined) stdout.write(networkChangeText(network, name));
  stdout.write(`${name}: terraform init and plan in ${dirname(stack.path)}\n`);
  const result = planStackDirectory(dirname(stack.path), terraform, { lockfileReadonly: locked });
  const paths = planOutputPaths(outdir, name);
  mkdirSync(dirname(paths.comment), { recursive: true });
  const context: PlanContext = { stack: name, terraformVersion: version.version, ...workflowRunContext(env) };
  if (!result.ok) {
    writeFileSync(paths.comment, renderPlanFailure(result.step, result.output, context));
    const advice = diagnoseTerraformFailure(result.output, backend?.bucket);
    stderr.write(`${result.output}\n\n${name}: ${result.step} failed.${advice ? `\n${advice}` : ""}\n`);
    return 1;
  }
  const summary = summarizePlan(result.plan);
  writeFileSync(paths.text, result.text);
  writeFileSync(paths.comment, renderPlanComment(summary, result.text, context, undefined, network === undefined ? undefined : (room) => networkChangeMarkdown(network, name, room)));
  stdout.write(`${result.text.trimEnd()}\n\n${name}: ${countsText(summary)}\n`);
  for (const change of summary.destructive) {
    stdout.write(`  ${change.kind}: ${change.address}${change.why ? ` (${change.why})` : ""}\n`);
  }
  stdout.write(`comment: ${paths.comment}\nfull plan: ${paths.text}\n`);
  return 0;
}

/** The review the plan's section shows, or why there is none; a review that cannot be made never stops the plan. */
function networkReview(source: { readonly json: string } | { readonly ref: string }, outdir: string, projectDir: string, env: NodeJS.ProcessEnv): ReviewReport | string {
  try {
    if ("json" in source) {
      if (!existsSync(source.json)) return `${source.json} does not exist: the workflow could not review this change (its base did not synthesize)`;
      return JSON.parse(readFileSync(source.json, "utf8")) as ReviewReport;
    }
    return reviewAgainstRef(source.ref, outdir, { projectDir, env });
  } catch (error) {
    return (error as Error).message.split("\n")[0]!;
  }
}

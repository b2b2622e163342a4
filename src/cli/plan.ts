import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { defaultOutdir, type SynthesizeOptions } from "../app";
import { diagnoseTerraformFailure } from "../plan/diagnose";
import { renderPlanComment, renderPlanFailure, workflowRunContext, type PlanContext } from "../plan/plan-comment";
import { summarizePlan, type PlanSummary } from "../plan/plan-json";
import { planStackDirectory } from "../plan/plan-stack";
import type { TerraformRunner } from "../plan/terraform-cli";
import type { Writer } from "../writer";
import { networkChangeMarkdown, networkChangeText } from "../review/plan-section";
import type { ReviewReport } from "../review/review";
import { reviewAgainstRef } from "./review";
import { prepareStackFolder } from "./stack-folder";

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
  const folder = prepareStackFolder({ ...options, outdir, env, stderr, needer: "the plan" });
  if (typeof folder === "number") return folder;
  const { terraform, backend } = folder;
  const network = options.review === undefined ? undefined : networkReview(options.review, outdir, options.cwd ?? process.cwd(), env);
  if (network !== undefined) stdout.write(networkChangeText(network, name));
  stdout.write(`${name}: terraform init and plan in ${folder.dir}\n`);
  const result = planStackDirectory(folder.dir, terraform, { lockfileReadonly: folder.locked });
  const paths = planOutputPaths(outdir, name);
  mkdirSync(dirname(paths.comment), { recursive: true });
  const context: PlanContext = { stack: name, terraformVersion: folder.terraformVersion, ...workflowRunContext(env) };
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

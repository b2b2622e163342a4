import { resolve } from "node:path";
import { defaultOutdir, type SynthesizeOptions } from "../app";
import { firstError } from "../plan/first-error";
import { driftReport, type DriftReport } from "../operations/drift/drift-report";
import { gitHubRest } from "../ci/github-api";
import { syncDriftIssue, type GitHubTarget } from "../operations/drift/github-issue";
import { workflowRunContext } from "../plan/plan-comment";
import { renderDriftMarkdown, renderDriftText } from "../operations/drift/render";
import { initStackFolder, pullState, refreshState, type FailedStep } from "../operations/deployed-state";
import { diagnoseTerraformFailure } from "../plan/diagnose";
import type { TerraformRunner } from "../plan/terraform-cli";
import { readDeclaredFlows } from "../review/synth-output";
import type { Writer } from "../writer";
import { prepareStackFolder } from "./stack-folder";

export interface RunDriftOptions extends SynthesizeOptions {
  readonly stack: string;
  readonly format: "text" | "markdown" | "json";
  readonly outdir?: string;
  readonly terraform?: TerraformRunner;
  readonly pinnedTerraform?: string;
  readonly home?: string;
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Keep the stack's drift issue on GitHub (the scheduled workflow); `fetch` for tests. */
  readonly githubIssue?: { readonly fetch?: typeof fetch };
  /** A stack without state is not an error: the scheduled workflow checks every stack, deployed or not yet. */
  readonly ifDeployed?: boolean;
}

/** Exit code of a run that found drift, as `review --exit-code` answers a change that opens or closes flows. */
export const DRIFT_FOUND = 3;

function failure(stack: string, failed: FailedStep, bucket: string | undefined, stderr: Writer): 1 | 2 {
  const advice = diagnoseTerraformFailure(failed.output, bucket);
  stderr.write(`${stack}: ${failed.step} failed: ${firstError(failed.output) ?? failed.output.split("\n").find((line) => line.trim() !== "") ?? "no output"}\n`);
  if (advice) stderr.write(`${advice}\n`);
  // Missing credentials, bucket or network: this machine cannot run it. Anything else is Terraform's failure.
  return advice === undefined ? 1 : 2;
}

/**
 * `npm run drift -- <stack>`: the stack synthesized as `cdktf` would, its state read
 * through its own folder and backend (`terraform state pull`), a refresh-only plan,
 * and the difference in network terms. Reads only: no lock, no state written.
 * Exit 0 no drift, 3 drift, 1 Terraform failed, 2 it cannot run.
 */
export async function runDrift(options: RunDriftOptions): Promise<number> {
  const { stdout, stderr, stack: name } = options;
  const env = options.env ?? process.env;
  const outdir = resolve(options.outdir ?? defaultOutdir());
  const github = options.githubIssue === undefined ? undefined : githubTarget(env, options.githubIssue.fetch);
  if (typeof github === "string") {
    stderr.write(`drift --github-issue: ${github}\n`);
    return 2;
  }
  const folder = prepareStackFolder({ ...options, outdir, env, stderr, needer: "drift" });
  if (typeof folder === "number") return folder;
  const bucket = folder.backend?.bucket;
  stderr.write(`${name}: terraform init, state pull and a refresh-only plan in ${folder.dir}\n`);
  const init = initStackFolder(folder.dir, folder.terraform, folder.locked);
  if (!init.ok) return failure(name, init, bucket, stderr);
  const pulled = pullState(folder.dir, folder.terraform);
  if (!pulled.ok) return failure(name, pulled, bucket, stderr);
  if (pulled.state === undefined) {
    const where = folder.backend ? `s3://${bucket ?? "?"}/${folder.backend.key ?? name}` : "its local state";
    if (options.ifDeployed) {
      stderr.write(`${name} has no state in ${where}: not deployed, nothing to check\n`);
      // A stack destroyed while its drift issue was open: nothing can drift any more.
      return github === undefined ? 0 : keepIssue(github, notDeployedReport(name), { notDeployed: true, env }, name, stderr, 0);
    }
    stderr.write(`${name} has no state in ${where}: it was never deployed, or was destroyed; deploy it first (npm run deploy -- ${name})\n`);
    return 2;
  }
  const refreshed = refreshState(folder.dir, folder.terraform);
  if (!refreshed.ok) return failure(name, refreshed, bucket, stderr);
  let report: DriftReport;
  try {
    const flows = readDeclaredFlows(folder.dir);
    report = driftReport({
      stack: name,
      recorded: pulled.state.resources,
      refreshed: refreshed.refreshed.resources,
      drift: refreshed.drift,
      synthesized: folder.stack.json,
      ...(flows ? { flows } : {}),
    });
  } catch (error) {
    // A declared-flows file or a state the model cannot read: said in one line, not as a trace.
    stderr.write(`${name}: the drift could not be read as a network: ${(error as Error).message.split("\n")[0]}\n`);
    return 2;
  }
  // The report first: should keeping the issue fail, the run's summary still has it.
  if (options.format === "json") stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (options.format === "markdown") stdout.write(renderDriftMarkdown(report));
  else stdout.write(renderDriftText(report));
  const code = report.drifted ? DRIFT_FOUND : 0;
  return github === undefined ? code : keepIssue(github, report, { env }, name, stderr, code);
}

/** The stack's drift issue brought in line with `report`; `code` unless GitHub refused (1). */
async function keepIssue(github: GitHubTarget, report: DriftReport, extra: { readonly notDeployed?: boolean; readonly env: NodeJS.ProcessEnv }, name: string, stderr: Writer, code: number): Promise<number> {
  const context = { checkedAt: new Date().toISOString(), ...workflowRunContext(extra.env), ...(extra.notDeployed ? { notDeployed: true } : {}) };
  try {
    stderr.write(`${await syncDriftIssue(github, report, context)}\n`);
    return code;
  } catch (error) {
    stderr.write(`${name}: the drift issue could not be kept: ${(error as Error).message}\n`);
    return 1;
  }
}

/** What a stack without state reports: nothing drifted, nothing compared. */
function notDeployedReport(stack: string): DriftReport {
  return { stack, drifted: false, resources: [], standing: [], opened: [], closed: [], changedPath: [], uncertain: [], flowsCompared: 0, flowsDeclared: false };
}

/** Where the drift issue is kept: the run's repository, with its token; or what is missing. */
function githubTarget(env: NodeJS.ProcessEnv, fetchImpl?: typeof fetch): GitHubTarget | string {
  const token = env["GITHUB_TOKEN"];
  const repository = env["GITHUB_REPOSITORY"];
  if (!token) return "GITHUB_TOKEN is not set (the workflow passes secrets.GITHUB_TOKEN, with issues: write)";
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return `GITHUB_REPOSITORY must be owner/name, not ${JSON.stringify(repository ?? "")}`;
  return { request: gitHubRest(token, env["GITHUB_API_URL"] || undefined, fetchImpl), repository };
}

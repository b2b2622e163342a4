import { readFileSync } from "node:fs";
import { renderPlanUnavailable, workflowRunContext } from "../plan/plan-comment";
import { gitHubRest, pullRequestOfRun } from "./github-api";
import { renderForkNotice } from "./fork-notice";
import { replacePlanComments, upsertComment } from "./sticky-comment";

const USAGE =
  "usage: GITHUB_TOKEN=… npm run ci:comment -- <comment.md | --fork-notice | --no-plan <stack> <reason> | --no-plan-all <reason>>, in a pull_request or pull_request_target run\n";

/** What to post: a plan comment `npm run plan` wrote, or one of the fixed notices. */
export type CommentRequest =
  | { readonly kind: "plan"; readonly file: string | undefined }
  | { readonly kind: "fork-notice" }
  | { readonly kind: "no-plan"; readonly stack: string; readonly reason: string | undefined }
  | { readonly kind: "no-plan-all"; readonly reason: string | undefined };

/** The comment's body, or undefined when the request lacks what it needs. */
function bodyOf(request: CommentRequest): string | undefined {
  if (request.kind === "fork-notice") return renderForkNotice();
  if (request.kind === "no-plan") return request.reason === undefined ? undefined : renderPlanUnavailable(request.reason, { stack: request.stack, ...workflowRunContext(process.env) });
  if (request.kind === "plan") return request.file === undefined ? undefined : readFileSync(request.file, "utf8");
  return undefined;
}

/**
 * `npm run ci:comment`: posts or updates one sticky comment on the run's pull request.
 * Exit code 0 when posted, 2 when it cannot run (arguments, token or pull request
 * missing, or GitHub refused).
 */
export async function runPostComment(request: CommentRequest): Promise<number> {
  try {
    return await postComment(request);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
}

async function postComment(request: CommentRequest): Promise<number> {
  const token = process.env["GITHUB_TOKEN"];
  const pr = pullRequestOfRun(process.env);
  if (token && pr && request.kind === "no-plan-all" && request.reason !== undefined) {
    const replaced = await replacePlanComments(gitHubRest(token, process.env["GITHUB_API_URL"]), pr, request.reason, workflowRunContext(process.env));
    process.stdout.write(`#${pr.number}: ${replaced.length > 0 ? `plan comments of ${replaced.join(", ")} replaced` : "no plan comment to replace"}\n`);
    return 0;
  }
  const body = bodyOf(request);
  if (!token || !pr || body === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  const result = await upsertComment(gitHubRest(token, process.env["GITHUB_API_URL"]), pr, body);
  process.stdout.write(`comment ${result.id} on #${pr.number}: ${result.action}\n`);
  return 0;
}

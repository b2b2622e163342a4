import { readFileSync } from "node:fs";
import { renderPlanUnavailable, workflowRunContext } from "../plan/plan-comment";
import { gitHubRest, pullRequestOfRun } from "./github-api";
import { renderForkNotice } from "./fork-notice";
import { replacePlanComments, upsertComment } from "./sticky-comment";

const USAGE =
  "usage: GITHUB_TOKEN=… npm run ci:comment -- <comment.md | --fork-notice | --no-plan <stack> <reason> | --no-plan-all <reason>>, in a pull_request or pull_request_target run\n";

/** The comment's body from the arguments: a plan comment `npm run plan` wrote, or one of the fixed notices. */
function bodyFrom(args: readonly string[]): string | undefined {
  if (args[0] === "--fork-notice" && args.length === 1) {
    return renderForkNotice();
  }
  if (args[0] === "--no-plan" && args.length === 3) {
    return renderPlanUnavailable(args[2]!, { stack: args[1]!, ...workflowRunContext(process.env) });
  }
  return args.length === 1 && !args[0]!.startsWith("--") ? readFileSync(args[0]!, "utf8") : undefined;
}

/**
 * `npm run ci:comment`: posts or updates one sticky comment on the run's pull request.
 * Exit code 0 when posted, 2 when it cannot run (arguments, token or pull request
 * missing, or GitHub refused).
 */
export async function runPostComment(args: readonly string[]): Promise<number> {
  try {
    return await postComment(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
}

async function postComment(args: readonly string[]): Promise<number> {
  const token = process.env["GITHUB_TOKEN"];
  const pr = pullRequestOfRun(process.env);
  if (token && pr && args[0] === "--no-plan-all" && args.length === 2) {
    const replaced = await replacePlanComments(gitHubRest(token, process.env["GITHUB_API_URL"]), pr, args[1]!, workflowRunContext(process.env));
    process.stdout.write(`#${pr.number}: ${replaced.length > 0 ? `plan comments of ${replaced.join(", ")} replaced` : "no plan comment to replace"}\n`);
    return 0;
  }
  const body = args.length > 0 ? bodyFrom(args) : undefined;
  if (!token || !pr || body === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  const result = await upsertComment(gitHubRest(token, process.env["GITHUB_API_URL"]), pr, body);
  process.stdout.write(`comment ${result.id} on #${pr.number}: ${result.action}\n`);
  return 0;
}


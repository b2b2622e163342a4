import { readFileSync } from "node:fs";
import { gitHubRest, pullRequestOfRun } from "./github-api";
import { renderForkNotice } from "./fork-notice";
import { upsertComment } from "./sticky-comment";

/**
 * Posts or updates one sticky comment on the run's pull request: the markdown file
 * given as argument (a plan comment from `npm run plan`), or `--fork-notice`.
 */
async function main(argument: string | undefined): Promise<number> {
  const token = process.env["GITHUB_TOKEN"];
  const pr = pullRequestOfRun(process.env);
  if (!token || !pr || !argument) {
    process.stderr.write("usage: GITHUB_TOKEN=… node post-comment-main.js <comment.md | --fork-notice>, in a pull_request or pull_request_target run\n");
    return 2;
  }
  const body = argument === "--fork-notice" ? renderForkNotice() : readFileSync(argument, "utf8");
  const result = await upsertComment(gitHubRest(token, process.env["GITHUB_API_URL"]), pr, body);
  process.stdout.write(`comment ${result.id} on #${pr.number}: ${result.action}\n`);
  return 0;
}

main(process.argv[2]).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);

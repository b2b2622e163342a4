import { stackOfPlanComment } from "../plan/plan-comment";
import type { Writer } from "../writer";
import { readSynthesizedStacks, type SynthesizedStack } from "../terraform-json/synthesized-stacks";
import type { GitHubRequest } from "./github-api";
import { pullRequestOfRun } from "./github-api";
import { commentsBy } from "./sticky-comment";
import { compareStacks, readBaseStacks, stackMatrix, stacksWithoutBucket, type StackChanges } from "./stack-changes";
import { addToSummary, setOutputs } from "./workflow-io";

export interface ChangedStacksOptions {
  /** Synth output of the pull request (its merge commit). */
  readonly headOutdir: string;
  /** Synth output of the base commit; missing when the base could not be synthesized. */
  readonly baseOutdir: string;
  readonly env?: NodeJS.ProcessEnv;
  /** GitHub API, to find stacks that already have a plan comment; none on a workstation. */
  readonly request?: GitHubRequest;
  readonly stdout?: Writer;
  readonly stderr?: Writer;
}

/** The run summary: every stack of the app, whether it is planned, and why. */
export function formatChanges(changes: StackChanges): string {
  const rows = [
    ...changes.toPlan.map((entry) => `| \`${entry.stack}\` | plan | ${entry.reason} |`),
    ...changes.unchanged.map((stack) => `| \`${stack}\` | skip | same configuration as the base: the pull request changes nothing in it |`),
    ...changes.otherAccounts.map(
      ({ stack, reason }) =>
        `| \`${stack}\` | skip | ${reason}, but it reaches other accounts through assumeRoleArn roles, which can write; the plan role assumes none, since pull-request code runs with it: plan it with \`npm run plan -- ${stack}\` on a workstation |`,
    ),
    ...changes.localState.map(
      (stack) => `| \`${stack}\` | skip | its state is local, not in the S3 bucket (it creates that bucket): plan and deploy it from the workstation that holds its state |`,
    ),
  ];
  const removed = changes.removed.map(
    (stack) =>
      `> [!WARNING]\n> \`${stack}\` is no longer defined by the app, but deleting code destroys nothing: run \`npx cdktf destroy ${stack}\` from the base branch before merging, or its resources stay in AWS with no code that manages them.`,
  );
  return ["### Stacks in this pull request", "", "| stack | | why |", "| --- | --- | --- |", ...rows, "", ...removed.flatMap((text) => [text, ""])].join("\n");
}

/**
 * The pull-request workflow's stack discovery: compares the pull request's synthesized
 * stacks with the base's and sets the `matrix` output (`{"include":[{"stack","region"}]}`)
 * that the plan job fans out over, plus `count`. The stack list is the app's own
 * manifest, so a new stack is planned without editing any workflow. Exit code 1 when a
 * stack to plan has no state bucket, 2 when the pull request's synth output is missing.
 */
export async function runChangedStacks(options: ChangedStacksOptions): Promise<number> {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  let head: SynthesizedStack[];
  try {
    head = readSynthesizedStacks(options.headOutdir);
  } catch (error) {
    stderr.write(`cannot read the pull request's synthesized stacks: ${(error as Error).message}\n`);
    return 2;
  }
  const pr = options.request ? pullRequestOfRun(env) : undefined;
  const commented =
    options.request && pr
      ? (await commentsBy(options.request, pr)).map((comment) => stackOfPlanComment(comment.body)).filter((stack): stack is string => stack !== undefined)
      : [];
  const changes = compareStacks(head, readBaseStacks(options.baseOutdir, `no synthesized base in ${options.baseOutdir}: the base commit's synth failed or predates the app`), commented);
  const report = formatChanges(changes);
  stdout.write(`${report}\n`);
  addToSummary(env, report);
  for (const stack of changes.removed) {
    stdout.write(`::warning title=Stack removed::${stack} is no longer defined by the app; its resources stay until \`cdktf destroy ${stack}\` runs\n`);
  }
  const withoutBucket = stacksWithoutBucket(head, changes);
  if (withoutBucket.length > 0) {
    stderr.write(
      `cannot plan ${withoutBucket.join(", ")}: state.bucket is not set in the configuration the workflow synthesizes with ` +
        "(the file named by the repository variable PRIVNET_CONFIG_FILE); set it to the bucket the `state` stack created.\n",
    );
    return 1;
  }
  const matrix = stackMatrix(changes.toPlan);
  setOutputs(env, { matrix: JSON.stringify(matrix), count: String(matrix.include.length) });
  return 0;
}

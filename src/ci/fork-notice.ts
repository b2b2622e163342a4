/** First line of the one comment a fork's pull request gets instead of plans. */
export const FORK_NOTICE_KEY = "<!-- privnet-plan fork-notice -->";

/**
 * What a pull request from a fork is told: why no plan runs for it (GitHub gives such
 * runs no OIDC token, no repository variables and a read-only token, on purpose: the
 * code is not yet trusted), and how a maintainer gets one.
 */
export function renderForkNotice(): string {
  return [
    FORK_NOTICE_KEY,
    "### No Terraform plan for this pull request: it comes from a fork",
    "",
    "Plans read the live AWS account through a role that GitHub only lends to workflows of this repository's own branches: " +
      "a pull request from a fork gets no OIDC token and a read-only token, so it cannot assume the plan role or post plans. " +
      "Nothing failed; the tests and synth still run.",
    "",
    "To see the plan, a maintainer can, after reading the change:",
    "",
    "- push the branch to this repository and open the pull request from there (the plan comments follow), or",
    "- run `npm run plan -- <stack>` on a workstation with AWS credentials (the same steps as the workflow).",
    "",
  ].join("\n");
}

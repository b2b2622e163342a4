import { renderPlanUnavailable, stackOfPlanComment, type PlanContext } from "../plan/plan-comment";
import type { GitHubRequest, PullRequestRef } from "./github-api";

/** The account the workflow's GITHUB_TOKEN writes as. */
export const WORKFLOW_BOT = "github-actions[bot]";

export interface IssueComment {
  readonly id: number;
  readonly body: string;
  readonly user: { readonly login: string };
}

function failure(what: string, status: number, body: unknown): Error {
  const message = typeof body === "object" && body !== null && "message" in body ? String((body as { message: unknown }).message) : JSON.stringify(body);
  return new Error(`${what}: GitHub answered ${status}: ${message}`);
}

/** Every comment on the pull request written by `author`, oldest first, all pages. */
export async function commentsBy(request: GitHubRequest, pr: PullRequestRef, author: string = WORKFLOW_BOT): Promise<IssueComment[]> {
  const found: IssueComment[] = [];
  for (let page = 1; ; page += 1) {
    const response = await request("GET", `/repos/${pr.owner}/${pr.repo}/issues/${pr.number}/comments?per_page=100&page=${page}`);
    if (response.status !== 200 || !Array.isArray(response.body)) {
      throw failure(`listing the comments of #${pr.number}`, response.status, response.body);
    }
    const comments = response.body as IssueComment[];
    found.push(...comments.filter((comment) => comment.user?.login === author));
    if (comments.length < 100) {
      return found;
    }
  }
}

export type UpsertResult = { readonly action: "created" | "updated" | "unchanged"; readonly id: number };

/**
 * Keeps one comment per key on the pull request: the key is the body's first line (a
 * hidden HTML comment). The workflow's own comment with that first line is edited in
 * place; only when there is none is a new one posted. Comments by anyone else are
 * never touched, even when they quote the key.
 */
export async function upsertComment(request: GitHubRequest, pr: PullRequestRef, body: string, author: string = WORKFLOW_BOT): Promise<UpsertResult> {
  const key = body.split("\n", 1)[0]!;
  if (!key.startsWith("<!--")) {
    throw new Error(`a sticky comment must start with its hidden key line (<!-- ... -->), not "${key.slice(0, 60)}"`);
  }
  const existing = (await commentsBy(request, pr, author)).filter((comment) => comment.body.split("\n", 1)[0] === key).at(-1);
  if (existing && existing.body === body) {
    return { action: "unchanged", id: existing.id };
  }
  if (existing) {
    const response = await request("PATCH", `/repos/${pr.owner}/${pr.repo}/issues/comments/${existing.id}`, { body });
    if (response.status !== 200) {
      throw failure(`updating comment ${existing.id}`, response.status, response.body);
    }
    return { action: "updated", id: existing.id };
  }
  const response = await request("POST", `/repos/${pr.owner}/${pr.repo}/issues/${pr.number}/comments`, { body });
  if (response.status !== 201) {
    throw failure(`commenting on #${pr.number}`, response.status, response.body);
  }
  return { action: "created", id: (response.body as { id: number }).id };
}

/**
 * Replaces every plan comment the workflow left on the pull request with a notice that
 * this push has no plan (the tests or the discovery failed, so no stack was planned).
 * Stacks without a comment get none. Returns the stacks whose comment was replaced.
 */
export async function replacePlanComments(
  request: GitHubRequest,
  pr: PullRequestRef,
  reason: string,
  context: Omit<PlanContext, "stack">,
  author: string = WORKFLOW_BOT,
): Promise<string[]> {
  const stacks = [...new Set((await commentsBy(request, pr, author)).map((comment) => stackOfPlanComment(comment.body)).filter((stack): stack is string => stack !== undefined))];
  for (const stack of stacks) {
    await upsertComment(request, pr, renderPlanUnavailable(reason, { ...context, stack }), author);
  }
  return stacks;
}

import { describe, expect, it } from "vitest";
import type { ApiResponse, GitHubRequest } from "../../src/ci/github-api";
import { commentsBy, replacePlanComments, upsertComment } from "../../src/ci/sticky-comment";
import { FORK_NOTICE_KEY } from "../../src/ci/fork-notice";

const pr = { owner: "octo", repo: "net", number: 12 };
const KEY = "<!-- privnet-plan stack=peering -->";

/** A fake GitHub holding `comments` on one pull request, paged as the API pages them. */
function fakeGitHub(comments: { id: number; body: string; login: string }[], failWith?: ApiResponse) {
  const calls: string[] = [];
  const request: GitHubRequest = async (method, path, body) => {
    calls.push(`${method} ${path}`);
    if (failWith) return failWith;
    if (method === "GET") {
      const page = Number(/[?&]page=(\d+)/.exec(path)![1]);
      return { status: 200, body: comments.slice((page - 1) * 100, page * 100).map((comment) => ({ id: comment.id, body: comment.body, user: { login: comment.login } })) };
    }
    if (method === "PATCH") {
      const id = Number(path.split("/").at(-1));
      comments.find((comment) => comment.id === id)!.body = (body as { body: string }).body;
      return { status: 200, body: {} };
    }
    comments.push({ id: 999, body: (body as { body: string }).body, login: "github-actions[bot]" });
    return { status: 201, body: { id: 999 } };
  };
  return { request, calls, comments };
}

const others = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index + 1, body: `comment ${index}`, login: "someone" }));

describe("one comment per stack, updated in place", () => {
  it("edits the workflow's comment with the same key line, found on a later page", async () => {
    const github = fakeGitHub([...others(150), { id: 500, body: `${KEY}\nold plan`, login: "github-actions[bot]" }]);
    expect(await upsertComment(github.request, pr, `${KEY}\nnew plan`)).toEqual({ action: "updated", id: 500 });
    expect(github.calls).toEqual([
      "GET /repos/octo/net/issues/12/comments?per_page=100&page=1",
      "GET /repos/octo/net/issues/12/comments?per_page=100&page=2",
      "PATCH /repos/octo/net/issues/comments/500",
    ]);
    expect(github.comments.at(-1)!.body).toBe(`${KEY}\nnew plan`);
  });

  it("posts a new comment when there is none, and never edits a person's comment that quotes the key", async () => {
    const github = fakeGitHub([{ id: 7, body: `${KEY}\nI pasted this`, login: "someone" }]);
    expect(await upsertComment(github.request, pr, `${KEY}\nplan`)).toEqual({ action: "created", id: 999 });
    expect(github.calls.at(-1)).toBe("POST /repos/octo/net/issues/12/comments");
    expect(github.comments[0]!.body).toBe(`${KEY}\nI pasted this`);
  });

  it("leaves an identical comment alone", async () => {
    const github = fakeGitHub([{ id: 3, body: `${KEY}\nplan`, login: "github-actions[bot]" }]);
    expect(await upsertComment(github.request, pr, `${KEY}\nplan`)).toEqual({ action: "unchanged", id: 3 });
    expect(github.calls.filter((call) => !call.startsWith("GET"))).toEqual([]);
  });

  it("keeps other stacks' comments apart", async () => {
    const github = fakeGitHub([{ id: 4, body: "<!-- privnet-plan stack=privatelink -->\nplan", login: "github-actions[bot]" }]);
    expect((await upsertComment(github.request, pr, `${KEY}\nplan`)).action).toBe("created");
  });

  it("refuses a body without its key line, and reports GitHub's refusal", async () => {
    await expect(upsertComment(fakeGitHub([]).request, pr, "### plan")).rejects.toThrow(/must start with its hidden key line/);
    const refused = fakeGitHub([], { status: 403, body: { message: "Resource not accessible by integration" } });
    await expect(commentsBy(refused.request, pr)).rejects.toThrow("listing the comments of #12: GitHub answered 403: Resource not accessible by integration");
  });

  it("replaces every plan comment the workflow left, and only those, when a push gets no plan", async () => {
    const github = fakeGitHub([
      { id: 1, body: `${KEY}\nold plan`, login: "github-actions[bot]" },
      { id: 2, body: "<!-- privnet-plan stack=privatelink -->\nold plan", login: "github-actions[bot]" },
      { id: 3, body: `${FORK_NOTICE_KEY}\nnotice`, login: "github-actions[bot]" },
      { id: 4, body: "<!-- privnet-plan stack=alb-peering -->\nquoted", login: "someone" },
    ]);
    expect(await replacePlanComments(github.request, pr, "The tests failed", { commit: "abcdef0123" })).toEqual(["peering", "privatelink"]);
    expect(github.comments.map((comment) => comment.body.split("\n")[1])).toEqual([
      "### :warning: `peering`: no plan for this push",
      "### :warning: `privatelink`: no plan for this push",
      "notice",
      "quoted",
    ]);
    expect(github.calls.filter((call) => call.startsWith("POST"))).toEqual([]);
  });
});

import { readFileSync } from "node:fs";

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

/** One REST call to GitHub: method, path below the API root, optional JSON body. */
export type GitHubRequest = (method: "GET" | "POST" | "PATCH", path: string, body?: unknown) => Promise<ApiResponse>;

/** GitHub's REST API through `fetch`, authenticated with the workflow's token. */
export function gitHubRest(token: string, apiUrl = "https://api.github.com", fetchImpl: typeof fetch = fetch): GitHubRequest {
  return async (method, path, body) => {
    const response = await fetchImpl(`${apiUrl}${path}`, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${token}`,
        "x-github-api-version": "2022-11-28",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // Keep the raw text for the error message.
    }
    return { status: response.status, body: parsed };
  };
}

export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
}

/**
 * The pull request a workflow run is about, from `GITHUB_REPOSITORY` and the event
 * payload (`pull_request` and `pull_request_target` events both carry
 * `pull_request.number`); undefined for any other event.
 */
export function pullRequestOfRun(env: NodeJS.ProcessEnv): PullRequestRef | undefined {
  const [owner, repo] = (env["GITHUB_REPOSITORY"] ?? "").split("/");
  const eventPath = env["GITHUB_EVENT_PATH"];
  if (!owner || !repo || !eventPath) {
    return undefined;
  }
  const event = JSON.parse(readFileSync(eventPath, "utf8")) as { pull_request?: { number?: unknown } };
  const number = event.pull_request?.number;
  return typeof number === "number" ? { owner, repo, number } : undefined;
}

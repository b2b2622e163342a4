import { createHash } from "node:crypto";
import type { GitHubRequest } from "../../ci/github-api";
import type { DriftReport } from "./drift-report";
import { renderDriftMarkdown, type DriftContext } from "./render";

/** The label every drift issue carries: the workflow finds a stack's issue by it and the marker. */
export const DRIFT_LABEL = "drift";

/** The line in an issue's body that says which stack's drift it tracks. */
export function issueMarker(stack: string): string {
  return `<!-- privnet-drift:${stack} -->`;
}

const FINGERPRINT = /<!-- privnet-drift-fingerprint:([0-9a-f]+) -->/;

/** What the drift is made of, so that an unchanged drift updates the issue without a new comment. */
export function driftFingerprint(report: DriftReport): string {
  const parts = [
    ...report.resources.map((resource) => `${resource.address} ${resource.change} ${JSON.stringify(resource.attributes)}`),
    ...report.standing.map((entry) => `${entry.address} ${entry.attribute} standing ${JSON.stringify(entry.entries)}`),
    ...[...report.opened, ...report.closed, ...report.changedPath].map((flow) => `${flow.from}|${flow.to}|${flow.traffic}|${flow.base}|${flow.head}`),
  ].sort();
  return createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 16);
}

export function issueTitle(stack: string): string {
  return `Drift in ${stack}: changed outside Terraform`;
}

/** GitHub refuses an issue body over 65,536 characters; the report is cut well before. */
export const REPORT_CHARACTERS_IN_ISSUE = 60_000;

/** `text` cut to at most `limit` characters, at a line's end when one is near (a table row can be one long line). */
function cutAt(text: string, limit: number): string {
  const lineEnd = text.lastIndexOf("\n", limit);
  return lineEnd > limit - 2_000 ? text.slice(0, lineEnd) : text.slice(0, limit);
}

/** The issue's body: the report in Markdown, and what to do about it. */
export function issueBody(report: DriftReport, context: DriftContext): string {
  const markdown = renderDriftMarkdown(report, context);
  const shown =
    markdown.length <= REPORT_CHARACTERS_IN_ISSUE
      ? markdown
      : `${cutAt(markdown, REPORT_CHARACTERS_IN_ISSUE)}\n\n… the report is cut here: the run's summary and \`npm run drift -- ${report.stack} --json\` have all of it.\n`;
  return [
    issueMarker(report.stack),
    `<!-- privnet-drift-fingerprint:${driftFingerprint(report)} -->`,
    shown,
    "To bring the stack back to its code, deploy it (`npm run deploy -- " + report.stack + "`), after reading `npm run diff -- " + report.stack + "`; to keep a change, make it in the code.",
    "The scheduled drift workflow updates this issue while the drift lasts and closes it when it is gone (docs/operating.md).",
    "",
  ].join("\n");
}

export interface ExistingIssue {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly body: string;
}

export type IssueAction =
  | { readonly kind: "none"; readonly why: string }
  | { readonly kind: "create"; readonly title: string; readonly body: string }
  | { readonly kind: "reopen"; readonly number: number; readonly body: string; readonly comment: string }
  | { readonly kind: "update"; readonly number: number; readonly body: string; readonly comment?: string }
  | { readonly kind: "close"; readonly number: number; readonly comment: string };

/**
 * What the stack's drift issue needs, as tfaction keeps one: opened when drift appears,
 * reopened when it comes back, its body kept current while it lasts (with a comment only
 * when the drift itself changed), closed with a comment when it is gone.
 */
export function decideIssueAction(report: DriftReport, existing: ExistingIssue | undefined, context: DriftContext & { readonly notDeployed?: boolean }): IssueAction {
  const checked = context.checkedAt ?? "now";
  if (!report.drifted) {
    const why = context.notDeployed ? `\`${report.stack}\` is not deployed (no state) as of ${checked}: nothing can drift; closing.` : `No drift in \`${report.stack}\` as of ${checked}: closing.`;
    if (existing?.state === "open") return { kind: "close", number: existing.number, comment: why };
    return { kind: "none", why: existing ? `no drift; issue #${existing.number} stays closed` : "no drift" };
  }
  const body = issueBody(report, context);
  if (existing === undefined) return { kind: "create", title: issueTitle(report.stack), body };
  if (existing.state === "closed") return { kind: "reopen", number: existing.number, body, comment: `Drift in \`${report.stack}\` is back as of ${checked}: reopening (the body has the report).` };
  const changed = FINGERPRINT.exec(existing.body)?.[1] !== driftFingerprint(report);
  return { kind: "update", number: existing.number, body, ...(changed ? { comment: `The drift in \`${report.stack}\` changed as of ${checked} (the body has the new report).` } : {}) };
}

export interface GitHubTarget {
  readonly request: GitHubRequest;
  /** `owner/name`. */
  readonly repository: string;
}

export class GitHubError extends Error {}

async function call(target: GitHubTarget, method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<unknown> {
  const response = await target.request(method, `/repos/${target.repository}${path}`, body);
  if (method === "GET" && response.status === 404) return undefined;
  if (response.status < 200 || response.status >= 300) {
    const detail = typeof response.body === "string" ? response.body : JSON.stringify(response.body ?? "");
    throw new GitHubError(`GitHub answered ${method} ${path} with ${response.status}${detail ? `: ${detail.slice(0, 200).replace(/\s+/g, " ")}` : ""}`);
  }
  return response.body;
}

/** The stack's drift issue, open or closed: the newest one carrying the label and the stack's marker. */
export async function findDriftIssue(target: GitHubTarget, stack: string): Promise<ExistingIssue | undefined> {
  const found: ExistingIssue[] = [];
  for (let page = 1; page <= 10; page++) {
    const issues = (await call(target, "GET", `/issues?labels=${DRIFT_LABEL}&state=all&per_page=100&page=${page}&sort=created&direction=desc`)) as unknown[] | undefined;
    for (const issue of issues ?? []) {
      const { number, state, body, pull_request: pullRequest } = issue as { number: number; state: string; body?: string | null; pull_request?: unknown };
      if (pullRequest === undefined && (body ?? "").includes(issueMarker(stack))) found.push({ number, state: state === "open" ? "open" : "closed", body: body ?? "" });
    }
    if ((issues ?? []).length < 100) break;
  }
  // Should two exist (made by hand), the open one is kept current.
  return found.find((issue) => issue.state === "open") ?? found[0];
}

/** Carries out `decideIssueAction` on GitHub; returns one line saying what it did. */
export async function syncDriftIssue(target: GitHubTarget, report: DriftReport, context: DriftContext & { readonly notDeployed?: boolean }): Promise<string> {
  const action = decideIssueAction(report, await findDriftIssue(target, report.stack), context);
  switch (action.kind) {
    case "none":
      return `drift issue: nothing to do (${action.why})`;
    case "create": {
      if ((await call(target, "GET", `/labels/${DRIFT_LABEL}`)) === undefined) {
        // Stacks drift side by side: another job may make the label first (422 already_exists).
        const made = await target.request("POST", `/repos/${target.repository}/labels`, { name: DRIFT_LABEL, color: "d93f0b", description: "Changed outside Terraform (scheduled drift workflow)" });
        if (made.status !== 422 && (made.status < 200 || made.status >= 300)) throw new GitHubError(`GitHub answered POST /labels with ${made.status}`);
      }
      const created = (await call(target, "POST", "/issues", { title: action.title, body: action.body, labels: [DRIFT_LABEL] })) as { number: number };
      return `drift issue: opened #${created.number}`;
    }
    case "reopen":
      await call(target, "PATCH", `/issues/${action.number}`, { state: "open", body: action.body });
      await call(target, "POST", `/issues/${action.number}/comments`, { body: action.comment });
      return `drift issue: reopened #${action.number}`;
    case "update":
      await call(target, "PATCH", `/issues/${action.number}`, { body: action.body });
      if (action.comment) await call(target, "POST", `/issues/${action.number}/comments`, { body: action.comment });
      return `drift issue: updated #${action.number}${action.comment ? " (the drift changed)" : ""}`;
    case "close":
      await call(target, "POST", `/issues/${action.number}/comments`, { body: action.comment });
      await call(target, "PATCH", `/issues/${action.number}`, { state: "closed", state_reason: "completed" });
      return `drift issue: closed #${action.number}`;
  }
}


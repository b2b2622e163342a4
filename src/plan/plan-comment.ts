import { hasResourceChanges, type PlannedChange, type PlanSummary } from "./plan-json";

/**
 * GitHub refuses a comment body over 65,536 characters. The body is measured here in
 * UTF-8 bytes, which are never fewer than characters, with room to spare.
 */
export const COMMENT_BUDGET_BYTES = 65_000;

/** Destroyed or replaced resources listed by name before the rest is left to the full plan. */
export const MAX_LISTED_CHANGES = 40;

/** Room for everything above the full plan: the list never crowds the plan out. */
const HEAD_BUDGET_BYTES = 20_000;

/** A table cell or a plan line longer than this is cut, so one value cannot fill the comment. */
const MAX_CELL_CHARACTERS = 300;
const MAX_LINE_CHARACTERS = 2_000;

const MARKER_PREFIX = "<!-- privnet-plan stack=";
const MARKER_SUFFIX = " -->";

/** Where and how the plan was made, for the comment's last line. */
export interface PlanContext {
  readonly stack: string;
  readonly terraformVersion?: string;
  readonly commit?: string;
  readonly runUrl?: string;
}

/** The head commit and run link the workflows pass (PRIVNET_PLAN_COMMIT, PRIVNET_PLAN_RUN_URL); none on a workstation. */
export function workflowRunContext(env: NodeJS.ProcessEnv): { commit?: string; runUrl?: string } {
  return {
    ...(env["PRIVNET_PLAN_COMMIT"] ? { commit: env["PRIVNET_PLAN_COMMIT"] } : {}),
    ...(env["PRIVNET_PLAN_RUN_URL"] ? { runUrl: env["PRIVNET_PLAN_RUN_URL"] } : {}),
  };
}

/**
 * The first line of every comment about a stack's plan: it names the stack, so each
 * stack has one comment that later pushes update.
 */
export function planCommentMarker(stack: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) {
    throw new Error(`stack name "${stack}" cannot be used in a plan comment marker (letters, digits, "_", "." and "-" only)`);
  }
  return `${MARKER_PREFIX}${stack}${MARKER_SUFFIX}`;
}

/** The stack a comment is about, when its first line is a plan comment marker. */
export function stackOfPlanComment(body: string): string | undefined {
  const firstLine = body.split("\n", 1)[0] ?? "";
  if (!firstLine.startsWith(MARKER_PREFIX) || !firstLine.endsWith(MARKER_SUFFIX)) {
    return undefined;
  }
  return firstLine.slice(MARKER_PREFIX.length, firstLine.length - MARKER_SUFFIX.length);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** A code span that survives backticks inside it and pipes in a table cell. */
function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(longestRun + 1);
  const padded = longestRun > 0 ? ` ${text} ` : text;
  return `${ticks}${padded.replace(/\|/g, "\\|")}${ticks}`;
}

/** `text` cut to `max` characters (whole code points), saying how much was cut. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max).join("")} … (${points.length - max} more characters)`;
}

function tableText(text: string): string {
  return cut(text, MAX_CELL_CHARACTERS).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
function fenceFor(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longestRun + 1));
}

function countsLine(summary: PlanSummary): string {
  if (!hasResourceChanges(summary)) {
    return "no changes";
  }
  const parts = [`${summary.add} to add`, `${summary.change} to change`, `${summary.destroy} to destroy`];
  if (summary.importing > 0) parts.push(`${summary.importing} to import`);
  if (summary.forget > 0) parts.push(`${summary.forget} to forget`);
  if (summary.moved > 0) parts.push(`${summary.moved} moved`);
  return parts.join(", ");
}

function destructiveWarning(destructive: readonly PlannedChange[]): string[] {
  if (destructive.length === 0) {
    return [];
  }
  const replaced = destructive.filter((change) => change.kind === "replace").length;
  const deleted = destructive.length - replaced;
  const parts = [
    ...(replaced > 0 ? [`${replaced} replaced (destroyed, then created again)`] : []),
    ...(deleted > 0 ? [`${deleted} deleted`] : []),
  ];
  const rows: string[] = [];
  let rowBytes = 0;
  for (const change of destructive.slice(0, MAX_LISTED_CHANGES)) {
    const row = `| **${change.kind}** | ${inlineCode(cut(change.address, MAX_CELL_CHARACTERS))} | ${tableText(change.why)} |`;
    if (rowBytes + bytes(row) + 1 > HEAD_BUDGET_BYTES) break;
    rows.push(row);
    rowBytes += bytes(row) + 1;
  }
  const more = destructive.length - rows.length;
  return [
    "> [!CAUTION]",
    `> **This plan destroys ${plural(destructive.length, "resource")}**: ${parts.join(" and ")}. Check each one before merging.`,
    "",
    "| change | resource | why |",
    "| --- | --- | --- |",
    ...rows,
    ...(more > 0 ? ["", `_…and ${more} more, in the full plan below._`] : []),
    "",
  ];
}

function footer(context: PlanContext, terraformVersion: string | undefined): string {
  const parts = [
    ...(terraformVersion ? [`Terraform ${terraformVersion}`] : []),
    ...(context.commit ? [`head ${context.commit.slice(0, 7)}`] : []),
    ...(context.runUrl ? [`[workflow run](${context.runUrl})`] : []),
  ];
  return parts.length > 0 ? `<sub>${parts.join(" · ")}</sub>` : "";
}

/**
 * `text` in a collapsible fenced block, cut to fit `budget` bytes with the whole
 * block: the first and last lines are kept and a line says how many were left out.
 */
function collapsible(summaryText: string, text: string, budget: number, keep: "ends" | "tail"): string {
  const lines = text
    .replace(/\s+$/, "")
    .split("\n")
    .map((line) => cut(line, MAX_LINE_CHARACTERS));
  const fence = fenceFor(text);
  // A failure's output is shown open: it is the whole point of the comment.
  const opening = keep === "tail" ? "<details open>" : "<details>";
  const wrap = (body: string, shown: string) => [`${opening}<summary>${shown}</summary>`, "", `${fence}text`, body, fence, "", "</details>"].join("\n");
  const whole = wrap(lines.join("\n"), summaryText);
  if (bytes(whole) <= budget) {
    return whole;
  }
  const omissionLine = (count: number) => `… ${plural(count, "line")} left out to stay under GitHub's comment size limit; the workflow run's log has the whole output …`;
  const frame = bytes(wrap(omissionLine(lines.length), `${summaryText}, shortened`)) + 2;
  const room = budget - frame;
  const headRoom = keep === "ends" ? Math.floor(room / 2) : 0;
  let used = 0;
  let start = 0;
  while (start < lines.length && used + bytes(lines[start]!) + 1 <= headRoom) {
    used += bytes(lines[start]!) + 1;
    start += 1;
  }
  let end = lines.length;
  while (end > start && used + bytes(lines[end - 1]!) + 1 <= room) {
    used += bytes(lines[end - 1]!) + 1;
    end -= 1;
  }
  const head = lines.slice(0, start);
  const tail = lines.slice(end);
  const omitted = lines.length - head.length - tail.length;
  return wrap([...head, omissionLine(omitted), ...tail].join("\n"), `${summaryText}, shortened`);
}

/**
 * The pull-request comment for one stack's plan: counts first, then every resource
 * the plan destroys or replaces with Terraform's reason, then the whole plan folded
 * away, within GitHub's size limit.
 */
export function renderPlanComment(summary: PlanSummary, planText: string, context: PlanContext, budget = COMMENT_BUDGET_BYTES, networkChange?: (room: number) => string): string {
  const changed = hasResourceChanges(summary);
  const notes = [
    ...(summary.drift > 0 ? [`${plural(summary.drift, "resource")} changed outside Terraform since the last apply; the full plan shows how.`] : []),
    ...(summary.outputChanges > 0 ? [`${plural(summary.outputChanges, "output")} will change.`] : []),
  ];
  const head = [
    planCommentMarker(context.stack),
    `### ${inlineCode(context.stack)}: ${countsLine(summary)}`,
    "",
    // What the change does to traffic comes first: it is what a reviewer must judge.
    ...(networkChange ? [networkChange(Math.floor(budget / 2)), ""] : []),
    ...(changed ? [] : ["Terraform would change nothing: what is deployed matches this configuration.", ""]),
    ...destructiveWarning(summary.destructive),
    ...(notes.length > 0 ? [...notes, ""] : []),
  ].join("\n");
  const tail = `\n\n${footer(context, summary.terraformVersion ?? context.terraformVersion)}\n`;
  const lineCount = planText.replace(/\s+$/, "").split("\n").length;
  const plan = collapsible(`Full plan (${plural(lineCount, "line")})`, planText, budget - bytes(head) - bytes(tail) - 1, "ends");
  return `${head}\n${plan}${tail}`;
}

/** The comment when a step failed before a plan existed: the end of the step's output, where Terraform's errors are. */
export function renderPlanFailure(step: string, output: string, context: PlanContext, budget = COMMENT_BUDGET_BYTES): string {
  const head = [
    planCommentMarker(context.stack),
    `### :x: ${inlineCode(context.stack)}: ${step} failed`,
    "",
    `\`${step}\` stopped with an error, so there is no plan to review. Fix it and push again; this comment is updated.`,
    "",
  ].join("\n");
  const tail = `\n\n${footer(context, context.terraformVersion)}\n`;
  const shown = output.trim() === "" ? "(no output)" : output;
  return `${head}\n${collapsible(`Output of ${step}`, shown, budget - bytes(head) - bytes(tail) - 1, "tail")}${tail}`;
}

/**
 * The comment when the job stopped before Terraform planned (synth, credentials, a
 * failed test run): it replaces the stack's earlier plan, which no longer matches the
 * pull request, and points to the run that says why.
 */
export function renderPlanUnavailable(reason: string, context: PlanContext): string {
  return [
    planCommentMarker(context.stack),
    `### :warning: ${inlineCode(context.stack)}: no plan for this push`,
    "",
    `${cut(reason, MAX_CELL_CHARACTERS)}, so Terraform made no plan for this push, and any plan shown here before no longer matches the pull request. The workflow run says what stopped.`,
    "",
    footer(context, context.terraformVersion),
    "",
  ].join("\n");
}

import type { Cause, FlowChange } from "../reachability/diff/reachability-diff";
import { usd } from "./cost";
import type { ReviewReport, StackReview } from "./review";

/** Past this many flows of one kind, a report lists the first and counts the rest: a reader reviews dozens, not thousands. */
export const LISTED_FLOWS = 50;

const mustNotFirst = (changes: readonly FlowChange[]) => [...changes].sort((a, b) => Number(b.expectation === "must-not") - Number(a.expectation === "must-not"));

function causeText(causes: readonly Cause[]): string {
  return causes.map((cause) => `${cause.address}${cause.constructPath ? ` (${cause.constructPath})` : ""}${cause.change === "unchanged" ? "" : ` ${cause.change}`}`).join("; ");
}

function counts(stack: StackReview): string {
  const mustNot = stack.opened.filter((change) => change.expectation === "must-not").length;
  const intendedClosed = stack.closed.filter((change) => change.expectation === "intended").length;
  const parts = [
    `${stack.opened.length} opened${mustNot > 0 ? ` (${mustNot} MUST-NOT)` : ""}`,
    `${stack.closed.length} closed${intendedClosed > 0 ? ` (${intendedClosed} intended)` : ""}`,
    `${stack.changedPath.length} changed path${stack.changedPath.length === 1 ? "" : "s"}`,
    ...(stack.uncertain.length > 0 ? [`${stack.uncertain.length} uncertain`] : []),
  ];
  return parts.join(", ");
}

function presenceText(stack: StackReview): string {
  return stack.presence === "added" ? " (added)" : stack.presence === "removed" ? " (removed)" : "";
}

function guardrailText(stack: StackReview): string {
  return `guardrails ${stack.guardrails.new.length} new, ${stack.guardrails.fixed.length} fixed`;
}

/** The review for a terminal: a line per stack, then each flow that changed, must-not ones first. */
export function renderText(report: ReviewReport): string {
  const lines = [`network review: ${report.base} -> ${report.head}`];
  for (const stack of report.stacks) {
    lines.push("", `${stack.stack}${presenceText(stack)}: ${counts(stack)}; cost ${usd(stack.costDelta, true)} a month; ${guardrailText(stack)}`);
    const section = (title: string, changes: readonly FlowChange[], detail: (change: FlowChange) => string) => {
      for (const change of mustNotFirst(changes).slice(0, LISTED_FLOWS)) {
        // Loud only where it is bad news: a must-not flow opened; one closed is the fix.
        const alarm = change.expectation === "must-not" && title === "opened";
        lines.push(`  ${title.padEnd(7)} ${alarm ? "MUST-NOT  " : change.expectation.padEnd(10)} ${change.from} -> ${change.to} ${change.traffic}`, `          ${detail(change)}`);
      }
      if (changes.length > LISTED_FLOWS) lines.push(`  ... and ${changes.length - LISTED_FLOWS} more ${title} flows (--json lists every one)`);
    };
    section("opened", stack.opened, (change) => `cause: ${causeText(change.cause)}`);
    section("closed", stack.closed, (change) => `cause: ${causeText(change.cause)}; now: ${change.reason.head}`);
    section("path", stack.changedPath, (change) => `was ${change.reason.base}; now ${change.reason.head}`);
    section("unsure", stack.uncertain, (change) => `${change.base} -> ${change.head}: ${change.head === "unknown" ? change.reason.head : change.reason.base}`);
    for (const finding of stack.guardrails.new) lines.push(`  guardrail new   [${finding.rule}] ${finding.label}: ${finding.problem}${finding.excepted ? ` (excepted: ${finding.excepted})` : ""}`);
    for (const finding of stack.guardrails.fixed) lines.push(`  guardrail fixed [${finding.rule}] ${finding.label}: ${finding.problem}`);
    if (!stack.declaredFlows.head) lines.push("  (the head declares no flows here: every flow counts as undeclared)");
  }
  if (report.stacks.length === 0) lines.push("", "no stack changes");
  if (report.unchanged.length > 0) lines.push("", `unchanged: ${report.unchanged.join(", ")}`);
  lines.push("", `cost: monthly list prices (${report.prices.region}, recorded ${report.prices.recorded}), without ${report.prices.excluded.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/\n/g, " ");

function flowTable(title: string, changes: readonly FlowChange[], limit: number, extra: (change: FlowChange) => string): string[] {
  if (changes.length === 0) return [];
  const shown = mustNotFirst(changes).slice(0, limit);
  const marked = (change: FlowChange) => (change.expectation === "must-not" && title === "Opened" ? ":warning: **must-not**" : change.expectation);
  return [
    `**${title}** (${changes.length})`,
    "",
    "| | from | to | traffic | cause |",
    "| --- | --- | --- | --- | --- |",
    ...shown.map((change) => `| ${marked(change)} | ${cell(change.from)} | ${cell(change.to)} | ${cell(change.traffic)} | ${cell(extra(change))} |`),
    ...(changes.length > limit ? ["", `… and ${changes.length - limit} more: the full report is the review artifact (or \`npm run review -- --json\`).`] : []),
    "",
  ];
}

/** The "Network change" section of one stack, for a pull request: flows, cost, guardrails, then the diagram folded away. */
export function renderStackMarkdown(stack: StackReview, limit = LISTED_FLOWS): string {
  const causeOf = (change: FlowChange) => change.cause.map((cause) => `\`${cause.address}\`${cause.constructPath ? ` (${cause.constructPath})` : ""}`).join("<br>");
  const lines = [
    `#### Network change${presenceText(stack)}: ${counts(stack)}`,
    "",
    ...flowTable("Opened", stack.opened, limit, causeOf),
    ...flowTable("Closed", stack.closed, limit, (change) => `${causeOf(change)}<br>now: ${change.reason.head}`),
    ...flowTable("Changed path", stack.changedPath, limit, (change) => `was ${change.reason.base}<br>now ${change.reason.head}`),
    ...flowTable("Uncertain (values known only after apply)", stack.uncertain, limit, (change) => `${change.base} → ${change.head}`),
    `Cost: ${usd(stack.cost.baseMonthlyUsd)} → ${usd(stack.cost.headMonthlyUsd)} a month (${usd(stack.costDelta, true)}) at list prices, before charges by use.`,
    "",
  ];
  if (stack.guardrails.new.length + stack.guardrails.fixed.length > 0) {
    lines.push(
      `Guardrails: ${[
        ...stack.guardrails.new.map((finding) => `new \`${finding.rule}\` on ${cell(finding.label)}${finding.excepted ? " (excepted)" : ""}`),
        ...stack.guardrails.fixed.map((finding) => `fixed \`${finding.rule}\` on ${cell(finding.label)}`),
      ].join("; ")}`,
      "",
    );
  }
  if (!stack.declaredFlows.head) lines.push("_The head declares no flows for this stack: every flow counts as undeclared._", "");
  lines.push("<details><summary>Network diagram (changed elements outlined)</summary>", "", "```mermaid", stack.diagram.trimEnd(), "```", "", "</details>", "");
  return lines.join("\n");
}

/** The whole review in Markdown: a section per changed stack. */
export function renderMarkdown(report: ReviewReport, limit = LISTED_FLOWS): string {
  const sections = report.stacks.map((stack) => [`### \`${stack.stack}\``, "", renderStackMarkdown(stack, limit)].join("\n"));
  return [
    "## Network review",
    "",
    ...(sections.length > 0 ? sections : ["No stack changes.", ""]),
    ...(report.unchanged.length > 0 ? [`Unchanged: ${report.unchanged.map((name) => `\`${name}\``).join(", ")}.`, ""] : []),
    `<sub>Costs are monthly list prices for ${report.prices.region} as recorded on ${report.prices.recorded}, without ${report.prices.excluded.join(", ")}.</sub>`,
    "",
  ].join("\n");
}

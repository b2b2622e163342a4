import { usd } from "./cost";
import { cell, flowChangeLines, flowChangeTables, flowCounts, LISTED_FLOWS } from "./render-flow-changes";
import type { ReviewReport, StackReview } from "./review";

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
    lines.push("", `${stack.stack}${presenceText(stack)}: ${flowCounts(stack)}; cost ${usd(stack.costDelta, true)} a month; ${guardrailText(stack)}`);
    lines.push(...flowChangeLines(stack, "--json lists every one"));
    for (const finding of stack.guardrails.new) lines.push(`  guardrail new   [${finding.rule}] ${finding.label}: ${finding.problem}${finding.excepted ? ` (excepted: ${finding.excepted})` : ""}`);
    for (const finding of stack.guardrails.fixed) lines.push(`  guardrail fixed [${finding.rule}] ${finding.label}: ${finding.problem}`);
    if (!stack.declaredFlows.head) lines.push("  (the head declares no flows here: every flow counts as undeclared)");
  }
  if (report.stacks.length === 0) lines.push("", "no stack changes");
  if (report.unchanged.length > 0) lines.push("", `unchanged: ${report.unchanged.join(", ")}`);
  lines.push("", `cost: monthly list prices (${report.prices.region}, recorded ${report.prices.recorded}), without ${report.prices.excluded.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/** The "Network change" section of one stack, for a pull request: flows, cost, guardrails, then the diagram folded away. */
export function renderStackMarkdown(stack: StackReview, limit = LISTED_FLOWS): string {
  const lines = [
    `#### Network change${presenceText(stack)}: ${flowCounts(stack)}`,
    "",
    ...flowChangeTables(stack, limit, "the full report is the review artifact (or `npm run review -- --json`)"),
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

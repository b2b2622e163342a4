import { cell, flowChangeLines, flowChangeTables, flowCounts, LISTED_FLOWS } from "../../review/render-flow-changes";
import type { AttributeDrift, DriftedResource, DriftReport, StandingDrift } from "./drift-report";

function attributeText(attribute: AttributeDrift): string {
  if (attribute.sensitive) return `${attribute.attribute}: changed (sensitive, not shown)`;
  const parts = [...(attribute.added ?? []).map((entry) => `+ ${entry}`), ...(attribute.removed ?? []).map((entry) => `- ${entry}`)];
  if (parts.length > 0) return `${attribute.attribute}: ${parts.join("; ")}`;
  return `${attribute.attribute}: ${attribute.before ?? "null"} -> ${attribute.after ?? "null"}`;
}

function resourceTitle(resource: DriftedResource): string {
  return `${resource.address}${resource.constructPath ? ` (${resource.constructPath})` : ""}`;
}

function standingTitle(entry: StandingDrift): string {
  return `${entry.address}${entry.constructPath ? ` (${entry.constructPath})` : ""} ${entry.attribute}`;
}

/** What a deploy does not undo, said where it is listed. */
const STANDING_NOTE = "made outside Terraform before the last apply, which kept it: a deploy does not remove it; remove it by hand, or add it to the code";

function summary(report: DriftReport): string {
  const standing = report.standing.reduce((sum, entry) => sum + entry.entries.length, 0);
  return `${report.resources.length} resource${report.resources.length === 1 ? "" : "s"} drifted${standing > 0 ? `, ${standing} entr${standing === 1 ? "y" : "ies"} standing outside the code` : ""}; flows ${flowCounts(report)}`;
}

function headline(report: DriftReport): string {
  if (!report.drifted) return `${report.stack}: no drift (${report.flowsCompared} flows compared)`;
  return `${report.stack}: ${summary(report)}`;
}

/** Drift for a terminal: what each resource is now, then each flow it changed, must-not ones first. */
export function renderDriftText(report: DriftReport): string {
  const lines = [headline(report)];
  for (const resource of report.resources) {
    lines.push(`  ${resource.change.padEnd(8)} ${resourceTitle(resource)}`);
    for (const attribute of resource.attributes) lines.push(`           ${attributeText(attribute)}`);
  }
  for (const entry of report.standing) {
    lines.push(`  standing ${standingTitle(entry)} (${STANDING_NOTE})`);
    for (const item of entry.entries) lines.push(`           ${item}`);
  }
  lines.push(...flowChangeLines(report, "--json lists every one"));
  if (!report.flowsDeclared) lines.push("  (the stack's synth wrote no declared flows: every flow counts as undeclared)");
  return `${lines.join("\n")}\n`;
}

/** Where a Markdown report came from: shown under its heading. */
export interface DriftContext {
  readonly checkedAt?: string;
  readonly runUrl?: string;
  readonly commit?: string;
}

/** Drift in Markdown, as the drift issue's body and `--markdown` print it: flows first, then resources. */
export function renderDriftMarkdown(report: DriftReport, context: DriftContext = {}, limit = LISTED_FLOWS): string {
  const source = [
    context.checkedAt ? `checked ${context.checkedAt}` : undefined,
    context.commit ? `configuration at ${context.commit.slice(0, 12)}` : undefined,
    context.runUrl ? `[run](${context.runUrl})` : undefined,
  ].filter((part): part is string => part !== undefined);
  const lines = [`### Drift in \`${report.stack}\`: ${report.drifted ? summary(report) : "none"}`, ""];
  if (source.length > 0) lines.push(`<sub>${source.join(" · ")}</sub>`, "");
  lines.push(...flowChangeTables(report, limit, "`npm run drift -- " + report.stack + " --json` lists every one"));
  if (report.resources.length > 0) {
    lines.push("**Resources changed outside Terraform**", "", "| resource | change | what |", "| --- | --- | --- |");
    for (const resource of report.resources.slice(0, limit)) {
      const what = resource.change === "deleted" ? "gone" : resource.attributes.map((attribute) => cell(attributeText(attribute))).join("<br>");
      lines.push(`| \`${cell(resource.address)}\`${resource.constructPath ? ` (${cell(resource.constructPath)})` : ""} | ${resource.change} | ${what} |`);
    }
    if (report.resources.length > limit) lines.push("", `… and ${report.resources.length - limit} more: \`npm run drift -- ${report.stack} --json\` lists every one.`);
    lines.push("");
  }
  if (report.standing.length > 0) {
    lines.push(`**Standing outside the code** (${STANDING_NOTE})`, "", "| resource | entries |", "| --- | --- |");
    for (const entry of report.standing) lines.push(`| \`${cell(entry.address)}\`${entry.constructPath ? ` (${cell(entry.constructPath)})` : ""} ${cell(entry.attribute)} | ${entry.entries.map(cell).join("<br>")} |`);
    lines.push("");
  }
  if (!report.flowsDeclared) lines.push("_The stack's synth wrote no declared flows: every flow counts as undeclared._", "");
  return lines.join("\n");
}

import type { Cause, FlowChange } from "../reachability/diff/reachability-diff";

/** Past this many flows of one kind, a report lists the first and counts the rest: a reader reviews dozens, not thousands. */
export const LISTED_FLOWS = 50;

/** The flows a review or a drift found changed. */
export type FlowChanges = { readonly [kind in "opened" | "closed" | "changedPath" | "uncertain"]: readonly FlowChange[] };

const mustNotFirst = (changes: readonly FlowChange[]) => [...changes].sort((a, b) => Number(b.expectation === "must-not") - Number(a.expectation === "must-not"));

function causeText(causes: readonly Cause[]): string {
  return causes.map((cause) => `${cause.address}${cause.constructPath ? ` (${cause.constructPath})` : ""}${cause.change === "unchanged" ? "" : ` ${cause.change}`}`).join("; ");
}

/** `2 opened (1 MUST-NOT), 1 closed (1 intended), 0 changed paths`. */
export function flowCounts(changes: FlowChanges): string {
  const mustNot = changes.opened.filter((change) => change.expectation === "must-not").length;
  const intendedClosed = changes.closed.filter((change) => change.expectation === "intended").length;
  const parts = [
    `${changes.opened.length} opened${mustNot > 0 ? ` (${mustNot} MUST-NOT)` : ""}`,
    `${changes.closed.length} closed${intendedClosed > 0 ? ` (${intendedClosed} intended)` : ""}`,
    `${changes.changedPath.length} changed path${changes.changedPath.length === 1 ? "" : "s"}`,
    ...(changes.uncertain.length > 0 ? [`${changes.uncertain.length} uncertain`] : []),
  ];
  return parts.join(", ");
}

/** Each flow that changed, two lines each, must-not ones first; `more` says where the rest are. */
export function flowChangeLines(changes: FlowChanges, more: string): string[] {
  const lines: string[] = [];
  const section = (title: string, list: readonly FlowChange[], detail: (change: FlowChange) => string) => {
    for (const change of mustNotFirst(list).slice(0, LISTED_FLOWS)) {
      // Loud only where it is bad news: a must-not flow opened; one closed is the fix.
      const alarm = change.expectation === "must-not" && title === "opened";
      lines.push(`  ${title.padEnd(7)} ${alarm ? "MUST-NOT  " : change.expectation.padEnd(10)} ${change.from} -> ${change.to} ${change.traffic}`, `          ${detail(change)}`);
    }
    if (list.length > LISTED_FLOWS) lines.push(`  ... and ${list.length - LISTED_FLOWS} more ${title} flows (${more})`);
  };
  section("opened", changes.opened, (change) => `cause: ${causeText(change.cause)}`);
  section("closed", changes.closed, (change) => `cause: ${causeText(change.cause)}; now: ${change.reason.head}`);
  section("path", changes.changedPath, (change) => `was ${change.reason.base}; now ${change.reason.head}`);
  section("unsure", changes.uncertain, (change) => `${change.base} -> ${change.head}: ${change.head === "unknown" ? change.reason.head : change.reason.base}`);
  return lines;
}

/** A Markdown table cell: no pipe or line break of its own. */
export const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/\n/g, " ");

function flowTable(title: string, changes: readonly FlowChange[], limit: number, more: string, extra: (change: FlowChange) => string): string[] {
  if (changes.length === 0) return [];
  const shown = mustNotFirst(changes).slice(0, limit);
  const marked = (change: FlowChange) => (change.expectation === "must-not" && title === "Opened" ? ":warning: **must-not**" : change.expectation);
  return [
    `**${title}** (${changes.length})`,
    "",
    "| | from | to | traffic | cause |",
    "| --- | --- | --- | --- | --- |",
    ...shown.map((change) => `| ${marked(change)} | ${cell(change.from)} | ${cell(change.to)} | ${cell(change.traffic)} | ${cell(extra(change))} |`),
    ...(changes.length > limit ? ["", `… and ${changes.length - limit} more: ${more}.`] : []),
    "",
  ];
}

/** The flows that changed as Markdown tables, must-not ones first; `more` says where the rest are. */
export function flowChangeTables(changes: FlowChanges, limit: number, more: string): string[] {
  const causeOf = (change: FlowChange) => change.cause.map((cause) => `\`${cause.address}\`${cause.constructPath ? ` (${cause.constructPath})` : ""}`).join("<br>");
  return [
    ...flowTable("Opened", changes.opened, limit, more, causeOf),
    ...flowTable("Closed", changes.closed, limit, more, (change) => `${causeOf(change)}<br>now: ${change.reason.head}`),
    ...flowTable("Changed path", changes.changedPath, limit, more, (change) => `was ${change.reason.base}<br>now ${change.reason.head}`),
    ...flowTable("Uncertain (values known only after apply)", changes.uncertain, limit, more, (change) => `${change.base} → ${change.head}`),
  ];
}

import { renderStackMarkdown } from "./render";
import type { ReviewReport } from "./review";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** The flows a summary keeps, from the most to none, until the section fits. */
const LIMITS = [50, 20, 5, 0];

/**
 * The "Network change" section of one stack's plan comment, within `room` bytes: the
 * stack's review, listing fewer flows when it must, the full report being the run's
 * artifact. A stack the change does not touch says so in one line.
 */
export function networkChangeMarkdown(report: ReviewReport | string, stack: string, room: number): string {
  if (typeof report === "string") return `#### Network change: not reviewed\n\n${report}\n`;
  const review = report.stacks.find((candidate) => candidate.stack === stack);
  if (review === undefined) return `#### Network change: none\n\n\`${stack}\` synthesizes exactly as on the base (${report.base}).\n`;
  for (const limit of LIMITS) {
    const section = renderStackMarkdown(review, limit);
    if (bytes(section) <= room) return section;
  }
  const opened = review.opened.length;
  const mustNot = review.opened.filter((change) => change.expectation === "must-not").length;
  return `#### Network change: ${opened} opened (${mustNot} must-not), ${review.closed.length} closed, ${review.changedPath.length} changed paths\n\nToo long for a comment: the workflow run's artifact network-review has the whole report.\n`;
}

/** The same section as text, for `npm run plan` on a terminal. */
export function networkChangeText(report: ReviewReport | string, stack: string): string {
  if (typeof report === "string") return `Network change: not reviewed: ${report}\n`;
  const review = report.stacks.find((candidate) => candidate.stack === stack);
  if (review === undefined) return `Network change: none (${stack} synthesizes exactly as on ${report.base})\n`;
  const lines = [`Network change against ${report.base}:`];
  const list = (kind: string, changes: typeof review.opened) => {
    for (const change of [...changes].sort((a, b) => Number(b.expectation === "must-not") - Number(a.expectation === "must-not"))) {
      lines.push(`  ${kind.padEnd(7)} ${change.expectation === "must-not" && kind === "opened" ? "MUST-NOT  " : change.expectation.padEnd(10)} ${change.from} -> ${change.to} ${change.traffic}`);
    }
  };
  list("opened", review.opened);
  list("closed", review.closed);
  list("path", review.changedPath);
  list("unsure", review.uncertain);
  if (lines.length === 1) lines.push("  no flow opened, closed or rerouted");
  lines.push(`  cost ${review.costDelta >= 0 ? "+" : "-"}${Math.abs(review.costDelta).toFixed(2)} USD a month; guardrails ${review.guardrails.new.length} new, ${review.guardrails.fixed.length} fixed`);
  return `${lines.join("\n")}\n`;
}

import type { RowResult } from "./compare";
import type { ProbeReport } from "./probe-report";

const RESULT_TEXT: Readonly<Record<RowResult, string>> = {
  match: "ok",
  differs: "DIFFERS",
  "not probed": "not probed",
  "no expectation": "no verdict",
  "could not run": "not run",
};

function heading(report: ProbeReport): string {
  const where = [report.account === undefined ? undefined : `account ${report.account}`, report.region].filter(Boolean).join(", ");
  return `probe ${report.stack}: its deployed state (${report.resources} resources), ${where}`;
}

export function summaryLine(report: ProbeReport): string {
  const { match, differs, notProbed, noExpectation, couldNotRun } = report.summary;
  const parts = [`${match} as expected`, `${differs} differ${differs === 1 ? "s" : ""}`, `${notProbed} not probed`];
  if (noExpectation > 0) parts.push(`${noExpectation} without a verdict to compare`);
  if (couldNotRun > 0) parts.push(`${couldNotRun} could not run`);
  return `probe ${report.stack}: ${parts.join(", ")}`;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")}`.trimEnd());
}

/** The table for a terminal: the ways in, then one row per flow with its evidence line. */
export function renderProbeText(report: ProbeReport): string {
  const ways = table(report.waysIn.map((way) => [way.instance, way.way === "none" ? `no way in: ${way.detail}` : way.detail]));
  const rows = table([
    ["result", "check", "flow", "expected", "observed", "evidence"],
    ...report.rows.map((row) => [RESULT_TEXT[row.result], row.check, row.flow, row.expected, row.observed, row.evidence]),
  ]);
  return [heading(report), "", "ways in", ...ways, "", ...rows, "", summaryLine(report), ""].join("\n");
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The same as a Markdown table, for a pull request or an issue. */
export function renderProbeMarkdown(report: ProbeReport): string {
  return [
    `### ${heading(report)}`,
    "",
    "| instance | way in |",
    "| --- | --- |",
    ...report.waysIn.map((way) => `| ${cell(way.instance)} | ${cell(way.way === "none" ? `none: ${way.detail}` : way.detail)} |`),
    "",
    "| result | check | flow | expected | observed | evidence |",
    "| --- | --- | --- | --- | --- | --- |",
    ...report.rows.map((row) => `| ${RESULT_TEXT[row.result]} | ${row.check} | ${cell(row.flow)} | ${row.expected} | ${cell(row.observed)} | ${cell(row.evidence)} |`),
    "",
    summaryLine(report),
    "",
  ].join("\n");
}

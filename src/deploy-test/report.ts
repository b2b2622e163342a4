import type { CaseResult } from "./run-case";

/** The columns of the table, in the order a deployment goes through them. */
const COLUMNS = ["synth", "init", "validate", "plan", "apply", "replan", "drift", "destroy", "leftovers"] as const;
/** A step prefixed so belongs to a second deployment in the same case (the bootstrap's `state` stack). */
const SUB_DEPLOYMENT = /^\[([\w-]+)\] (.+)$/;

interface Row {
  readonly label: string;
  readonly cells: Map<string, { ok: boolean; seconds: number }>;
  readonly checks: { ok: number; total: number };
  total: number;
}

function rowsOf(result: CaseResult): Row[] {
  const label = result.leftOut.length > 0 ? `${result.name} (${result.leftOut.length} plan-only)` : result.name;
  const main: Row = { label, cells: new Map(), checks: { ok: 0, total: 0 }, total: 0 };
  const subs = new Map<string, Row>();
  for (const step of result.steps) {
    const sub = SUB_DEPLOYMENT.exec(step.step);
    const row = sub ? (subs.get(sub[1]!) ?? subs.set(sub[1]!, { label: `${result.name} (${sub[1]})`, cells: new Map(), checks: { ok: 0, total: 0 }, total: 0 }).get(sub[1]!)!) : main;
    const name = sub ? sub[2]! : step.step.startsWith("synth") ? "synth" : step.step;
    row.total += step.seconds;
    if ((COLUMNS as readonly string[]).includes(name)) {
      const cell = row.cells.get(name);
      row.cells.set(name, { ok: (cell?.ok ?? true) && step.ok, seconds: (cell?.seconds ?? 0) + step.seconds });
    } else {
      row.checks.total += 1;
      if (step.ok) row.checks.ok += 1;
    }
  }
  return [...subs.values(), main];
}

function cell(value: { ok: boolean; seconds: number } | undefined): string {
  if (!value) return "-";
  return `${value.ok ? "ok" : "FAIL"} ${value.seconds.toFixed(1)}s`;
}

/**
 * A Markdown table of case × step with times, and a last row that adds each column up
 * (the time the cases took together, not the run's wall time: cases run side by side);
 * docs/deploy-test.md shows the last run's.
 */
export function renderTable(results: readonly CaseResult[]): string {
  const header = ["case", ...COLUMNS, "checks", "total"];
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  const rows = results.flatMap(rowsOf);
  const line = (row: Row) => {
    const checks = row.checks.total === 0 ? "-" : `${row.checks.ok}/${row.checks.total}`;
    return `| ${[row.label, ...COLUMNS.map((column) => cell(row.cells.get(column))), checks, `${row.total.toFixed(1)}s`].join(" | ")} |`;
  };
  for (const row of rows) lines.push(line(row));
  const sum: Row = { label: `all ${results.length} cases`, cells: new Map(), checks: { ok: 0, total: 0 }, total: 0 };
  for (const row of rows) {
    sum.total += row.total;
    sum.checks.ok += row.checks.ok;
    sum.checks.total += row.checks.total;
    for (const [column, value] of row.cells) {
      const soFar = sum.cells.get(column);
      sum.cells.set(column, { ok: (soFar?.ok ?? true) && value.ok, seconds: (soFar?.seconds ?? 0) + value.seconds });
    }
  }
  lines.push(line(sum));
  return lines.join("\n");
}

/** What each case left out of the apply because the emulator cannot serve it. */
export function renderLeftOut(results: readonly CaseResult[]): string[] {
  return results.flatMap((result) => result.leftOut.map((item) => `  ${result.name}: ${item.address} (${item.because})`));
}

/** The arguments each case left out because the run's AWS provider release predates them. */
export function renderDroppedArguments(results: readonly CaseResult[]): string[] {
  return results.flatMap((result) => result.droppedArguments.map((item) => `  ${result.name}: ${item.address} ${item.attribute} (${item.because})`));
}

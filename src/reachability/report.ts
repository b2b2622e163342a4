import { describeParty } from "./evaluate/parties";
import type { StackVerdict } from "./verify";

const COLUMNS = { check: 6, expected: 10, verdict: 10 };

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

/**
 * Plain-text report of one stack. By default a summary: the flows counted by what was
 * declared, and in full only those that are not as declared, with the reason and why
 * they were declared. With `everyFlow`, a table of every flow with its expected and
 * evaluated verdict and, under each, the reason (the path it takes, or what blocks
 * it); a stack at scale has tens of thousands of flows.
 */
export function formatStackReport(stack: StackVerdict, options: { readonly everyFlow?: boolean } = {}): string {
  const strip = (name: string) => (name.startsWith(`${stack.stackName}-`) ? name.slice(stack.stackName.length + 1) : name);
  const lines: string[] = [];
  if (stack.noNetwork) {
    lines.push(`${stack.stackName} (${stack.resourceCount} resources): no flows to verify: ${stack.noNetwork}`);
    return lines.join("\n");
  }
  const failures = stack.verdicts.filter((verdict) => !verdict.ok).length;
  const declared = new Map<string, number>();
  for (const { flow } of stack.verdicts) declared.set(flow.expect, (declared.get(flow.expect) ?? 0) + 1);
  const counts = [...declared].map(([expect, count]) => `${count} ${expect}`).join(", ");
  lines.push(
    `${stack.stackName} (${stack.resourceCount} resources): ${stack.verdicts.length} flows (${counts}), ${failures === 0 ? "all as declared" : `${failures} NOT as declared`}`,
  );
  const shown = options.everyFlow ? stack.verdicts : stack.verdicts.filter((verdict) => !verdict.ok);
  if (shown.length === 0) {
    return lines.join("\n");
  }
  lines.push(`  ${pad("check", COLUMNS.check)} ${pad("expected", COLUMNS.expected)} ${pad("verdict", COLUMNS.verdict)} flow`);
  const indent = " ".repeat(2 + COLUMNS.check + 1 + COLUMNS.expected + 1 + COLUMNS.verdict + 1);
  for (const { flow, result, ok } of shown) {
    const name = `${strip(describeParty(flow.from))} -> ${strip(describeParty(flow.to))} ${flow.trafficText}`;
    lines.push(`  ${pad(ok ? "ok" : "FAIL", COLUMNS.check)} ${pad(flow.expect, COLUMNS.expected)} ${pad(result.status, COLUMNS.verdict)} ${name}`);
    lines.push(`${indent}${result.reason}`);
    if (!ok) {
      lines.push(`${indent}declared because: ${flow.why}`);
    }
  }
  return lines.join("\n");
}

export function formatSummary(stacks: readonly StackVerdict[]): string {
  const flows = stacks.reduce((sum, stack) => sum + stack.verdicts.length, 0);
  const failures = stacks.reduce((sum, stack) => sum + stack.verdicts.filter((verdict) => !verdict.ok).length, 0);
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  return `verify: ${count(stacks.length, "stack")}, ${count(flows, "flow")}, ${failures === 0 ? "every flow as declared" : `${count(failures, "flow")} NOT as declared`}`;
}

import { describeParty } from "./evaluate/parties";
import type { StackVerdict } from "./verify";

const COLUMNS = { check: 6, expected: 10, verdict: 10 };

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

/**
 * Plain-text report of one stack: a table of flows with the expected and evaluated
 * verdicts, and under each flow the reason (the path it takes, or what blocks it).
 */
export function formatStackReport(stack: StackVerdict): string {
  const strip = (name: string) => (name.startsWith(`${stack.stackName}-`) ? name.slice(stack.stackName.length + 1) : name);
  const lines: string[] = [];
  if (stack.noNetwork) {
    lines.push(`${stack.stackName} (${stack.resourceCount} resources): no flows to verify: ${stack.noNetwork}`);
    return lines.join("\n");
  }
  const failures = stack.verdicts.filter((verdict) => !verdict.ok).length;
  lines.push(
    `${stack.stackName} (${stack.resourceCount} resources): ${stack.verdicts.length} flows, ${failures === 0 ? "all as declared" : `${failures} NOT as declared`}`,
  );
  lines.push(`  ${pad("check", COLUMNS.check)} ${pad("expected", COLUMNS.expected)} ${pad("verdict", COLUMNS.verdict)} flow`);
  const indent = " ".repeat(2 + COLUMNS.check + 1 + COLUMNS.expected + 1 + COLUMNS.verdict + 1);
  for (const { flow, result, ok } of stack.verdicts) {
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

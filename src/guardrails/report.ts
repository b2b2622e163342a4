import type { RuleFinding, StackGuardrails } from "./check";
import { GUARDRAIL_RULES } from "./rules";

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

function located(stackName: string, finding: RuleFinding): string {
  return `${stackName}: ${finding.address}${finding.label === finding.address ? "" : ` (${finding.label})`}`;
}

/** One violation, with everything needed to act on it. */
export function formatViolation(stackName: string, finding: RuleFinding): string {
  return [
    `  [${finding.rule.id}] ${located(stackName, finding)}`,
    `      problem: ${finding.problem}`,
    `      fix: ${finding.rule.fix}`,
    // Only resources carry exceptions; the backend block cannot.
    ...(finding.address.startsWith("terraform.") ? [] : [`      or, when the topology needs it: exceptGuardrail(resource, "${finding.rule.id}", "<why, in a sentence>")`]),
  ].join("\n");
}

/** What stops synth: every violation and every exception that cannot count, across stacks. */
export function formatViolations(stacks: readonly StackGuardrails[]): string {
  const failing = stacks.filter((stack) => !stack.ok);
  const violations = failing.reduce((sum, stack) => sum + stack.violations.length + stack.invalidExceptions.length, 0);
  const lines = [`Guardrails: ${count(violations, "violation")} in ${failing.map((stack) => stack.stackName).join(", ")}; nothing was written.`];
  for (const stack of failing) {
    lines.push(...stack.violations.map((finding) => formatViolation(stack.stackName, finding)));
    for (const { exception, problem } of stack.invalidExceptions) {
      lines.push(`  [exception] ${stack.stackName}: ${exception.address} excepts "${exception.rule}": ${problem}`);
    }
  }
  lines.push("Run `npm run guardrails` for the full report.");
  return lines.join("\n");
}

/** The full report of one stack: each rule's result, then every exception with its reason. */
export function formatStackReport(stack: StackGuardrails): string {
  const lines = [
    `${stack.stackName} (${stack.resourceCount} resources): ${stack.ok ? "clean" : "FAILS"}, ${count(stack.violations.length, "violation")}, ${count(stack.excepted.length, "exception")}`,
    `  ${"result".padEnd(11)} ${"seen".padStart(4)}  rule`,
  ];
  const width = Math.max(...GUARDRAIL_RULES.map((rule) => rule.id.length));
  for (const rule of GUARDRAIL_RULES) {
    const failed = stack.violations.filter((finding) => finding.rule === rule).length;
    const excepted = stack.excepted.filter((finding) => finding.rule === rule).length;
    const judged = stack.judged.get(rule.id) ?? 0;
    const result = failed > 0 ? `FAIL ${failed}` : excepted > 0 ? `excepted ${excepted}` : judged === 0 ? "n/a" : "ok";
    lines.push(`  ${result.padEnd(11)} ${String(judged).padStart(4)}  ${rule.id.padEnd(width)}  ${rule.title}`);
  }
  lines.push(...stack.violations.map((finding) => formatViolation(stack.stackName, finding)));
  for (const finding of stack.excepted) {
    lines.push(`  excepted [${finding.rule.id}] ${located(stack.stackName, finding)}`, `      ${finding.problem}`, `      reason: ${finding.reason}`);
  }
  for (const { exception, problem } of stack.invalidExceptions) {
    lines.push(`  INVALID exception [${exception.rule}] ${stack.stackName}: ${exception.address}: ${problem}`);
  }
  for (const exception of stack.unusedExceptions) {
    lines.push(`  unused exception [${exception.rule}] ${stack.stackName}: ${exception.address}: nothing to except; remove it`);
  }
  return lines.join("\n");
}

export function formatSummary(stacks: readonly StackGuardrails[]): string {
  const violations = stacks.reduce((sum, stack) => sum + stack.violations.length + stack.invalidExceptions.length, 0);
  const exceptions = stacks.reduce((sum, stack) => sum + stack.excepted.length, 0);
  return `guardrails: ${count(stacks.length, "stack")}, ${count(GUARDRAIL_RULES.length, "rule")}, ${violations === 0 ? "no violations" : count(violations, "violation").toUpperCase()}, ${count(exceptions, "exception")} with reasons`;
}

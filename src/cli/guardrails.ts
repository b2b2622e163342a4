import { checkGuardrails } from "../guardrails/check";
import { formatStackReport, formatSummary } from "../guardrails/report";
import { judgeStacks, type StackCommandOptions } from "./stack-inputs";

/**
 * `npm run guardrails`: every rule's result for each stack, every exception with its
 * reason, and every violation with its fix. With file arguments it judges those
 * synthesized stacks instead, whoever produced them. Exit code 0 when every stack is
 * clean, 1 when one breaks a rule, 2 when the input cannot be read.
 */
export function runGuardrails(options: StackCommandOptions = {}): number {
  return judgeStacks(options, {
    judge: (input) => checkGuardrails(input.json, input.name || input.source),
    formatStack: formatStackReport,
    formatSummary,
  });
}

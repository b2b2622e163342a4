import { checkGuardrails } from "./guardrails/check";
import { formatStackReport, formatSummary } from "./guardrails/report";
import { loadConfigOrSay, readStackInputs, type StackCommandOptions } from "./stack-inputs";

export type RunGuardrailsOptions = StackCommandOptions;

/**
 * `npm run guardrails`: every rule's result for each stack, every exception with its
 * reason, and every violation with its fix. With file arguments it judges those
 * synthesized stacks instead, whoever produced them. Exit code 0 when every stack is
 * clean, 1 when one breaks a rule, 2 when the input cannot be read.
 */
export function runGuardrails(options: RunGuardrailsOptions = {}): number {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const config = loadConfigOrSay(options, stderr);
  if (!config) {
    return 2;
  }
  const inputs = readStackInputs(options.files ?? [], options.baseDir ?? process.cwd(), config, stderr);
  if (!inputs) {
    return 2;
  }
  const results = inputs.map((input) => checkGuardrails(input.json, input.name || input.source));
  for (const result of results) {
    stdout.write(`${formatStackReport(result)}\n\n`);
  }
  stdout.write(`${formatSummary(results)}\n`);
  return results.every((result) => result.ok) ? 0 : 1;
}

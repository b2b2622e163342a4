import type { SynthesizedStack } from "../terraform-json/synthesized-stacks";
import { checkGuardrails, type StackGuardrails } from "./check";
import { formatViolations } from "./report";

/** A stack breaks a guardrail: synth stops and writes nothing. */
export class GuardrailError extends Error {
  constructor(readonly results: readonly StackGuardrails[]) {
    super(formatViolations(results));
    this.name = "GuardrailError";
  }
}

/** Checks every synthesized stack and throws one error listing every violation of all of them. */
export function assertGuardrails(stacks: readonly SynthesizedStack[]): StackGuardrails[] {
  const results = stacks.map((stack) => checkGuardrails(stack.json, stack.name));
  if (results.some((result) => !result.ok)) {
    throw new GuardrailError(results);
  }
  return results;
}

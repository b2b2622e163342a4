import type { TerraformResource } from "cdktf";
import type { TerraformJson } from "../terraform-json/read";
import { isRuleId, type RuleId } from "./rule-ids";

/**
 * Where a resource carries its exceptions in the synthesized JSON: Terraform ignores
 * `//` keys, so the exception and its reason travel with the resource into
 * `cdk.tf.json`, and a check of that file alone still sees them.
 */
const EXCEPTIONS_KEY = "guardrail_exceptions";

/** A reason has to say something: a word or two is not a reason. */
export const MINIMUM_REASON_LENGTH = 20;

/**
 * Declares that `resource` does not follow `rule` on purpose, and why. The reason is
 * printed in every guardrails report; there is no way to turn a rule off for a whole
 * stack or for all resources of a type.
 */
export function exceptGuardrail(resource: TerraformResource, rule: RuleId, reason: string): void {
  const trimmed = reason.trim();
  if (!isRuleId(rule)) {
    throw new Error(`exceptGuardrail: ${resource.node.path}: no guardrail rule is named "${rule}"`);
  }
  if (trimmed.length < MINIMUM_REASON_LENGTH) {
    throw new Error(
      `exceptGuardrail: ${resource.node.path}: the reason for excepting ${rule} must be a sentence of at least ${MINIMUM_REASON_LENGTH} characters, got ${JSON.stringify(reason)}`,
    );
  }
  resource.addOverride(`//.${EXCEPTIONS_KEY}.${rule}`, trimmed);
}

export interface DeclaredException {
  readonly address: string;
  /** As written; may name no known rule when the JSON was edited by hand. */
  readonly rule: string;
  readonly reason: string;
}

/** Every exception the stack's resources declare. */
export function declaredExceptions(json: TerraformJson): DeclaredException[] {
  const found: DeclaredException[] = [];
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, block] of Object.entries(byName)) {
      const comment = block["//"];
      const exceptions = typeof comment === "object" && comment !== null ? (comment as Record<string, unknown>)[EXCEPTIONS_KEY] : undefined;
      if (typeof exceptions !== "object" || exceptions === null) {
        continue;
      }
      for (const [rule, reason] of Object.entries(exceptions)) {
        found.push({ address: `${type}.${name}`, rule, reason: typeof reason === "string" ? reason.trim() : "" });
      }
    }
  }
  return found;
}

import { checkGuardrails } from "../../src/guardrails/check";
import type { RuleId } from "../../src/guardrails/rule-ids";
import type { TerraformJson } from "../../src/terraform-json/read";

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** A stack of just these resources (and data sources), as `cdk.tf.json` would hold them. */
export function stackWith(resource: Blocks, extra: Record<string, unknown> = {}): TerraformJson {
  return { resource, ...extra } as TerraformJson;
}

/** `address: problem` of every violation of one rule. */
export function violationsOf(rule: RuleId, json: TerraformJson): string[] {
  return checkGuardrails(json, "test")
    .violations.filter((finding) => finding.rule.id === rule)
    .map((finding) => `${finding.address}: ${finding.problem}`);
}

export const ref = (address: string, attribute = "id") => `\${${address}.${attribute}}`;

import { buildNetworkModel } from "../reachability/build-model";
import { ReadContext } from "../reachability/read-context";
import { resourceCount, stackNameOf, type TerraformJson } from "../terraform-json/read";
import { declaredExceptions, MINIMUM_REASON_LENGTH, type DeclaredException } from "./exception";
import type { GuardrailRule } from "./rule";
import { isRuleId } from "./rule-ids";
import { GUARDRAIL_RULES } from "./rules";

export interface RuleFinding {
  readonly rule: GuardrailRule;
  readonly address: string;
  /** The resource's Name tag when it has one, else its address. */
  readonly label: string;
  readonly problem: string;
}

export interface ExceptedFinding extends RuleFinding {
  readonly reason: string;
}

export interface StackGuardrails {
  readonly stackName: string;
  readonly resourceCount: number;
  /** Rule id -> how many things it judged here (0: the rule does not apply to this stack). */
  readonly judged: ReadonlyMap<string, number>;
  /** Findings no exception covers: each one stops synth. */
  readonly violations: RuleFinding[];
  /** Findings a resource declared on purpose, with its reason. */
  readonly excepted: ExceptedFinding[];
  /** Exceptions that cannot count: an unknown rule, or a reason that says nothing. They stop synth too. */
  readonly invalidExceptions: { readonly exception: DeclaredException; readonly problem: string }[];
  /** Valid exceptions that no finding needed: stale, worth removing. */
  readonly unusedExceptions: DeclaredException[];
  readonly ok: boolean;
}

/** Runs every rule on one synthesized stack; its network model is built once and shared by all rules. */
export function checkGuardrails(json: TerraformJson, stackName?: string): StackGuardrails {
  const context = new ReadContext(json);
  const name = stackName ?? stackNameOf(json) ?? "(unnamed stack)";
  const subject = { stackName: name, json, context, model: buildNetworkModel(json, name, context) };
  const labelOf = (address: string) => {
    const block = context.block(address);
    return block ? context.labelOf(block) : address;
  };

  const invalidExceptions: StackGuardrails["invalidExceptions"] = [];
  const valid = new Map<string, DeclaredException>();
  for (const exception of declaredExceptions(json)) {
    if (!isRuleId(exception.rule)) {
      invalidExceptions.push({ exception, problem: `no guardrail rule is named "${exception.rule}"` });
    } else if (exception.reason.length < MINIMUM_REASON_LENGTH) {
      invalidExceptions.push({ exception, problem: `the reason must be a sentence of at least ${MINIMUM_REASON_LENGTH} characters, got ${JSON.stringify(exception.reason)}` });
    } else {
      valid.set(`${exception.rule} ${exception.address}`, exception);
    }
  }

  const violations: RuleFinding[] = [];
  const excepted: ExceptedFinding[] = [];
  const used = new Set<string>();
  const judged = new Map<string, number>();
  for (const rule of GUARDRAIL_RULES) {
    judged.set(rule.id, rule.countJudged(subject));
    for (const finding of rule.check(subject)) {
      const key = `${rule.id} ${finding.address}`;
      const found = { rule, address: finding.address, label: labelOf(finding.address), problem: finding.problem };
      const exception = valid.get(key);
      if (exception) {
        used.add(key);
        excepted.push({ ...found, reason: exception.reason });
      } else {
        violations.push(found);
      }
    }
  }
  const unusedExceptions = [...valid.entries()].filter(([key]) => !used.has(key)).map(([, exception]) => exception);
  return {
    stackName: name,
    resourceCount: resourceCount(json),
    judged,
    violations,
    excepted,
    invalidExceptions,
    unusedExceptions,
    ok: violations.length === 0 && invalidExceptions.length === 0,
  };
}

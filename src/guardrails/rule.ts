import type { NetworkModel } from "../reachability/model";
import type { ReadContext } from "../reachability/read-context";
import type { TerraformJson } from "../terraform-json/read";
import type { RuleId } from "./rule-ids";

/** What every rule reads: the stack's resource blocks and the network model built from them, once. */
export interface GuardrailSubject {
  readonly stackName: string;
  readonly json: TerraformJson;
  readonly context: ReadContext;
  readonly model: NetworkModel;
}

/** One resource that breaks a rule, and what exactly is wrong with it. */
export interface Finding {
  /** `type.name` of the resource to change (or `terraform.backend.s3`). */
  readonly address: string;
  readonly problem: string;
}

export interface GuardrailRule {
  readonly id: RuleId;
  /** What must hold, as a sentence. */
  readonly title: string;
  /** The same control in well-known benchmarks, e.g. `checkov CKV_AWS_79`, `AWS FSBP EC2.8`; empty when none has one. */
  readonly controls: readonly string[];
  /** Why it matters, in one line. */
  readonly rationale: string;
  /** How to make a finding go away. */
  readonly fix: string;
  /** How many things the rule judged in this stack; none means it does not apply here. */
  countJudged(subject: GuardrailSubject): number;
  check(subject: GuardrailSubject): Finding[];
}

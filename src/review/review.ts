import { checkGuardrails, type RuleFinding } from "../guardrails/check";
import { diffReachability, type ReviewSide, type StackReachabilityDiff } from "../reachability/diff/reachability-diff";
import { vpcsPlacing } from "../reachability/diff/footprint";
import { resourceChanges } from "../reachability/diff/resource-changes";
import { STACK_NAMES } from "../topologies/registry";
import { costOf, type CostLine } from "./cost";
import { mermaidDiagram, vpcsNear, VPCS_DRAWN_WHOLE } from "./diagram";
import { EXCLUDED_CHARGES, PRICE_REGION, PRICES_RECORDED } from "./prices";
import type { SynthOutput } from "./synth-output";

export interface GuardrailChange {
  readonly rule: string;
  readonly address: string;
  readonly label: string;
  readonly problem: string;
  /** The reason of an exception that allows it; absent for a violation. */
  readonly excepted?: string;
}

export interface StackReview extends StackReachabilityDiff {
  /** Guardrail findings the head has and the base had not (`new`), and the reverse (`fixed`); exceptions count as findings. */
  readonly guardrails: { readonly new: GuardrailChange[]; readonly fixed: GuardrailChange[] };
  /** Monthly list price of the head minus the base's, in USD. */
  readonly costDelta: number;
  readonly cost: { readonly baseMonthlyUsd: number; readonly headMonthlyUsd: number; readonly base: CostLine[]; readonly head: CostLine[]; readonly unpriced: string[] };
  /** Which sides say which flows they mean; a side without says nothing, and its flows count as undeclared. */
  readonly declaredFlows: { readonly base: boolean; readonly head: boolean };
  /** The head's network (the base's for a removed stack) in Mermaid, with what the change touched marked. */
  readonly diagram: string;
}

export interface ReviewReport {
  readonly base: string;
  readonly head: string;
  readonly stacks: StackReview[];
  /** Stacks both sides have, synthesized alike. */
  readonly unchanged: string[];
  readonly prices: { readonly region: string; readonly recorded: string; readonly excluded: readonly string[] };
}

function findingsOf(side: ReviewSide | undefined, stack: string): Map<string, GuardrailChange> {
  const findings = new Map<string, GuardrailChange>();
  if (side === undefined) return findings;
  const result = checkGuardrails(side.json, stack);
  const add = (finding: RuleFinding, excepted?: string) =>
    findings.set(`${finding.rule.id} ${finding.address} ${excepted === undefined ? "violation" : "excepted"}`, {
      rule: finding.rule.id,
      address: finding.address,
      label: finding.label,
      problem: finding.problem,
      ...(excepted === undefined ? {} : { excepted }),
    });
  result.violations.forEach((finding) => add(finding));
  result.excepted.forEach((finding) => add(finding, finding.reason));
  return findings;
}

function guardrailChanges(base: ReviewSide | undefined, head: ReviewSide | undefined, stack: string, inHead: (address: string) => string): StackReview["guardrails"] {
  const before = new Map<string, GuardrailChange>(
    [...findingsOf(base, stack).values()].map((finding) => {
      const moved = { ...finding, address: inHead(finding.address) };
      return [`${moved.rule} ${moved.address} ${moved.excepted === undefined ? "violation" : "excepted"}`, moved];
    }),
  );
  const after = findingsOf(head, stack);
  return {
    new: [...after].filter(([key]) => !before.has(key)).map(([, finding]) => finding),
    fixed: [...before].filter(([key]) => !after.has(key)).map(([, finding]) => finding),
  };
}

function order(name: string): number {
  const index = (STACK_NAMES as readonly string[]).indexOf(name);
  return index < 0 ? STACK_NAMES.length : index;
}

/** One stack of the review: reachability, guardrails, cost and diagram. */
export function reviewStack(stack: string, base: (ReviewSide & { readonly flowsDeclared?: boolean }) | undefined, head: (ReviewSide & { readonly flowsDeclared?: boolean }) | undefined): StackReview {
  const reachability = diffReachability(stack, base, head);
  const changes = resourceChanges(base?.json, head?.json);
  const baseCost = base ? costOf(base.json) : { lines: [], monthlyUsd: 0, unpriced: [] };
  const headCost = head ? costOf(head.json) : { lines: [], monthlyUsd: 0, unpriced: [] };
  const causes = [...reachability.opened, ...reachability.closed, ...reachability.changedPath].flatMap((change) => change.cause.map((cause) => cause.address));
  // A route or a rule is not drawn: the VPC it sits in is marked instead.
  const touched = new Set<string>([...changes.changed, ...causes, ...vpcsPlacing([...changes.changed, ...causes], base?.json, head?.json, changes.inHead)]);
  const drawn = head ?? base!;
  return {
    ...reachability,
    guardrails: guardrailChanges(base, head, stack, changes.inHead),
    costDelta: headCost.monthlyUsd - baseCost.monthlyUsd,
    cost: { baseMonthlyUsd: baseCost.monthlyUsd, headMonthlyUsd: headCost.monthlyUsd, base: baseCost.lines, head: headCost.lines, unpriced: [...new Set([...baseCost.unpriced, ...headCost.unpriced])] },
    declaredFlows: { base: base?.flowsDeclared ?? false, head: head?.flowsDeclared ?? false },
    diagram: mermaidDiagram(drawn.model, {
      touched: head ? touched : new Set(),
      flows: drawn.declared,
      ...(drawn.model.vpcs.size > VPCS_DRAWN_WHOLE ? { onlyVpcs: vpcsNear(drawn.model, touched) } : {}),
    }),
  };
}

/**
 * The review of a change from two synth outputs: for each stack either side has and
 * the two do not synthesize alike, what it does to traffic, which guardrail findings it
 * brings or fixes, what it costs, and the network it leaves. `only` keeps some stacks.
 */
export function review(base: SynthOutput, head: SynthOutput, only?: readonly string[]): ReviewReport {
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])].filter((name) => only === undefined || only.includes(name)).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const stacks: StackReview[] = [];
  const unchanged: string[] = [];
  for (const name of names) {
    const before = base.stacks.get(name);
    const after = head.stacks.get(name);
    if (before && after && resourceChanges(before.json, after.json).changed.size === 0) {
      unchanged.push(name);
      continue;
    }
    stacks.push(reviewStack(name, before, after));
  }
  return { base: base.dir, head: head.dir, stacks, unchanged, prices: { region: PRICE_REGION, recorded: PRICES_RECORDED, excluded: EXCLUDED_CHARGES } };
}

/** Whether a review found any flow opened or closed. */
export function opensOrCloses(report: ReviewReport): boolean {
  return report.stacks.some((stack) => stack.opened.length > 0 || stack.closed.length > 0);
}

/**
 * The parts of `terraform show -json <planfile>` a review needs. Terraform documents
 * this format ("JSON Output Format", format_version 1.x); it is read here rather than
 * the human-readable text, whose wording changes between releases.
 */
export interface PlanJson {
  readonly format_version?: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
  /** Objects changed outside Terraform since the last apply. */
  readonly resource_drift?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, { readonly actions: readonly string[] }>>;
}

export interface ResourceChange {
  readonly address: string;
  readonly mode?: "managed" | "data";
  readonly previous_address?: string;
  readonly action_reason?: string;
  readonly change: {
    readonly actions: readonly string[];
    /** Attribute paths whose change forces the replacement. */
    readonly replace_paths?: readonly (readonly (string | number)[])[];
    readonly importing?: unknown;
  };
}

export type ChangeKind = "replace" | "destroy" | "create" | "update" | "forget";

/** One resource the plan touches, with what happens to it and why. */
export interface PlannedChange {
  readonly address: string;
  readonly kind: ChangeKind;
  /** Why Terraform destroys or replaces it, in words; empty when Terraform gives no reason. */
  readonly why: string;
}

export interface PlanSummary {
  /** Counted as Terraform's "Plan: N to add, N to change, N to destroy" line counts them. */
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly importing: number;
  readonly forget: number;
  readonly moved: number;
  /** Replacements first, then plain deletions: what a reviewer must read. */
  readonly destructive: readonly PlannedChange[];
  readonly outputChanges: number;
  readonly drift: number;
  readonly terraformVersion?: string;
}

const REASONS: Readonly<Record<string, string>> = {
  replace_because_tainted: "tainted by an earlier failed apply",
  replace_by_request: "replacement requested (-replace)",
  replace_by_triggers: "a replace_triggered_by reference changed",
  delete_because_no_resource_config: "no longer in the configuration",
  delete_because_no_module: "its module is no longer in the configuration",
  delete_because_wrong_repetition: "count/for_each changed shape",
  delete_because_count_index: "its count index is no longer in range",
  delete_because_each_key: "its for_each key is gone",
  delete_because_no_move_target: "moved to an address that does not exist",
};

function attributePath(path: readonly (string | number)[]): string {
  return path.map((step, index) => (typeof step === "number" ? `[${step}]` : index === 0 ? step : `.${step}`)).join("");
}

function reasonOf(change: ResourceChange): string {
  const paths = change.change.replace_paths ?? [];
  if (change.action_reason === "replace_because_cannot_update" || (change.action_reason === undefined && paths.length > 0)) {
    return paths.length > 0 ? `cannot change in place: ${paths.map(attributePath).join(", ")}` : "cannot change in place";
  }
  return change.action_reason ? (REASONS[change.action_reason] ?? change.action_reason) : "";
}

function kindOf(actions: readonly string[]): ChangeKind | undefined {
  if (actions.includes("delete") && actions.includes("create")) return "replace";
  if (actions.includes("delete")) return "destroy";
  if (actions.includes("create")) return "create";
  if (actions.includes("update")) return "update";
  if (actions.includes("forget")) return "forget";
  return undefined;
}

/** Counts and the destructive changes of a plan, from its JSON. */
export function summarizePlan(plan: PlanJson): PlanSummary {
  let add = 0;
  let change = 0;
  let destroy = 0;
  let importing = 0;
  let forget = 0;
  let moved = 0;
  const replaced: PlannedChange[] = [];
  const destroyed: PlannedChange[] = [];
  for (const resource of plan.resource_changes ?? []) {
    if (resource.mode === "data") continue;
    const { actions } = resource.change;
    if (actions.includes("create")) add += 1;
    if (actions.includes("delete")) destroy += 1;
    if (actions.includes("update")) change += 1;
    if (actions.includes("forget")) forget += 1;
    if (resource.change.importing !== undefined && resource.change.importing !== null) importing += 1;
    if (resource.previous_address !== undefined && resource.previous_address !== resource.address) moved += 1;
    const kind = kindOf(actions);
    if (kind === "replace") replaced.push({ address: resource.address, kind, why: reasonOf(resource) });
    if (kind === "destroy") destroyed.push({ address: resource.address, kind, why: reasonOf(resource) });
  }
  const outputChanges = Object.values(plan.output_changes ?? {}).filter((output) => !output.actions.every((action) => action === "no-op")).length;
  const drift = (plan.resource_drift ?? []).filter((resource) => resource.mode !== "data").length;
  return {
    add,
    change,
    destroy,
    importing,
    forget,
    moved,
    destructive: [...replaced, ...destroyed],
    outputChanges,
    drift,
    ...(plan.terraform_version ? { terraformVersion: plan.terraform_version } : {}),
  };
}

/** Whether the plan would change any resource (outputs alone, or drift alone, are not a change to review). */
export function hasResourceChanges(summary: PlanSummary): boolean {
  return summary.add + summary.change + summary.destroy + summary.importing + summary.forget + summary.moved > 0;
}

import { rmSync } from "node:fs";
import { join } from "node:path";
import { isPlainObject } from "../config/json-object";
import type { TerraformRunner } from "../plan/terraform-cli";
import { resourcesOfStateFile, resourcesOfStateValues, type StateResources } from "../terraform-json/state";

/** A Terraform step that failed: which, and what it printed. */
export interface FailedStep {
  readonly ok: false;
  readonly step: string;
  readonly output: string;
}

function combined(stdout: string, stderr: string): string {
  return [stdout.trim(), stderr.trim()].filter((part) => part !== "").join("\n\n");
}

function failed(step: string, result: ReturnType<TerraformRunner>): FailedStep {
  return { ok: false, step, output: combined(result.stdout, result.stderr) || (result.startError?.message ?? `exit status ${String(result.status)}`) };
}

/**
 * `terraform init` in a synthesized stack's folder: its backend and providers. With
 * `lockfileReadonly`, only the provider builds the committed lock names.
 */
export function initStackFolder(dir: string, run: TerraformRunner, lockfileReadonly: boolean): { readonly ok: true } | FailedStep {
  const result = run(["init", "-input=false", "-no-color", ...(lockfileReadonly ? ["-lockfile=readonly"] : [])], dir);
  return result.status === 0 ? { ok: true } : failed("terraform init", result);
}

/**
 * The state as the last apply recorded it (`terraform state pull`, which reads and
 * never writes); `undefined` when the backend holds none, or one without resources:
 * the stack was never deployed, or was destroyed.
 */
export function pullState(dir: string, run: TerraformRunner): { readonly ok: true; readonly state?: StateResources } | FailedStep {
  const result = run(["state", "pull"], dir);
  if (result.status !== 0) return failed("terraform state pull", result);
  if (result.stdout.trim() === "") return { ok: true };
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout);
  } catch (error) {
    return { ok: false, step: "terraform state pull", output: `not JSON: ${(error as Error).message}` };
  }
  let state: StateResources;
  try {
    state = resourcesOfStateFile(parsed, "the pulled state");
  } catch (error) {
    return { ok: false, step: "terraform state pull", output: (error as Error).message };
  }
  return state.resources.length === 0 ? { ok: true } : { ok: true, state };
}

/** The plan file of a drift run; it holds state values, so it is removed once read. */
export const DRIFT_PLAN_FILE = "privnet-drift.tfplan";

/**
 * The refresh-only plan of a drift run: no state lock (`-lock=false`) and nothing
 * written to the state, so a role that may only read the bucket can run it.
 */
export const REFRESH_ONLY_PLAN_ARGS: readonly string[] = ["plan", "-refresh-only", "-input=false", "-lock=false", "-no-color", `-out=${DRIFT_PLAN_FILE}`];
export const SHOW_DRIFT_PLAN_ARGS: readonly string[] = ["show", "-json", DRIFT_PLAN_FILE];

export interface ResourceDrift {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  /** `update` when the provider read other values; `delete` when the object is gone. */
  readonly action: "update" | "delete";
  readonly before: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
  /** Attributes the provider marks sensitive, on either side: never printed. */
  readonly sensitive: readonly string[];
}

export interface RefreshedState {
  readonly ok: true;
  /** The state as the provider reads it now. */
  readonly refreshed: StateResources;
  /** What Terraform found changed outside it, resource by resource. */
  readonly drift: readonly ResourceDrift[];
}

/** Top-level attributes marked sensitive anywhere inside them (a nested value is marked by an object or list of marks). */
function sensitiveKeys(...marks: unknown[]): string[] {
  const keys = new Set<string>();
  for (const mark of marks) {
    if (!isPlainObject(mark)) continue;
    for (const [key, value] of Object.entries(mark)) if (JSON.stringify(value).includes("true")) keys.add(key);
  }
  return [...keys];
}

/** The drift a refresh-only plan found, as `terraform show -json` prints the plan. */
export function driftOfPlan(plan: unknown, source: string): Omit<RefreshedState, "ok"> {
  if (!isPlainObject(plan)) throw new Error(`${source} is not a Terraform plan in JSON (expected an object)`);
  const prior = plan["prior_state"];
  const refreshed = resourcesOfStateValues(isPlainObject(prior) ? prior["values"] : undefined, source);
  const drift: ResourceDrift[] = [];
  for (const entry of (plan["resource_drift"] ?? []) as unknown[]) {
    if (!isPlainObject(entry) || entry["mode"] !== "managed" || !isPlainObject(entry["change"])) continue;
    const change = entry["change"];
    const actions = change["actions"];
    const action = Array.isArray(actions) && actions.includes("delete") ? "delete" : "update";
    const { address, type, name } = entry;
    if (typeof address !== "string" || typeof type !== "string" || typeof name !== "string") continue;
    if (typeof entry["module_address"] === "string") continue;
    drift.push({
      address,
      type,
      name,
      action,
      before: isPlainObject(change["before"]) ? change["before"] : {},
      ...(isPlainObject(change["after"]) ? { after: change["after"] } : {}),
      sensitive: sensitiveKeys(change["before_sensitive"], change["after_sensitive"]),
    });
  }
  return { refreshed, drift };
}

/**
 * A refresh-only plan of the stack: what each resource is now, against what the state
 * recorded. It takes no state lock (`-lock=false`) and writes nothing to the state, so
 * a role that may only read the bucket can run it; the plan file is removed once read.
 */
export function refreshState(dir: string, run: TerraformRunner): RefreshedState | FailedStep {
  const planPath = join(dir, DRIFT_PLAN_FILE);
  try {
    const plan = run(REFRESH_ONLY_PLAN_ARGS, dir);
    if (plan.status !== 0) return failed("terraform plan -refresh-only", plan);
    const shown = run(SHOW_DRIFT_PLAN_ARGS, dir);
    if (shown.status !== 0) return failed("terraform show -json", shown);
    try {
      return { ok: true, ...driftOfPlan(JSON.parse(shown.stdout), "the refresh-only plan") };
    } catch (error) {
      return { ok: false, step: "terraform show -json", output: (error as Error).message };
    }
  } finally {
    rmSync(planPath, { force: true });
  }
}

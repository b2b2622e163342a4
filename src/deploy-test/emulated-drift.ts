import { rmSync } from "node:fs";
import { join } from "node:path";
import { driftReport, type DriftReport } from "../operations/drift/drift-report";
import { DRIFT_PLAN_FILE, driftOfPlan, REFRESH_ONLY_PLAN_ARGS, SHOW_DRIFT_PLAN_ARGS, type ResourceDrift } from "../operations/deployed-state";
import { readDeclaredFlows } from "../review/synth-output";
import type { TerraformJson } from "../terraform-json/read";
import { resourcesOfStateFile, type StateResource } from "../terraform-json/state";
import { WRONG_READ_BACKS } from "./deviations";
import type { TerraformSteps } from "./terraform-steps";
import type { Workspace } from "./workspace";

/** Values of `attributes` taken from `from` where it has them. */
function keeping(values: Readonly<Record<string, unknown>>, from: Readonly<Record<string, unknown>> | undefined, attributes: readonly string[]): Readonly<Record<string, unknown>> {
  if (from === undefined) return values;
  return { ...values, ...Object.fromEntries(attributes.filter((attribute) => attribute in from).map((attribute) => [attribute, from[attribute]])) };
}

/**
 * What moto reads back wrong (the read-back deviations) is no drift: those attributes
 * are taken as the apply recorded them, in the refreshed state and in each drift entry.
 */
function withoutWrongReadBacks(recorded: readonly StateResource[], refreshed: readonly StateResource[], drift: readonly ResourceDrift[]) {
  const before = new Map(recorded.map((resource) => [resource.address, resource.values]));
  const attributesOf = (type: string) => WRONG_READ_BACKS.get(type)?.attributes ?? [];
  return {
    refreshed: refreshed.map((resource) => ({ ...resource, values: keeping(resource.values, before.get(resource.address), attributesOf(resource.type)) })),
    drift: drift.map((entry) => (entry.after === undefined ? entry : { ...entry, after: keeping(entry.after, entry.before, attributesOf(entry.type)) })),
  };
}

/**
 * `npm run drift` on a stack deployed into the emulator: the same refresh-only plan and
 * the same report, against the state the last apply left (`recordedState`). The plan
 * runs in the workspace, whose override points the provider at the emulator. Returns
 * the report, or why it could not be made.
 */
export async function emulatedDrift(terraform: TerraformSteps, workspace: Workspace, recordedState: string | undefined): Promise<{ readonly report?: DriftReport; readonly failure?: string; readonly seconds: number }> {
  let seconds = 0;
  try {
    if (recordedState === undefined) return { failure: "the state the apply left could not be read", seconds };
    const plan = await terraform.run(REFRESH_ONLY_PLAN_ARGS);
    seconds += plan.seconds;
    if (plan.code !== 0) return { failure: `the refresh-only plan failed (exit ${plan.code})`, seconds };
    const shown = await terraform.run(SHOW_DRIFT_PLAN_ARGS);
    seconds += shown.seconds;
    if (shown.code !== 0) return { failure: `terraform show -json failed (exit ${shown.code})`, seconds };
    const recorded = resourcesOfStateFile(JSON.parse(recordedState), "the applied state").resources;
    const read = driftOfPlan(JSON.parse(shown.stdout), "the refresh-only plan");
    const { refreshed, drift } = withoutWrongReadBacks(recorded, read.refreshed.resources, read.drift);
    const flows = readDeclaredFlows(workspace.folder);
    const report = driftReport({ stack: workspace.name, recorded, refreshed, drift, synthesized: workspace.stack as TerraformJson, ...(flows ? { flows } : {}) });
    return { report, seconds };
  } catch (error) {
    return { failure: (error as Error).message, seconds };
  } finally {
    rmSync(join(workspace.folder, DRIFT_PLAN_FILE), { force: true });
  }
}

/** A flow as the report names it, for a check's message. */
export function flowNames(flows: DriftReport["opened"]): string {
  return flows.map((flow) => `${flow.from} -> ${flow.to} ${flow.traffic} (${flow.expectation})`).join("; ") || "none";
}

import minimatch from "minimatch";
import type { SynthesizedStack } from "../terraform-json/synthesized-stacks";
import { s3BackendOf } from "../terraform-json/backend";

export type DeploySelection =
  | { readonly ok: true; readonly stacks: readonly { readonly stack: string; readonly region: string }[] }
  | { readonly ok: false; readonly problem: string };

/**
 * The stacks a deploy covers: each pattern matched as `cdktf deploy` matches it
 * (minimatch against the stack names of the app's manifest), so the workflow fans out
 * over exactly what the CLI would deploy, one job per stack. Stacks whose state is
 * local are refused: a runner has no copy of it and would create them again.
 */
export function selectDeployStacks(stacks: readonly SynthesizedStack[], patternText: string): DeploySelection {
  // Whitespace only: commas belong to brace globs such as {peering,privatelink}.
  const patterns = patternText.split(/\s+/).filter((pattern) => pattern !== "");
  const names = stacks.map((stack) => stack.name).join(", ");
  if (patterns.length === 0) {
    return { ok: false, problem: `stacks: give a stack name or glob (cdktf deploy patterns, e.g. "peering" or "*-peering"); this app defines ${names}` };
  }
  const chosen = new Map<string, SynthesizedStack>();
  for (const pattern of patterns) {
    const matching = stacks.filter((stack) => minimatch(stack.name, pattern));
    if (matching.length === 0) {
      return { ok: false, problem: `stacks: "${pattern}" matches no stack; this app defines ${names}` };
    }
    for (const stack of matching) chosen.set(stack.name, stack);
  }
  const local = [...chosen.values()].filter((stack) => !s3BackendOf(stack.json));
  if (local.length > 0) {
    return {
      ok: false,
      problem:
        `stacks: ${local.map((stack) => stack.name).join(", ")} keep${local.length === 1 ? "s" : ""} its state locally (it creates the state bucket), so a runner would create it again; ` +
        "deploy it from the workstation that holds its state (src/topologies/state/README.md), and leave it out of the pattern",
    };
  }
  const withoutBucket = [...chosen.values()].filter((stack) => !s3BackendOf(stack.json)?.bucket);
  if (withoutBucket.length > 0) {
    return {
      ok: false,
      problem: `stacks: ${withoutBucket.map((stack) => stack.name).join(", ")} cannot be deployed: state.bucket is not set in the configuration (repository variable PRIVNET_CONFIG_FILE)`,
    };
  }
  return { ok: true, stacks: [...chosen.values()].map((stack) => ({ stack: stack.name, region: s3BackendOf(stack.json)?.region ?? "" })) };
}

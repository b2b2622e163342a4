import { assumedRolesOf, s3BackendOf } from "../terraform-json/backend";
import { readSynthesizedStacks, type SynthesizedStack } from "../terraform-json/synthesized-stacks";
import type { Writer } from "../writer";
import { stackMatrix } from "./stack-changes";
import { addToSummary, setOutputs } from "./workflow-io";

export interface DriftSelection {
  readonly check: readonly { readonly stack: string; readonly region: string }[];
  /** Kept in a local state file (the `state` stack): nothing in the bucket to read. */
  readonly localState: readonly string[];
  /** Reach other accounts through roles that can write, which the drift role never assumes. */
  readonly otherAccounts: readonly string[];
}

/** The stacks the scheduled drift job checks: every one with its state in the bucket, in one account. */
export function selectDriftStacks(stacks: readonly SynthesizedStack[]): DriftSelection {
  const check: { stack: string; region: string }[] = [];
  const localState: string[] = [];
  const otherAccounts: string[] = [];
  for (const stack of stacks) {
    const backend = s3BackendOf(stack.json);
    if (!backend) localState.push(stack.name);
    else if (assumedRolesOf(stack.json).length > 0) otherAccounts.push(stack.name);
    else check.push({ stack: stack.name, region: backend.region ?? "" });
  }
  return { check, localState, otherAccounts };
}

/**
 * The drift workflow's first job: which stacks to check, as the `matrix` and `count`
 * outputs, and a summary line for each one left out and why.
 */
export function runDriftSelection(options: { readonly outdir: string; readonly env: NodeJS.ProcessEnv; readonly stdout: Writer }): number {
  const selection = selectDriftStacks(readSynthesizedStacks(options.outdir));
  const lines = [
    selection.check.length > 0 ? `Checking for drift: ${selection.check.map((entry) => `\`${entry.stack}\``).join(", ")}.` : "No stack keeps its state in the bucket: nothing to check.",
    ...(selection.localState.length > 0 ? [`Not checked, their state is a local file: ${selection.localState.map((name) => `\`${name}\``).join(", ")}.`] : []),
    ...(selection.otherAccounts.length > 0
      ? [`Not checked, they reach other accounts through roles that can write, which the drift role never assumes (run \`npm run drift\` on a workstation): ${selection.otherAccounts.map((name) => `\`${name}\``).join(", ")}.`]
      : []),
  ];
  options.stdout.write(`${lines.join("\n")}\n`);
  addToSummary(options.env, lines.join("\n\n"));
  setOutputs(options.env, { matrix: JSON.stringify(stackMatrix(selection.check)), count: String(selection.check.length) });
  return 0;
}

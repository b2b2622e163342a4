import type { Writer } from "../writer";
import { readSynthesizedStacks } from "../terraform-json/synthesized-stacks";
import { selectDeployStacks } from "./deploy-selection";
import { compareStacks, readBaseStacks, stackMatrix } from "./stack-changes";
import { addToSummary, setOutputs } from "./workflow-io";

export interface DeploySelectionOptions {
  readonly outdir: string;
  /** The patterns typed into the manual run, or undefined on a push to main. */
  readonly patterns?: string;
  /** On a push: the synthesized commit before it; stacks whose configuration changed are deployed. */
  readonly baseOutdir?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly stdout?: Writer;
  readonly stderr?: Writer;
}

/**
 * The deploy workflow's first job: which stacks to deploy, as the `matrix` output
 * (`{"include":[{"stack","region"}]}`) and `count`. A manual run deploys the stacks its
 * patterns match; a push deploys the stacks whose configuration the push changed (all
 * of them when the previous commit cannot be synthesized). Exit code 2 on a pattern
 * that cannot be deployed.
 */
export function runDeploySelection(options: DeploySelectionOptions): number {
  const env = options.env ?? process.env;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const stacks = readSynthesizedStacks(options.outdir);
  let include: { stack: string; region: string }[];
  if (options.patterns !== undefined) {
    const selection = selectDeployStacks(stacks, options.patterns);
    if (!selection.ok) {
      stderr.write(`${selection.problem}\n`);
      return 2;
    }
    include = [...selection.stacks];
  } else {
    const base = readBaseStacks(options.baseOutdir ?? "", "the previous commit could not be synthesized");
    // Deploys run with the deploy role, which does assume other accounts' roles.
    const changes = compareStacks(stacks, base);
    include = [...changes.toPlan, ...changes.otherAccounts].map((entry) => ({ stack: entry.stack, region: entry.region }));
    const chosen = include.map((entry) => entry.stack);
    const selection = selectDeployStacks(stacks, chosen.join(" "));
    if (chosen.length > 0 && !selection.ok) {
      stderr.write(`${selection.problem}\n`);
      return 2;
    }
  }
  const report = include.length > 0 ? `Deploying: ${include.map((entry) => `\`${entry.stack}\``).join(", ")}` : "Nothing to deploy: no stack's configuration changed.";
  stdout.write(`${report}\n`);
  addToSummary(env, report);
  setOutputs(env, { matrix: JSON.stringify(stackMatrix(include)), count: String(include.length) });
  return 0;
}

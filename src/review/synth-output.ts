import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { buildNetworkModel } from "../reachability/build-model";
import type { ReviewSide } from "../reachability/diff/reachability-diff";
import { DECLARED_FLOWS_FILE, expandFlows, type StackFlows } from "../reachability/flows";
import { readSynthesizedStacks } from "../terraform-json/synthesized-stacks";

/** One side of a review: every stack a synth wrote into a folder. */
export interface SynthOutput {
  readonly dir: string;
  readonly stacks: ReadonlyMap<string, ReviewSide & { readonly flowsDeclared: boolean }>;
}

/** Why a folder cannot be reviewed, in one line naming it. */
export class SynthOutputError extends Error {}

/** The flows synth wrote beside a stack's `cdk.tf.json`; undefined where it wrote none (an older synth). */
export function readDeclaredFlows(stackDir: string): StackFlows | undefined {
  const flowsFile = join(stackDir, DECLARED_FLOWS_FILE);
  if (!existsSync(flowsFile)) return undefined;
  try {
    return JSON.parse(readFileSync(flowsFile, "utf8")) as StackFlows;
  } catch (error) {
    throw new Error(`${flowsFile}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * The stacks of a synth output folder (`cdktf.out`), each with its network model and the
 * flows synth wrote beside it. A folder that is not one, or a stack file that is not
 * Terraform JSON, is refused naming the path.
 */
export function readSynthOutput(dir: string, side: string): SynthOutput {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SynthOutputError(`${side} ${dir} is not a folder: name a synth output folder such as cdktf.out`);
  if (!existsSync(join(dir, "manifest.json"))) throw new SynthOutputError(`${side} ${dir} is not a synth output: it has no manifest.json (run npm run synth, or name the cdktf.out folder it writes)`);
  let written;
  try {
    written = readSynthesizedStacks(dir);
  } catch (error) {
    throw new SynthOutputError(`${side} ${dir}: ${(error as Error).message.split("\n")[0]}`);
  }
  const stacks = new Map<string, ReviewSide & { readonly flowsDeclared: boolean }>();
  for (const stack of written) {
    const model = buildNetworkModel(stack.json, stack.name);
    const flowsFile = join(dirname(stack.path), DECLARED_FLOWS_FILE);
    let declared: StackFlows | undefined;
    try {
      declared = readDeclaredFlows(dirname(stack.path));
    } catch (error) {
      throw new SynthOutputError(`${side} ${(error as Error).message}`);
    }
    let expanded: ReviewSide["declared"] = [];
    try {
      expanded = declared ? expandFlows(model, declared) : [];
    } catch (error) {
      throw new SynthOutputError(`${side} ${flowsFile}: ${(error as Error).message}`);
    }
    stacks.set(stack.name, { json: stack.json, model, declared: expanded, flowsDeclared: declared !== undefined });
  }
  return { dir, stacks };
}

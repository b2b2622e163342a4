import { buildNetworkModel } from "../reachability/build-model";
import { formatStackReport, formatSummary } from "../reachability/report";
import { verifyStack } from "../reachability/verify";
import { STACK_NAMES, topologyOf } from "../topologies/registry";
import { judgeStacks, type StackCommandOptions } from "./stack-inputs";

/**
 * `npm run verify`: evaluates each stack's declared flows on its synthesized JSON and
 * prints a summary per stack with every flow not as declared (with `everyFlow`, a
 * table of every flow). Exit code 0 when every flow is as declared, 1 when one is
 * not, 2 when the input cannot be checked (bad configuration, unreadable file, a stack
 * the registry does not know, so with no flows declared).
 */
export function runVerify(options: StackCommandOptions & { readonly everyFlow?: boolean } = {}): number {
  return judgeStacks(options, {
    refuse: (input) => (topologyOf(input.name) === undefined ? `stack "${input.name}" declares no flows; known stacks: ${STACK_NAMES.join(", ")}` : undefined),
    judge(input, config) {
      const topology = topologyOf(input.name);
      return topology && verifyStack(input.name, buildNetworkModel(input.json, input.name), topology.flows(config));
    },
    formatStack: (verdict) => formatStackReport(verdict, { everyFlow: options.everyFlow ?? false }),
    formatSummary,
  });
}

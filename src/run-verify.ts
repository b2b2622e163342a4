import { buildNetworkModel } from "./reachability/build-model";
import { formatStackReport, formatSummary } from "./reachability/report";
import { verifyStack, type StackVerdict } from "./reachability/verify";
import { loadConfigOrSay, readStackInputs, type StackCommandOptions } from "./stack-inputs";
import { STACK_NAMES, topologyOf } from "./topologies/registry";

export type RunVerifyOptions = StackCommandOptions;

/**
 * `npm run verify`: evaluates each stack's declared flows on its synthesized JSON and
 * prints a table per stack. Exit code 0 when every flow is as declared, 1 when one is
 * not, 2 when the input cannot be checked (bad configuration, unreadable file, a stack
 * that declares no flows).
 */
export function runVerify(options: RunVerifyOptions = {}): number {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const config = loadConfigOrSay(options, stderr);
  if (!config) {
    return 2;
  }
  const files = options.files ?? [];
  const inputs = readStackInputs(files, options.baseDir ?? process.cwd(), config, stderr);
  if (!inputs) {
    return 2;
  }
  if (files.length > 0) {
    const unknown = inputs.find((input) => topologyOf(input.name) === undefined);
    if (unknown) {
      stderr.write(`${unknown.source}: stack "${unknown.name}" declares no flows; known stacks: ${STACK_NAMES.join(", ")}\n`);
      return 2;
    }
  }
  const verdicts: StackVerdict[] = [];
  for (const input of inputs) {
    const topology = topologyOf(input.name);
    if (topology === undefined) {
      continue;
    }
    const verdict = verifyStack(input.name, buildNetworkModel(input.json, input.name), topology.flows(config));
    verdicts.push(verdict);
    stdout.write(`${formatStackReport(verdict)}\n\n`);
  }
  stdout.write(`${formatSummary(verdicts)}\n`);
  return verdicts.every((verdict) => verdict.ok) ? 0 : 1;
}

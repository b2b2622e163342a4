import { resolve } from "node:path";
import { synthesizeStacks } from "../app";
import { type LoadOptions } from "../config/load";
import { readTerraformJson, stackNameOf, type TerraformJson } from "../terraform-json/read";
import { loadConfigOrSay, type ProjectConfig } from "../topologies/project-config";
import type { Writer } from "../writer";

export interface StackInput {
  readonly name: string;
  readonly json: TerraformJson;
  /** What to call it in messages: the file as given, or `synthesized <stack>`. */
  readonly source: string;
}

/** Options of the commands that read synthesized stacks. */
export interface StackCommandOptions extends LoadOptions {
  /** Synthesized stack files to check; none means synthesize every stack of the app now. */
  readonly files?: readonly string[];
  /** Where relative file paths start (npm sets INIT_CWD to where it was run). */
  readonly baseDir?: string;
  readonly stdout?: Writer;
  readonly stderr?: Writer;
}

/**
 * What `npm run verify` and `npm run guardrails` check: the synthesized stack files
 * given on the command line (relative to `baseDir`), or, with none, every stack of
 * the app synthesized now. Undefined, after saying why on `stderr`, when a file
 * cannot be read as Terraform JSON.
 */
export function readStackInputs(files: readonly string[], baseDir: string, config: ProjectConfig, stderr: Writer): StackInput[] | undefined {
  if (files.length === 0) {
    return synthesizeStacks(config).map((stack) => ({ name: stack.name, json: stack.json, source: `synthesized ${stack.name}` }));
  }
  const inputs: StackInput[] = [];
  for (const file of files) {
    const path = resolve(baseDir, file);
    try {
      const json = readTerraformJson(path);
      inputs.push({ name: stackNameOf(json, path) ?? "", json, source: file });
    } catch (error) {
      stderr.write(`${file}: cannot read it as Terraform JSON: ${(error as Error).message}\n`);
      return undefined;
    }
  }
  return inputs;
}

/** How one command judges a stack: a report to print and whether it passed, or a reason it cannot judge it. */
export interface StackJudge<Result extends { readonly ok: boolean }> {
  /** Says why a stack given as a file cannot be judged, before any is. */
  refuse?(input: StackInput): string | undefined;
  /** Undefined to pass over a stack silently. */
  judge(input: StackInput, config: ProjectConfig): Result | undefined;
  formatStack(result: Result): string;
  formatSummary(results: readonly Result[]): string;
}

/**
 * The shape `npm run verify` and `npm run guardrails` share: the configuration, the
 * stacks to judge, a report per stack and a summary. Exit code 0 when every stack
 * passes, 1 when one does not, 2 when the input cannot be judged.
 */
export function judgeStacks<Result extends { readonly ok: boolean }>(options: StackCommandOptions, judge: StackJudge<Result>): number {
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
  for (const input of files.length > 0 ? inputs : []) {
    const refusal = judge.refuse?.(input);
    if (refusal !== undefined) {
      stderr.write(`${input.source}: ${refusal}\n`);
      return 2;
    }
  }
  const results: Result[] = [];
  for (const input of inputs) {
    const result = judge.judge(input, config);
    if (result !== undefined) {
      results.push(result);
      stdout.write(`${judge.formatStack(result)}\n\n`);
    }
  }
  stdout.write(`${judge.formatSummary(results)}\n`);
  return results.every((result) => result.ok) ? 0 : 1;
}

import { resolve } from "node:path";
import { synthesizeStacks } from "./app";
import { ConfigError } from "./config/errors";
import { type LoadOptions } from "./config/load";
import { readTerraformJson, stackNameOf, type TerraformJson } from "./terraform-json/read";
import { loadConfig, type ProjectConfig } from "./topologies/project-config";

export interface StackInput {
  readonly name: string;
  readonly json: TerraformJson;
  /** What to call it in messages: the file as given, or `synthesized <stack>`. */
  readonly source: string;
}

export interface Writer {
  write(text: string): unknown;
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

/** The configuration, or undefined after printing what is wrong with it. */
export function loadConfigOrSay(options: LoadOptions, stderr: Writer): ProjectConfig | undefined {
  try {
    return loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr.write(`${error.message}\n`);
      return undefined;
    }
    throw error;
  }
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

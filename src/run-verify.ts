import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildApp, STACK_NAMES } from "./app";
import { ConfigError } from "./config/errors";
import { loadConfig, type LoadOptions } from "./config/load";
import type { ProjectConfig } from "./config/types";
import { buildNetworkModel } from "./reachability/build-model";
import { formatStackReport, formatSummary } from "./reachability/report";
import { readTerraformJson, stackNameOf, type TerraformJson } from "./reachability/terraform-json";
import { verifyStack, type StackVerdict } from "./reachability/verify";
import { flowsFor, hasDeclaredFlows } from "./stacks/stack-flows";

interface Writer {
  write(text: string): unknown;
}

export interface RunVerifyOptions extends LoadOptions {
  /** Synthesized stack files to check; none means synthesize every stack of the app now. */
  readonly files?: readonly string[];
  /** Where relative file paths start (npm sets INIT_CWD to where it was run). */
  readonly baseDir?: string;
  readonly stdout?: Writer;
  readonly stderr?: Writer;
}

/** Synthesizes every stack into a scratch folder and reads the JSON back, as `cdktf synth` writes it. */
function synthesizeAll(config: ProjectConfig): { name: string; json: TerraformJson }[] {
  const outdir = mkdtempSync(join(tmpdir(), "privnet-verify-"));
  try {
    buildApp({ config, outdir }).synth();
    return STACK_NAMES.map((name) => ({ name, json: readTerraformJson(join(outdir, "stacks", name, "cdk.tf.json")) }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * `npm run verify`: evaluates each stack's declared flows on its synthesized JSON and
 * prints a table per stack. Exit code 0 when every flow is as declared, 1 when one is
 * not, 2 when the input cannot be checked (bad configuration, unreadable file, a stack
 * that declares no flows).
 */
export function runVerify(options: RunVerifyOptions = {}): number {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  let config: ProjectConfig;
  try {
    config = loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const inputs: { name: string; json: TerraformJson; source: string }[] = [];
  if (options.files && options.files.length > 0) {
    for (const file of options.files) {
      const path = resolve(options.baseDir ?? process.cwd(), file);
      let json: TerraformJson;
      try {
        json = readTerraformJson(path);
      } catch (error) {
        stderr.write(`${file}: cannot read it as Terraform JSON: ${(error as Error).message}\n`);
        return 2;
      }
      const name = stackNameOf(json, path) ?? "";
      if (!hasDeclaredFlows(name)) {
        stderr.write(`${file}: stack "${name}" declares no flows; known stacks: ${STACK_NAMES.join(", ")}\n`);
        return 2;
      }
      inputs.push({ name, json, source: file });
    }
  } else {
    inputs.push(...synthesizeAll(config).map((input) => ({ ...input, source: `synthesized ${input.name}` })));
  }
  const verdicts: StackVerdict[] = [];
  for (const input of inputs) {
    if (!hasDeclaredFlows(input.name)) {
      continue;
    }
    const verdict = verifyStack(input.name, buildNetworkModel(input.json, input.name), flowsFor(input.name, config));
    verdicts.push(verdict);
    stdout.write(`${formatStackReport(verdict)}\n\n`);
  }
  stdout.write(`${formatSummary(verdicts)}\n`);
  return verdicts.every((verdict) => verdict.ok) ? 0 : 1;
}

import { synthesize } from "../app";
import { ConfigError } from "../config/errors";
import { GuardrailError } from "../guardrails/gate";
import type { LoadOptions } from "../config/load";
import type { Writer } from "../writer";

export interface RunSynthOptions extends LoadOptions {
  readonly outdir?: string;
  /** Where a configuration error is printed. Default `process.stderr`. */
  readonly stderr?: Writer;
}

/**
 * The app's entry point as `cdktf synth` runs it: exit code 0 when every stack was
 * written; 1, with nothing written, when the configuration is invalid (the broken
 * keys) or a stack breaks a guardrail (rule, resource address, fix). Other errors are
 * bugs and keep their stack trace.
 */
export function runSynth(options: RunSynthOptions = {}): number {
  try {
    synthesize(options);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof GuardrailError) {
      (options.stderr ?? process.stderr).write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

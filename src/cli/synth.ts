import { synthesize } from "../app";
import { ConfigError } from "../config/errors";
import { GuardrailError } from "../guardrails/gate";
import { LimitError } from "../limits/report";
import type { LoadOptions } from "../config/load";
import type { Writer } from "../writer";

export interface RunSynthOptions extends LoadOptions {
  readonly outdir?: string;
  /** Where a configuration error is printed. Default `process.stderr`. */
  readonly stderr?: Writer;
}

/**
 * The app's entry point as `cdktf synth` runs it: exit code 0 when every stack was
 * written (a quota the stacks pass by default is a warning in the manifest); 1, with nothing
 * written, when the configuration is invalid (the broken keys), a stack breaks a
 * guardrail (rule, resource address, fix) or needs more than AWS allows. Other errors
 * are bugs and keep their stack trace.
 */
export function runSynth(options: RunSynthOptions = {}): number {
  const stderr = options.stderr ?? process.stderr;
  try {
    // The warnings are in the manifest, where cdktf prints them as warnings; it would show them on stderr as errors.
    synthesize(options);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof GuardrailError || error instanceof LimitError) {
      stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

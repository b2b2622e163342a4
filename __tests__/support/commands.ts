import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { synthesize } from "../../src/app";
import { runConfig } from "../../src/cli/config";
import { argumentsOrSay } from "../../src/cli/run-cli";
import type { CommandContext } from "../../src/cli/subcommand";
import { SUBCOMMANDS } from "../../src/cli/subcommands";
import { tempDir } from "./synth";

/** A writer that keeps what a command prints. */
export function capture() {
  let text = "";
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

/** Synthesizes the app as `npm run synth` would and returns where the peering stack file is. */
export function synthesizedPeeringFile(): { dir: string; file: string } {
  const dir = tempDir();
  synthesize({ env: {}, outdir: join(dir, "cdktf.out") });
  return { dir, file: join("cdktf.out", "stacks", "peering", "cdk.tf.json") };
}

/**
 * Synthesizes the app as the workflows' `npm run synth` does, with `config` in the file
 * PRIVNET_CONFIG names, and returns the output folder.
 */
export function synthesizedWith(config: unknown): string {
  const dir = tempDir();
  writeFileSync(join(dir, "privnet.json"), JSON.stringify(config));
  synthesize({ env: { PRIVNET_CONFIG: join(dir, "privnet.json") }, outdir: join(dir, "cdktf.out") });
  return join(dir, "cdktf.out");
}

/** `npm run config -- <args>` as the command line runs it: arguments read by its spec, then the command. */
export function runConfigCommand(args: readonly string[], context: CommandContext): number {
  const command = SUBCOMMANDS.find((candidate) => candidate.name === "config")!;
  const parsed = argumentsOrSay(command, args, context);
  if (typeof parsed === "number") return parsed;
  const file = parsed.values["file"];
  return runConfig({ positionals: parsed.positionals, ...(typeof file === "string" ? { file } : {}) }, context);
}

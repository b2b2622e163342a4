import type { Writer } from "../writer";

/** Where a subcommand runs, what it reads and where it prints. */
export interface CommandContext {
  /** Where npm was started: file arguments are relative to it. */
  readonly cwd: string;
  /**
   * The project folder, where cdktf runs the app: a relative `PRIVNET_CONFIG` is read
   * from here by every command, as synth, diff and deploy read it.
   */
  readonly projectDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: Writer;
  readonly stderr: Writer;
}

/** A subcommand's options, as Node's `util.parseArgs` takes them, and how many positional arguments it takes. */
export interface ArgumentSpec {
  readonly options?: Readonly<Record<string, { readonly type: "boolean" | "string"; readonly multiple?: boolean }>>;
  readonly positionals?: { readonly min?: number; readonly max?: number };
}

/** The arguments after the subcommand's name, parsed by its spec before anything runs. */
export interface ParsedArguments {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * One subcommand of `privnet`. Every one answers `--help`, and all share the exit codes
 * in `EXIT`. Its module is loaded only when it runs, so that `privnet plan` does not
 * pay for the deploy test's imports, and `bench` can time the app's.
 */
export interface Subcommand {
  readonly name: string;
  /** The npm script that runs it. */
  readonly npmScript: string;
  /** One line, for the list of subcommands. */
  readonly summary: string;
  /** The arguments, after the name. */
  readonly usage: string;
  /** What it does and reads, in a few lines. */
  readonly description: string;
  /** What its exit codes 1 and 2 mean for it. */
  readonly exits: { readonly finding?: string; readonly cannotRun: string };
  /** It prints its own `--help` (the deploy test's lists its options and environment). */
  readonly ownHelp?: boolean;
  /**
   * What it takes. The command line parses and checks the arguments against it, so that
   * an unknown option or a stray argument is refused before anything runs or is written.
   */
  readonly arguments: ArgumentSpec;
  run(parsed: ParsedArguments, context: CommandContext): Promise<number>;
}

/** The exit codes of every subcommand. */
export const EXIT = { ok: 0, finding: 1, cannotRun: 2 } as const;

/** The `--help` text of a subcommand. */
export function helpOf(command: Subcommand): string {
  return [
    `usage: npm run ${command.npmScript}${command.usage === "" ? "" : ` -- ${command.usage}`}`,
    `       (or: npm run privnet -- ${command.name}${command.usage === "" ? "" : ` ${command.usage}`})`,
    "",
    command.description,
    "",
    "exit codes:",
    "  0  ok",
    ...(command.exits.finding === undefined ? [] : [`  1  ${command.exits.finding}`]),
    `  2  ${command.exits.cannotRun}`,
    "",
  ].join("\n");
}

import { EXIT, helpOf, type CommandContext } from "./subcommand";
import { SUBCOMMANDS } from "./subcommands";

function overview(): string {
  const width = Math.max(...SUBCOMMANDS.map((command) => command.name.length));
  return [
    "usage: npm run privnet -- <subcommand> [arguments]   (each subcommand also has its own npm script)",
    "",
    "subcommands:",
    ...SUBCOMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}  (npm run ${command.npmScript})`),
    "",
    "Run a subcommand with --help for its arguments. Exit codes, for all of them:",
    "  0 ok, 1 a finding (a flow, a rule, a failed plan or case), 2 cannot run (arguments, configuration, a missing tool).",
    "",
    "Synth, diff and deploy are cdktf's own: npx cdktf synth | diff <stack> | deploy <stack> | destroy <stack>.",
    "",
  ].join("\n");
}

/** `privnet <subcommand> [arguments]`: dispatches, answers `--help` for every subcommand, and returns the exit code. */
export async function runCli(argv: readonly string[], context: CommandContext): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    (name === undefined ? context.stderr : context.stdout).write(overview());
    return name === undefined ? EXIT.cannotRun : EXIT.ok;
  }
  const command = SUBCOMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    context.stderr.write(`no subcommand "${name}"; the subcommands are ${SUBCOMMANDS.map((candidate) => candidate.name).join(", ")}\n`);
    return EXIT.cannotRun;
  }
  if (!command.ownHelp && (args.includes("--help") || args.includes("-h"))) {
    context.stdout.write(helpOf(command));
    return EXIT.ok;
  }
  return command.run(args, context);
}

import { parseArgs } from "node:util";
import { EXIT, helpOf, type CommandContext, type ParsedArguments, type Subcommand } from "./subcommand";
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
  const parsed = argumentsOrSay(command, args, context);
  return typeof parsed === "number" ? parsed : command.run(parsed, context);
}

/** The arguments as the subcommand's spec reads them, or the exit code after saying on stderr why they do not fit. */
export function argumentsOrSay(command: Subcommand, args: readonly string[], context: CommandContext): ParsedArguments | number {
  const parsed = parseArguments(command, args);
  if (typeof parsed !== "string") return parsed;
  context.stderr.write(`${command.name}: ${parsed}; run it with --help for its usage\n`);
  return EXIT.cannotRun;
}

/** The arguments as the subcommand's spec reads them, or why they do not fit it. */
export function parseArguments(command: Subcommand, args: readonly string[]): ParsedArguments | string {
  const { options = {}, positionals: count = { max: 0 } } = command.arguments;
  let parsed: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: { ...options, ...(command.ownHelp ? { help: { type: "boolean", short: "h" } } : {}) }, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (error) {
    // Node's messages name the option and end with advice about "--" that does not apply here.
    return (error as Error).message.replace(/\. To specify a positional argument starting with a '-'.*$/s, "").replace(/\.$/, "");
  }
  const min = count.min ?? 0;
  if (parsed.positionals.length < min) return `it takes ${command.usage}; ${parsed.positionals.length === 0 ? "nothing was" : `only ${parsed.positionals.join(" ")} was`} given`;
  if (count.max !== undefined && parsed.positionals.length > count.max) {
    const extra = parsed.positionals.slice(count.max).join(" ");
    return count.max === 0 ? `it takes no argument, not ${extra}` : `unexpected argument ${extra} (it takes ${command.usage})`;
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

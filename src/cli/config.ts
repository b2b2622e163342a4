import { resolve } from "node:path";
import { ConfigError } from "../config/errors";
import { isPlainObject } from "../config/json-object";
import { jsonTextIssues } from "../config/json-scan";
import { CONFIG_FILE_VARIABLE } from "../config/load";
import { mergeIntoConfigFile, type ConfigFileTarget } from "./config-merge";
import { EXIT, type CommandContext } from "./subcommand";
import { useStateBucket } from "./use-state-bucket";

/** The file `npm run config` writes when neither `--file` nor `PRIVNET_CONFIG` names one; git ignores it. */
const DEFAULT_CONFIG_FILE = "privnet.json";

const CONFIG_USAGE = "merge '<json object>' [--file <path>] | use-state-bucket [--file <path>]";

/** `--file` is relative to where npm was started; `PRIVNET_CONFIG` to the project folder, as synth reads it. */
function targetOf(file: string | undefined, context: CommandContext): ConfigFileTarget {
  if (file !== undefined) return { path: resolve(context.cwd, file), key: "--file" };
  const fromEnvironment = context.env[CONFIG_FILE_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment !== "") return { path: resolve(context.projectDir, fromEnvironment), key: CONFIG_FILE_VARIABLE };
  return { path: resolve(context.projectDir, DEFAULT_CONFIG_FILE), key: `${CONFIG_FILE_VARIABLE} (unset: ./${DEFAULT_CONFIG_FILE})` };
}

/** The settings to merge, or why they cannot be: the same rules as the file's, where a text can break them. */
function settingsOf(json: string): Record<string, unknown> | string {
  let addition: unknown;
  try {
    addition = JSON.parse(json);
  } catch (error) {
    return `the settings to merge are not valid JSON (${(error as Error).message}): ${json}`;
  }
  if (!isPlainObject(addition)) {
    return `the settings to merge must be a JSON object such as { "state": { "bucket": "..." } }, not ${json}`;
  }
  const issues = jsonTextIssues(json);
  return issues.length === 0 ? addition : new ConfigError(issues, "the settings to merge").message;
}

/**
 * `npm run config -- merge '<json>' | use-state-bucket [--file <path>]`, its arguments
 * already read strictly by the command line, so a mistyped option stops the command
 * before it reads or writes.
 */
export function runConfig(parsed: { readonly file?: string; readonly positionals: readonly string[] }, context: CommandContext): number {
  const [verb, ...rest] = parsed.positionals;
  const target = targetOf(parsed.file, context);
  if (verb === "merge" && rest.length === 1) {
    const addition = settingsOf(rest[0]!);
    if (typeof addition === "string") {
      context.stderr.write(`${addition}\n`);
      return EXIT.cannotRun;
    }
    return mergeIntoConfigFile(target, addition, context);
  }
  if (verb === "use-state-bucket" && rest.length === 0) {
    return useStateBucket(target, context);
  }
  const problem =
    verb === "merge"
      ? `merge takes one JSON object, not ${rest.length}`
      : verb === "use-state-bucket"
        ? `use-state-bucket takes no argument but --file, not ${rest.join(" ")}`
        : verb === undefined
          ? "merge or use-state-bucket?"
          : `no verb "${verb}"`;
  context.stderr.write(`config: ${problem}; usage: npm run config -- ${CONFIG_USAGE}\n`);
  return EXIT.cannotRun;
}

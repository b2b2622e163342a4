import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { ConfigError } from "../config/errors";
import { deepMerge, isPlainObject } from "../config/json-object";
import { CONFIG_FILE_VARIABLE, SCHEMA_KEY } from "../config/load";
import { projectFile } from "../config/project-file";
import { assertValidConfig, mergeOverrides } from "../topologies/project-config";
import { EXIT, type CommandContext } from "./subcommand";

/** The file `npm run config` writes when neither `--file` nor `PRIVNET_CONFIG` names one; git ignores it. */
const DEFAULT_CONFIG_FILE = "privnet.json";

function parseArgs(args: readonly string[]): { json: string; file?: string } | string {
  const [verb, json, ...rest] = args;
  if (verb !== "merge" || json === undefined) {
    return "usage: npm run config -- merge '<json object>' [--file <path>]";
  }
  if (rest.length === 0) return { json };
  if (rest.length === 2 && rest[0] === "--file") return { json, file: rest[1]! };
  return `unexpected arguments after the JSON object: ${rest.join(" ")} (only --file <path> may follow)`;
}

function readExisting(path: string): Record<string, unknown> | string {
  if (!existsSync(path)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return `${path} is not valid JSON (${(error as Error).message}); fix or move it, then merge again`;
  }
  return isPlainObject(parsed) ? parsed : `${path} must hold a JSON object, not ${Array.isArray(parsed) ? "an array" : typeof parsed}`;
}

/** The schema's path as seen from the configuration file, which is how editors resolve `$schema`. */
function schemaReference(configPath: string): string {
  const path = relative(dirname(configPath), projectFile("docs/config.schema.json"));
  return path.startsWith(".") ? path : `./${path}`;
}

/**
 * `npm run config -- merge '<json>'`: merges settings (the state stack's `config-snippet`,
 * say) into the configuration file instead of overwriting it, and writes only a result
 * that synth would accept. A new file starts with `$schema`, so editors complete and
 * check the keys.
 */
export function runConfigMerge(args: readonly string[], context: CommandContext): number {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    context.stderr.write(`${parsed}\n`);
    return EXIT.cannotRun;
  }
  let addition: unknown;
  try {
    addition = JSON.parse(parsed.json);
  } catch (error) {
    context.stderr.write(`the settings to merge are not valid JSON (${(error as Error).message}): ${parsed.json}\n`);
    return EXIT.cannotRun;
  }
  if (!isPlainObject(addition)) {
    context.stderr.write(`the settings to merge must be a JSON object such as { "state": { "bucket": "..." } }, not ${parsed.json}\n`);
    return EXIT.cannotRun;
  }
  const fromEnvironment = context.env[CONFIG_FILE_VARIABLE];
  const path =
    parsed.file !== undefined
      ? resolve(context.cwd, parsed.file)
      : resolve(context.projectDir, fromEnvironment === undefined || fromEnvironment === "" ? DEFAULT_CONFIG_FILE : fromEnvironment);
  const existing = readExisting(path);
  if (typeof existing === "string") {
    context.stderr.write(`${existing}\n`);
    return EXIT.cannotRun;
  }
  const start = Object.keys(existing).length === 0 ? { [SCHEMA_KEY]: schemaReference(path) } : existing;
  const merged = deepMerge(start, addition);
  try {
    assertValidConfig(mergeOverrides(merged, path), path);
  } catch (error) {
    if (error instanceof ConfigError) {
      context.stderr.write(`${error.message}\nNothing was written to ${path}.\n`);
      return EXIT.cannotRun;
    }
    throw error;
  }
  writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
  context.stdout.write(`merged ${Object.keys(addition).join(", ")} into ${path}\nexport ${CONFIG_FILE_VARIABLE}=${path}   # so that synth, diff and deploy read it\n`);
  return EXIT.ok;
}

import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, relative } from "node:path";
import { ConfigError } from "../config/errors";
import { deepMerge } from "../config/json-object";
import { JSON_LIMITS } from "../config/json-scan";
import { CONFIG_FILE_VARIABLE, fileTooLarge, readOverrideFile, SCHEMA_KEY } from "../config/load";
import { projectFile } from "../config/project-file";
import { assertValidConfig, mergeOverrides } from "../topologies/project-config";
import { EXIT, type CommandContext } from "./subcommand";
import { writeFileAtomically } from "./write-file-atomically";

/** The configuration file `npm run config` writes, and what named it (`--file`, `PRIVNET_CONFIG`), for messages. */
export interface ConfigFileTarget {
  readonly path: string;
  readonly key: string;
}

/** The schema's path as seen from the configuration file, which is how editors resolve `$schema`. */
function schemaReference(configPath: string): string {
  const path = relative(dirname(configPath), projectFile("docs/config.schema.json"));
  return path.startsWith(".") ? path : `./${path}`;
}

/** Writable for this user, and meant to be: root may write a file whose mode says read-only, but its owner made it so. */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    return false;
  }
  return (statSync(path).mode & 0o222) !== 0;
}

/** Why `path` cannot be written, found before anything is read or written. */
function cannotWrite(path: string): string | undefined {
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    return `cannot write ${path}: the folder ${folder} does not exist; create it (mkdir -p ${folder}) or name a file in an existing folder with --file`;
  }
  if (existsSync(path) && statSync(path).isFile() && !writable(path)) {
    return `cannot write ${path}: the file is read-only; make it writable (chmod u+w ${path}) or name another file with --file`;
  }
  if (!writable(folder)) {
    return `cannot write ${path}: its folder is read-only, and the file is replaced through a new one beside it; make ${folder} writable or name a file elsewhere with --file`;
  }
  return undefined;
}

/**
 * Deep-merges `addition` into the configuration file and writes the result only when
 * synth would accept it: read through synth's own reader, validated as synth validates,
 * within the reader's size, and written whole or not at all. A new file starts with
 * `$schema`, so editors complete and check the keys.
 */
export function mergeIntoConfigFile(target: ConfigFileTarget, addition: Readonly<Record<string, unknown>>, context: CommandContext): number {
  const { path, key } = target;
  const unwritable = cannotWrite(path);
  if (unwritable !== undefined) {
    context.stderr.write(`${unwritable}\n`);
    return EXIT.cannotRun;
  }
  try {
    const existing = existsSync(path) ? readOverrideFile(path, key) : {};
    const start = Object.keys(existing).length === 0 ? { [SCHEMA_KEY]: schemaReference(path) } : existing;
    const merged = deepMerge(start, addition);
    assertValidConfig(mergeOverrides(merged, path), path);
    const text = `${JSON.stringify(merged, null, 2)}\n`;
    if (Buffer.byteLength(text) > JSON_LIMITS.fileBytes) {
      throw new ConfigError([fileTooLarge(key, path)], path);
    }
    writeFileAtomically(path, text);
  } catch (error) {
    if (error instanceof ConfigError) {
      context.stderr.write(`${error.message}\nNothing was written to ${path}.\n`);
      return EXIT.cannotRun;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    context.stderr.write(`cannot write ${path} (${code}), and nothing was written: check that its folder is writable and has room, or name another file with --file\n`);
    return EXIT.cannotRun;
  }
  context.stdout.write(`merged ${Object.keys(addition).join(", ")} into ${path}\nexport ${CONFIG_FILE_VARIABLE}=${path}   # so that synth, diff and deploy read it\n`);
  return EXIT.ok;
}

import { closeSync, openSync, readSync, statSync, type Stats } from "node:fs";
import { ConfigError, type ConfigIssue } from "./errors";
import { isPlainObject } from "./json-object";
import { JSON_LIMITS, jsonTextIssues } from "./json-scan";
import { decodeUtf8 } from "./utf8";

/** Environment variable naming a JSON file of overrides (any subset of `ProjectConfig`). */
export const CONFIG_FILE_VARIABLE = "PRIVNET_CONFIG";

/** The top-level key that points editors at the configuration's JSON Schema. */
export const SCHEMA_KEY = "$schema";

/** Objects whose keys are the user's own (tags), rather than a fixed set. */
const FREE_FORM_KEYS = new Set(["tags"]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Text Terraform or cdktf would read as something else: `${...}` and `%{...}` are
 * Terraform expressions (`${file("...")}` would read a file at plan time), and
 * cdktf's own token markers would be swapped for another value or crash synth.
 */
const NOT_PLAIN_TEXT = /\$\{|%\{|#\{/;

function plainTextProblem(value: string): string | undefined {
  return NOT_PLAIN_TEXT.test(value) ? "must be plain text, without ${, %{ or #{: Terraform would read the text as an expression, and cdktf as one of its tokens" : undefined;
}

/** What a list element may leave out: the keys whose value in the template element is "off". */
export function mayBeLeftOut(templateValue: unknown): boolean {
  return templateValue === undefined || templateValue === false || (Array.isArray(templateValue) && templateValue.length === 0);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * A list replaces the default list whole: merging element by element would leave a
 * default subnet behind when a user meant two. The first default element is the
 * template of every element, so each is checked for unknown keys, wrong types and
 * missing keys: an element inherits only the template's "off" values (false, an empty
 * list), never a name or a block meant for the first element. An empty default list
 * takes the element shape in `emptyListElements`, or strings.
 */
function overlayList(base: readonly unknown[], override: Json, key: string, issues: ConfigIssue[], emptyListElements: Readonly<Record<string, unknown>>): unknown {
  if (!Array.isArray(override)) {
    issues.push({ key, value: override, rule: `must be an array, not ${typeName(override)}` });
    return base;
  }
  const template = base.length > 0 ? base[0] : (emptyListElements[key.replace(/\[\d+\]/g, "[]")] ?? "");
  return override.map((element, index) => {
    const elementKey = `${key}[${index}]`;
    if (!isPlainObject(template)) {
      return overlay(template, element, elementKey, issues, emptyListElements);
    }
    if (isPlainObject(element)) {
      for (const [name, value] of Object.entries(template)) {
        if (!mayBeLeftOut(value) && !Object.hasOwn(element, name)) {
          issues.push({ key: `${elementKey}.${name}`, value: undefined, rule: "is required in each element of this list" });
        }
      }
    }
    return overlay(template, element, elementKey, issues, emptyListElements);
  });
}

/**
 * Lays `override` over `base`, key by key. The shape of the defaults is the schema:
 * a key the defaults do not have as their own is a typo and is refused (`constructor`
 * and `__proto__` too), and so is a value of another type. Optional keys appear in
 * the defaults as `undefined` and take strings.
 */
function overlay(base: unknown, override: Json, key: string, issues: ConfigIssue[], emptyListElements: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(base)) {
    return overlayList(base, override, key, issues, emptyListElements);
  }
  if (isPlainObject(base) || FREE_FORM_KEYS.has(key)) {
    if (!isPlainObject(override)) {
      issues.push({ key, value: override, rule: `must be an object, not ${typeName(override)}` });
      return base;
    }
    const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [name, value] of Object.entries(override)) {
      // An empty key is shown as JSON writes it, or the message would name nothing.
      const shown = name === "" ? '""' : name;
      const childKey = key === "" ? shown : `${key}.${shown}`;
      if (key === "" && name === SCHEMA_KEY) {
        // Editors read it to complete and check the file; the app has no use for it.
        if (typeof value !== "string") {
          issues.push({ key: name, value, rule: `must be a string (the path or URL of the configuration's JSON Schema), not ${typeName(value)}` });
        }
      } else if (FREE_FORM_KEYS.has(key)) {
        const problem = typeof value === "string" ? (plainTextProblem(name) ?? plainTextProblem(value)) : undefined;
        if (typeof value !== "string") {
          issues.push({ key: childKey, value, rule: `must be a string, not ${typeName(value)}` });
        } else if (problem !== undefined) {
          issues.push({ key: childKey, value, rule: problem });
        } else {
          // Defined, not assigned: a tag named __proto__ is a tag AWS accepts, not a prototype.
          Object.defineProperty(merged, name, { value, enumerable: true, writable: true, configurable: true });
        }
      } else if (!Object.hasOwn(merged, name)) {
        const known = Object.keys(merged).join(", ");
        issues.push({ key: childKey, value, rule: `is not a configuration key (known here: ${known})` });
      } else {
        merged[name] = overlay(merged[name], value as Json, childKey, issues, emptyListElements);
      }
    }
    return merged;
  }
  const expected = base === undefined ? "string" : typeof base;
  if (typeof override !== expected) {
    issues.push({ key, value: override, rule: `must be a ${expected}, not ${typeName(override)}` });
    return base;
  }
  const problem = typeof override === "string" ? plainTextProblem(override) : undefined;
  if (problem !== undefined) {
    issues.push({ key, value: override, rule: problem });
    return base;
  }
  return override;
}

/**
 * Applies an override object to `defaults`, whose shape is the schema; reports every bad
 * key at once. `emptyListElements` gives the element shape of lists whose default is empty.
 */
export function applyOverrides(override: unknown, source: string, defaults: object, emptyListElements: Readonly<Record<string, unknown>> = {}): unknown {
  if (!isPlainObject(override)) {
    throw new ConfigError([{ key: CONFIG_FILE_VARIABLE, value: source, rule: `must name a file holding one JSON object of settings, not ${typeName(override)}` }], source);
  }
  const issues: ConfigIssue[] = [];
  const merged = overlay(defaults, override as Json, "", issues, emptyListElements);
  if (issues.length > 0) {
    throw new ConfigError(issues, source);
  }
  return merged;
}

/** Reads no more than `limit` bytes, whatever the path names: a huge file, a pipe, /dev/zero. */
function readAtMost(path: string, limit: number): Buffer {
  // Opening a FIFO waits for a writer, maybe forever, and a device may never end.
  const kind = fileKind(statSync(path));
  if (kind !== "file") throw new Error(`it is ${kind}, not a file`);
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(limit);
    let length = 0;
    while (length < limit) {
      const read = readSync(fd, buffer, length, limit - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function fileKind(stat: Stats): string {
  if (stat.isFile()) return "file";
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isSocket()) return "a socket";
  return "a device";
}

/** The refusal of a file larger than the reader reads; `npm run config` checks what it would write against it too. */
export function fileTooLarge(key: string, path: string): ConfigIssue {
  return { key, value: path, rule: `must name a file of at most ${JSON_LIMITS.fileBytes} bytes (1 MiB), far more than any configuration needs` };
}

/**
 * The settings of a configuration file, as strictly as JSON allows: at most 1 MiB of
 * UTF-8, one JSON object, each key once, within JSON_LIMITS. The one reader of the file,
 * for synth and `npm run config` alike; `key` names where the path came from.
 */
export function readOverrideFile(path: string, key: string = CONFIG_FILE_VARIABLE): Record<string, unknown> {
  const refuse = (rule: string): never => {
    throw new ConfigError([{ key, value: path, rule }], path);
  };
  let bytes: Buffer;
  try {
    bytes = readAtMost(path, JSON_LIMITS.fileBytes + 1);
  } catch (error) {
    return refuse(`must name a readable JSON file (${(error as Error).message})`);
  }
  if (bytes.length > JSON_LIMITS.fileBytes) {
    throw new ConfigError([fileTooLarge(key, path)], path);
  }
  const json = decodeUtf8(bytes);
  if (typeof json !== "string") {
    const line = bytes.subarray(0, json.offset).filter((byte) => byte === 0x0a).length + 1;
    const byte = bytes[json.offset]!.toString(16).toUpperCase().padStart(2, "0");
    return refuse(`must be UTF-8 text, and byte ${json.offset} (0x${byte}, line ${line}) is not UTF-8; save the file as UTF-8`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return refuse(`must contain valid JSON (${(error as Error).message})`);
  }
  if (!isPlainObject(parsed)) {
    return refuse(`must name a file holding one JSON object of settings, not ${typeName(parsed)}`);
  }
  const issues = jsonTextIssues(json);
  if (issues.length > 0) {
    throw new ConfigError(issues, path);
  }
  return parsed;
}

export interface LoadOptions {
  /** Where to read `PRIVNET_CONFIG` from. Default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Directory a relative `PRIVNET_CONFIG` path is resolved against. Default `process.cwd()`. */
  readonly cwd?: string;
}

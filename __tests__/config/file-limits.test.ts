import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema, type JsonSchema } from "../../src/docs/config-schema";
import { ConfigError } from "../../src/config/errors";
import { JSON_LIMITS } from "../../src/config/json-scan";
import { CONFIG_FILE_VARIABLE } from "../../src/config/load";
import { loadConfig } from "../../src/topologies/project-config";
import { tempDir } from "../support/synth";

function fileOf(content: string | Uint8Array): string {
  const file = join(tempDir(), "privnet.json");
  writeFileSync(file, content);
  return file;
}

/** The ConfigError loading `file` raises, within `seconds`: a refusal that takes minutes is no refusal. */
function refusalOf(file: string, seconds = 3): ConfigError {
  const start = performance.now();
  try {
    loadConfig({ env: { [CONFIG_FILE_VARIABLE]: file } });
  } catch (error) {
    expect((performance.now() - start) / 1000).toBeLessThan(seconds);
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

function refusal(content: string | Uint8Array): ConfigError {
  return refusalOf(fileOf(content));
}

/** Objects and lists from the top of the schema down to its deepest setting, the top counted. */
function depthOf(schema: JsonSchema): number {
  const children = [...Object.values(schema.properties ?? {}), ...(schema.items ? [schema.items] : [])];
  const own = schema.type === "object" || schema.type === "array" ? 1 : 0;
  return own + Math.max(0, ...children.map(depthOf));
}

describe("the configuration file's limits", () => {
  it("are far above what any setting needs", () => {
    expect(depthOf(configSchema())).toBeLessThanOrEqual(JSON_LIMITS.depth / 4);
    const longestRoleArn = `arn:aws-us-gov:iam::111122223333:role/${"p".repeat(510)}/${"n".repeat(64)}`;
    expect(longestRoleArn.length).toBeLessThan(JSON_LIMITS.stringLength / 4);
  });

  it.each([
    ["lists", "[".repeat(100_000) + "]".repeat(100_000), `tags${"[0]".repeat(JSON_LIMITS.depth - 1)}`],
    ["objects", '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000), `tags${".a".repeat(JSON_LIMITS.depth - 1)}`],
  ])("refuses %s nested 100,000 deep in one line at the first level too deep, not with a stack overflow", (_, nested, key) => {
    const error = refusal(`{ "tags": ${nested} }`);
    expect(error.issues).toEqual([expect.objectContaining({ key, rule: `nests objects and lists more than ${JSON_LIMITS.depth} deep, far deeper than any setting lies; nothing inside was read` })]);
  });

  it("refuses a string or a key longer than 4096 characters, naming its length", () => {
    const error = refusal(JSON.stringify({ project: "x".repeat(900_000), tags: { ["k".repeat(5000)]: "v" } }));
    expect(error.issues).toEqual([
      expect.objectContaining({ key: "project", rule: "is 900000 characters long; a key or a string holds at most 4096, far more than any setting needs" }),
      expect.objectContaining({ key: `tags.${"k".repeat(64)}…`, rule: "is 5000 characters long; a key or a string holds at most 4096, far more than any setting needs" }),
    ]);
    expect(error.message.length).toBeLessThan(2_000);
  });

  it("counts a string's length once its escapes are read", () => {
    expect(() => loadConfig({ env: { [CONFIG_FILE_VARIABLE]: fileOf(JSON.stringify({ $schema: "\\n".repeat(4000) }).replaceAll("\\\\n", "\\u000a")) } })).not.toThrow();
  });

  it("refuses a list or an object of more than 1000 entries, quickly, however the checks of its elements would scale", () => {
    const cidrs = Array.from({ length: 50_000 }, (_, index) => `10.${(index >> 8) & 255}.${index & 255}.0/32`);
    const error = refusal(JSON.stringify({ albPeering: { alb: { additionalClientCidrs: cidrs } }, tags: Object.fromEntries(Array.from({ length: 1001 }, (_, index) => [`t${index}`, "v"])) }));
    expect(error.message.split("\n").slice(1)).toEqual([
      "  - albPeering.alb.additionalClientCidrs = a list of 50000 elements: holds more than 1000 entries, far more than any setting needs",
      "  - tags = an object of 1001 keys: holds more than 1000 entries, far more than any setting needs",
    ]);
  });

  it("refuses a file over 1 MiB without reading the rest", () => {
    const file = fileOf(" ".repeat(JSON_LIMITS.fileBytes) + "{}");
    expect(refusalOf(file).issues).toEqual([{ key: CONFIG_FILE_VARIABLE, value: file, rule: "must name a file of at most 1048576 bytes (1 MiB), far more than any configuration needs" }]);
  });

  it.skipIf(process.platform === "win32")("refuses what is not a file before opening it: a device that never ends, a folder, a FIFO that would wait for a writer forever", () => {
    const fifo = join(tempDir(), "privnet.json");
    execFileSync("mkfifo", [fifo]);
    for (const [path, kind] of [["/dev/zero", "a device"], [tempDir(), "a folder"], [fifo, "a FIFO (named pipe)"]] as const) {
      expect(refusalOf(path).issues).toEqual([{ key: CONFIG_FILE_VARIABLE, value: path, rule: `must name a readable JSON file (it is ${kind}, not a file)` }]);
    }
  });

  it("lists the first 100 problems and counts the rest, rather than printing thousands", () => {
    const error = refusal(`{ "tags": [${Array(900).fill("1e400").join(", ")}] }`);
    expect(error.issues).toHaveLength(900);
    const lines = error.message.split("\n");
    expect(lines).toHaveLength(102);
    expect(lines.at(-1)).toBe("  … and 800 more, not listed");
  });
});

describe("what JSON.parse does not tell", () => {
  it("refuses a key given twice in one object, naming its dotted path and both lines", () => {
    const text = ['{ "tags": { "Owner": "a",', '  "Owner": "b" },', '  "albPeering": { "foo": { "subnets": [ {}, { "name": "x", "cidr": "10.2.1.0/24", "name": "y" } ] } } }'].join("\n");
    const error = refusal(text);
    expect(error.message.split("\n").slice(1)).toEqual([
      "  - tags.Owner = given on lines 1 and 2: is a key given twice in one object, and JSON keeps only the last one without a word; give each key once",
      "  - albPeering.foo.subnets[1].name = given twice on line 3: is a key given twice in one object, and JSON keeps only the last one without a word; give each key once",
    ]);
  });

  it("takes the same key in different objects, and a key that is only text elsewhere", () => {
    const file = fileOf('{ "state": { "region": "us-east-1" }, "region": "us-east-1", "$schema": "\\"region\\": 1" }');
    expect(loadConfig({ env: { [CONFIG_FILE_VARIABLE]: file } }).region).toBe("us-east-1");
  });

  it.each([
    ["Latin-1", [...Buffer.from('{ "tags": {\n "Caf'), 0xe9, ...Buffer.from('": "x" } }')], "byte 17 (0xE9, line 2)"],
    ["UTF-16 with its byte-order mark", [0xff, 0xfe, ...Buffer.from("{}", "utf16le")], "byte 0 (0xFF, line 1)"],
    ["a sequence cut short after a real U+FFFD", [...Buffer.from('{ "$schema": "\uFFFD'), 0xe3, 0x81, ...Buffer.from('" }')], "byte 17 (0xE3, line 1)"],
  ])("refuses a file that is not UTF-8 (%s), naming the file and the offset of the first byte that is not", (_, bytes, where) => {
    const file = fileOf(Uint8Array.from(bytes));
    expect(refusalOf(file).issues).toEqual([{ key: CONFIG_FILE_VARIABLE, value: file, rule: `must be UTF-8 text, and ${where} is not UTF-8; save the file as UTF-8` }]);
  });

  it("reads a U+FFFD the file really holds, and a byte-order mark", () => {
    const file = fileOf('\uFEFF{ "$schema": "\uFFFD" }');
    expect(() => loadConfig({ env: { [CONFIG_FILE_VARIABLE]: file } })).not.toThrow();
  });
});

import { AsWritten, type ConfigIssue } from "./errors";

/**
 * How much a configuration file may hold. Each limit is far above what any setting
 * needs (the deepest key, `privatelink.consumers[].subnets[].name`, is six levels
 * down; the longest value, an IAM role ARN, stays near 600 characters; AWS allows 200
 * subnets in a VPC), and low enough that no file can exhaust the stack, the memory or
 * the time of the checks, some of which compare each element of a list with every other.
 */
export const JSON_LIMITS = {
  /** Bytes of the file. */
  fileBytes: 1_048_576,
  /** Objects and lists inside each other, the top object counted. */
  depth: 32,
  /** Characters of a key or a string, once its escapes are read. */
  stringLength: 4096,
  /** Elements of one list, or keys of one object. */
  entries: 1000,
} as const;

type Frame =
  | { kind: "object"; key: string | undefined; size: number; lineOfKey: Map<string, number> }
  | { kind: "array"; index: number; size: number };

function pathOf(frames: readonly Frame[]): string {
  return frames
    .map((frame, depth) => (frame.kind === "array" ? `[${frame.index}]` : `${depth === 0 ? "" : "."}${frame.key ?? ""}`))
    .join("");
}

/** The index of the quote that closes the string opening at `start`: the next one not escaped. */
function closingQuote(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text[quote - 1 - backslashes] === "\\") backslashes += 1;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length - 1;
}

/** A key of a path stays short, so that a huge key costs once, not once per issue under it; an empty one shows as "". */
function shortKey(name: string): string {
  if (name === "") return '""';
  return name.length > 64 ? `${name.slice(0, 64)}…` : name;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * What JSON.parse cannot tell about a text it accepted, in one pass: a number no double
 * holds (JSON.parse makes it Infinity, which every message would show as null), a key
 * given twice in one object (JSON.parse keeps the last without a word), and anything
 * beyond JSON_LIMITS. Read from the text, since the parsed value has lost the literals,
 * the repeated keys and the order of keys. It keeps its own stack of frames rather than
 * recursing, and stops at the first container nested too deep, which is refused whole.
 */
export function jsonTextIssues(text: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const frames: Frame[] = [];
  let expectingKey = false;
  let line = 1;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    const frame = frames.at(-1);
    if (frame?.kind === "array" && !" \t\r\n,]".includes(char)) frame.size = frame.index + 1;
    if (char === "\n") {
      line += 1;
    } else if (char === '"') {
      const end = closingQuote(text, index);
      const literal = text.slice(index, end + 1);
      const isKey = frame?.kind === "object" && expectingKey;
      // Escapes only shorten a string, so only a long literal needs reading to be measured.
      const decoded = isKey || literal.length - 2 > JSON_LIMITS.stringLength ? (JSON.parse(literal) as string) : undefined;
      if (isKey) {
        frame.key = shortKey(decoded!);
        frame.size += 1;
        expectingKey = false;
        const first = frame.lineOfKey.get(decoded!);
        if (first === undefined) {
          frame.lineOfKey.set(decoded!, line);
        } else {
          issues.push({ key: pathOf(frames), value: new AsWritten(first === line ? `given twice on line ${line}` : `given on lines ${first} and ${line}`), rule: "is a key given twice in one object, and JSON keeps only the last one without a word; give each key once" });
        }
      }
      if (decoded !== undefined && decoded.length > JSON_LIMITS.stringLength) {
        issues.push({ key: pathOf(frames), value: decoded, rule: `is ${decoded.length} characters long; a key or a string holds at most ${JSON_LIMITS.stringLength}, far more than any setting needs` });
      }
      index = end;
    } else if (char === "{" || char === "[") {
      if (frames.length === JSON_LIMITS.depth) {
        issues.push({
          key: pathOf(frames),
          value: new AsWritten(`${text.slice(index, index + 24)}…`),
          rule: `nests objects and lists more than ${JSON_LIMITS.depth} deep, far deeper than any setting lies; nothing inside was read`,
        });
        return issues;
      }
      frames.push(char === "{" ? { kind: "object", key: undefined, size: 0, lineOfKey: new Map() } : { kind: "array", index: 0, size: 0 });
      expectingKey = char === "{";
    } else if (char === "}" || char === "]") {
      frames.pop();
      if (frame !== undefined && frame.size > JSON_LIMITS.entries) {
        const what = frame.kind === "array" ? "a list of" : "an object of";
        issues.push({
          key: pathOf(frames) || "(the top object)",
          value: new AsWritten(`${what} ${frame.size} ${frame.kind === "array" ? "elements" : "keys"}`),
          rule: `holds more than ${JSON_LIMITS.entries} entries, far more than any setting needs`,
        });
      }
    } else if (char === ",") {
      if (frame?.kind === "array") frame.index += 1;
      else expectingKey = true;
    } else if (char === "-" || (char >= "0" && char <= "9")) {
      NUMBER.lastIndex = index;
      const literal = NUMBER.exec(text)?.[0];
      if (literal !== undefined) {
        if (!Number.isFinite(Number(literal))) {
          issues.push({ key: pathOf(frames), value: new AsWritten(literal), rule: "is a number too large for any setting (JSON.parse makes it Infinity); give a finite number" });
        }
        index += literal.length - 1;
      }
    }
  }
  return issues;
}

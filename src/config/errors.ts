/** One broken rule: which key, what value it had, and the rule it broke. */
export interface ConfigIssue {
  /** Dotted path of the key, e.g. `peering.requester.subnet.cidr`. */
  readonly key: string;
  readonly value: unknown;
  readonly rule: string;
}

/** A value shown as the file wrote it, such as a number JSON cannot hold. */
export class AsWritten {
  constructor(readonly text: string) {}
}

/** Beyond this, a value is cut: a 2 MB string on stderr helps nobody find the key. */
const SHOWN_CHARACTERS = 200;

function cut(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}… (${text.length} characters)`;
}

function describeValue(value: unknown): string {
  return cut(value === undefined ? "(unset)" : value instanceof AsWritten ? value.text : JSON.stringify(value), SHOWN_CHARACTERS);
}

/** Line breaks and other control characters a key or a quoted value brought into the text, written as JSON escapes. */
function oneLine(text: string): string {
  const named: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (char) => named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * One problem on one line, whatever the file held: a key (a long typo) and a rule
 * (which may quote names and values) are cut too, a rule with more room.
 */
export function formatIssue(issue: ConfigIssue): string {
  return `${oneLine(cut(issue.key, SHOWN_CHARACTERS))} = ${oneLine(describeValue(issue.value))}: ${oneLine(cut(issue.rule, 4 * SHOWN_CHARACTERS))}`;
}

/** Beyond this many, problems are counted, not listed: one file can break a rule thousands of times, and the first say what to fix. */
const SHOWN_ISSUES = 100;

/** Raised before any construct is built, so a bad configuration writes no output. */
export class ConfigError extends Error {
  constructor(
    readonly issues: readonly ConfigIssue[],
    readonly source: string,
  ) {
    const more = issues.length - SHOWN_ISSUES;
    super(
      [
        `Invalid configuration (${source}):`,
        ...issues.slice(0, SHOWN_ISSUES).map((issue) => `  - ${formatIssue(issue)}`),
        ...(more > 0 ? [`  … and ${more} more, not listed`] : []),
      ].join("\n"),
    );
    this.name = "ConfigError";
  }
}

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

function describeValue(value: unknown): string {
  const text = value === undefined ? "(unset)" : value instanceof AsWritten ? value.text : JSON.stringify(value);
  return text.length <= SHOWN_CHARACTERS ? text : `${text.slice(0, SHOWN_CHARACTERS)}… (${text.length} characters)`;
}

export function formatIssue(issue: ConfigIssue): string {
  return `${issue.key} = ${describeValue(issue.value)}: ${issue.rule}`;
}

/** Raised before any construct is built, so a bad configuration writes no output. */
export class ConfigError extends Error {
  constructor(
    readonly issues: readonly ConfigIssue[],
    readonly source: string,
  ) {
    super(
      [`Invalid configuration (${source}):`, ...issues.map((issue) => `  - ${formatIssue(issue)}`)].join(
        "\n",
      ),
    );
    this.name = "ConfigError";
  }
}

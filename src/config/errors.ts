/** One broken rule: which key, what value it had, and the rule it broke. */
export interface ConfigIssue {
  /** Dotted path of the key, e.g. `peering.requester.subnet.cidr`. */
  readonly key: string;
  readonly value: unknown;
  readonly rule: string;
}

function describeValue(value: unknown): string {
  return value === undefined ? "(unset)" : JSON.stringify(value);
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

import { AWS_LIMITS, isAdjustable, type AwsLimit } from "./aws-limits";
import type { LimitFinding } from "./count-limits";

function raising(limit: AwsLimit, count: number): string {
  const desired = count + (limit.alsoCounted?.count ?? 0);
  const besides = limit.alsoCounted === undefined ? "" : ` (${count} and ${limit.alsoCounted.what})`;
  const also = limit.beyond !== undefined && count > limit.beyond.count ? `; ${limit.beyond.note}` : "";
  if (limit.quota !== undefined) {
    return `raise it first to ${desired}${besides}: aws service-quotas request-service-quota-increase --service-code ${limit.quota.service} --quota-code ${limit.quota.code} --desired-value ${desired}${also}`;
  }
  return limit.raisedBy === undefined ? "it cannot be raised" : `raise it first through ${limit.raisedBy}`;
}

/** One finding as a line a person can act on: the limit, the figure, the quota code, what to do. */
export function formatLimitFinding(finding: LimitFinding): string {
  const limit: AwsLimit = AWS_LIMITS[finding.limit];
  const where = finding.stacks.length > 1 ? `${finding.stacks.join(", ")}, deployed together in ${finding.scope} and one Region,` : `${finding.stacks.join(", ")}: ${finding.scope}`;
  const code = limit.quota === undefined ? "" : ` (Service Quotas ${limit.quota.service} ${limit.quota.code})`;
  if (finding.refused) {
    const ceiling = limit.maximum !== undefined && finding.count > limit.maximum ? `at most ${limit.maximum} even when raised` : `${limit.figure}, a limit that cannot be raised`;
    return `${where} needs ${finding.count} ${limit.name}; AWS allows ${ceiling}${code}.`;
  }
  const need = finding.stacks.length > 1 ? "need" : "needs";
  const ceiling = isAdjustable(limit) ? `the default quota of ${limit.figure}${code}; ${raising(limit, finding.count)}` : `${limit.figure}, which cannot be raised: deploy some of them in another account or Region`;
  return `${where} ${need} ${finding.count} ${limit.name}, over ${ceiling}.`;
}

/** Raised when a stack needs more than AWS allows at all: synth writes nothing. */
export class LimitError extends Error {
  constructor(readonly findings: readonly LimitFinding[]) {
    super(["AWS limits: the configuration needs more than AWS allows; nothing was written.", ...findings.map((finding) => `  - ${formatLimitFinding(finding)}`)].join("\n"));
    this.name = "LimitError";
  }
}

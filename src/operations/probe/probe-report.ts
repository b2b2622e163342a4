import type { PlannedRow } from "./probe-plan";
import type { RowResult } from "./compare";

/** How the probe entered one instance, or why it could not. */
export interface WayInReport {
  readonly instance: string;
  readonly instanceId?: string;
  readonly way: "run-command" | "instance-connect" | "none";
  /** The path the deployed model gives, or why there is none. */
  readonly detail: string;
}

/** One row of the table: a flow (or a name, or a way in), what the verifier expects of it, what the instance saw. */
export interface ProbeRowReport extends Pick<PlannedRow, "check" | "flow" | "declared" | "why" | "expected" | "expectedReason"> {
  /** An observation (`reachable`, `blocked`, `lossy`, `refused`, ... for traffic; `private`, `elsewhere`, `nxdomain`, ... for DNS), or `not probed`, `not run`. */
  readonly observed: string;
  readonly evidence: string;
  readonly result: RowResult;
  /** The instance it ran on, and the command line it ran. */
  readonly instance?: string;
  readonly command?: string;
}

export interface ProbeSummary {
  readonly match: number;
  readonly differs: number;
  readonly notProbed: number;
  readonly noExpectation: number;
  readonly couldNotRun: number;
}

/** What `npm run probe -- <stack>` found (its JSON output; docs/probe.schema.json describes it). */
export interface ProbeReport {
  readonly stack: string;
  readonly account?: string;
  readonly region: string;
  /** Resources in the deployed state the model was built from. */
  readonly resources: number;
  readonly waysIn: readonly WayInReport[];
  readonly rows: readonly ProbeRowReport[];
  readonly summary: ProbeSummary;
}

export function summarize(rows: readonly ProbeRowReport[]): ProbeSummary {
  const count = (result: RowResult) => rows.filter((row) => row.result === result).length;
  return { match: count("match"), differs: count("differs"), notProbed: count("not probed"), noExpectation: count("no expectation"), couldNotRun: count("could not run") };
}

/**
 * The probe's exit code: 3 when anything differs from what the verifier expects, 2 when
 * a probe could not run or nothing at all could be probed (no instance to enter: a 0
 * would read as "every flow works"), else 0.
 */
export const EXIT_PROBE_DIFFERS = 3;

export function probeExitCode(summary: ProbeSummary): number {
  if (summary.differs > 0) return EXIT_PROBE_DIFFERS;
  if (summary.match === 0) return 2;
  return summary.couldNotRun > 0 ? 2 : 0;
}

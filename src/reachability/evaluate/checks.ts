/**
 * The outcome of one component on a path. A path is blocked at its first failing
 * check; if none fails but one depends on a value known only after apply, the answer
 * is unknown, never a guess.
 */
export interface Check {
  readonly outcome: "pass" | "fail" | "unknown";
  /** The component, as a person finds it in the console or the code (`peering-sg1`). */
  readonly component: string;
  /** Why, in words a person acts on. */
  readonly detail: string;
  /** A pass that says nothing worth showing on the path (an ACL that allows all). */
  readonly quiet?: boolean;
  /**
   * The resources that decided it, by address, where the component's own is not precise
   * enough: the rule that admits, the route that carries. A review names them as the
   * cause of a change.
   */
  readonly decidedBy?: readonly string[];
}

const check = (outcome: Check["outcome"], component: string, detail: string, decidedBy?: readonly string[]): Check =>
  decidedBy === undefined ? { outcome, component, detail } : { outcome, component, detail, decidedBy };

export const pass = (component: string, detail: string, decidedBy?: readonly string[]): Check => check("pass", component, detail, decidedBy);
export const fail = (component: string, detail: string, decidedBy?: readonly string[]): Check => check("fail", component, detail, decidedBy);
export const unknown = (component: string, detail: string, decidedBy?: readonly string[]): Check => check("unknown", component, detail, decidedBy);

export type PathStatus = "reachable" | "blocked" | "unknown";

/** One way traffic can go from the source to the destination, with every check on it. */
export interface PathResult {
  /** What distinguishes this path from the others, e.g. `via endpoint ENI in private-a`. */
  readonly name: string;
  readonly checks: Check[];
}

export function statusOf(checks: readonly Check[]): PathStatus {
  if (checks.some((check) => check.outcome === "fail")) {
    return "blocked";
  }
  return checks.some((check) => check.outcome === "unknown") ? "unknown" : "reachable";
}

/** The check that decides the status: the first failure, else the first unknown. */
export function decidingCheck(checks: readonly Check[]): Check | undefined {
  return checks.find((check) => check.outcome === "fail") ?? checks.find((check) => check.outcome === "unknown");
}

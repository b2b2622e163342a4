import { parseCidr, cidrContains } from "../../config/cidr";
import type { DnsObservation, Observation } from "./read-observation";
import type { Expectation } from "./probe-plan";

/** How a row came out: as the verifier expects, not, not probed (said why), no verdict to compare with, or the probe failed. */
export type RowResult = "match" | "differs" | "not probed" | "no expectation" | "could not run";

/** A traffic observation against the verifier's verdict on the deployed model: only reachable and blocked are verdicts a probe can meet. */
export function compareTraffic(expected: Expectation, observation: Observation): RowResult {
  if (observation.observed === "error") return "could not run";
  if (expected !== "reachable" && expected !== "blocked") return "no expectation";
  return observation.observed === expected ? "match" : "differs";
}

function inside(address: string, ranges: readonly string[]): boolean {
  const host = parseCidr(`${address}/32`);
  return (
    host.ok &&
    ranges.some((range) => {
      const block = parseCidr(range);
      return block.ok && cidrContains(block.cidr, host.cidr);
    })
  );
}

/**
 * A DNS answer against what the model resolves: `private` when every address is in the
 * blocks the name must lead to, `elsewhere` when one is not (a public endpoint's
 * address, another VPC's), or what dig said instead of an answer.
 */
export function compareDns(expected: Expectation, ranges: readonly string[], observation: DnsObservation): { readonly observed: string; readonly result: RowResult } {
  if (observation.observed === "error") return { observed: "error", result: "could not run" };
  const observed = observation.observed !== "answered" ? observation.observed : observation.addresses.every((address) => inside(address, ranges)) ? "private" : "elsewhere";
  if (expected === "private") return { observed, result: observed === "private" ? "match" : "differs" };
  return { observed, result: observed === "private" ? "differs" : "match" };
}

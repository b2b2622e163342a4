import { cidrContains, cidrsOverlap, parseCidr, type CidrParseResult } from "../../config/cidr";

export type RangeRelation = "contains" | "overlaps" | "disjoint";

/**
 * Each block parsed once: a stack names a few hundred blocks, and every flow compares
 * them with its ranges again. Bounded, since a long-lived process verifies many stacks.
 */
const parsed = new Map<string, CidrParseResult>();

function parseOnce(text: string): CidrParseResult {
  let result = parsed.get(text);
  if (result === undefined) {
    if (parsed.size >= 100_000) parsed.clear();
    result = parseCidr(text);
    parsed.set(text, result);
  }
  return result;
}

/** How a rule's or route's block relates to the addresses traffic may have. */
export function relate(outer: string, inner: string): RangeRelation {
  const a = parseOnce(outer);
  const b = parseOnce(inner);
  if (!a.ok || !b.ok) {
    return "disjoint";
  }
  if (cidrContains(a.cidr, b.cidr)) {
    return "contains";
  }
  return cidrsOverlap(a.cidr, b.cidr) ? "overlaps" : "disjoint";
}

export function prefixLength(cidr: string): number {
  return Number(cidr.split("/")[1]);
}

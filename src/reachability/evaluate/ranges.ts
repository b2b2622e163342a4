import { cidrContains, cidrsOverlap, parseCidr } from "../../config/cidr";

export type RangeRelation = "contains" | "overlaps" | "disjoint";

/** How a rule's or route's block relates to the addresses traffic may have. */
export function relate(outer: string, inner: string): RangeRelation {
  const a = parseCidr(outer);
  const b = parseCidr(inner);
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

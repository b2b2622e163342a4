import { describe, expect, it } from "vitest";
import { cidrContains, cidrsOverlap, isIpv4Address, parseCidr, type Ipv4Cidr } from "../../src/config/cidr";

function cidr(text: string): Ipv4Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.cidr;
}

describe("IPv4 CIDR arithmetic", () => {
  it("accepts well-formed network blocks", () => {
    expect(parseCidr("10.0.0.0/16")).toMatchObject({ ok: true, cidr: { prefixLength: 16, text: "10.0.0.0/16" } });
    expect(parseCidr("0.0.0.0/0").ok).toBe(true);
    expect(parseCidr("203.0.113.7/32").ok).toBe(true);
  });

  it("rejects malformed blocks with the reason", () => {
    for (const bad of ["10.0.0.0", "10.0.0/16", "256.0.0.0/16", "10.0.0.0/33", "10.0.0.0/-1", "a.b.c.d/8", " 10.0.0.0/16", "010.0.0.0/16"]) {
      expect(parseCidr(bad), bad).toMatchObject({ ok: false });
    }
  });

  it("rejects host bits and names the network address instead", () => {
    expect(parseCidr("10.0.1.5/24")).toEqual({
      ok: false,
      reason: "has host bits set; the network address is 10.0.1.0/24",
    });
  });

  it("knows containment", () => {
    expect(cidrContains(cidr("10.0.0.0/16"), cidr("10.0.1.0/24"))).toBe(true);
    expect(cidrContains(cidr("10.0.0.0/16"), cidr("10.0.0.0/16"))).toBe(true);
    expect(cidrContains(cidr("10.0.0.0/16"), cidr("10.1.0.0/24"))).toBe(false);
    expect(cidrContains(cidr("10.0.1.0/24"), cidr("10.0.0.0/16"))).toBe(false);
    expect(cidrContains(cidr("0.0.0.0/0"), cidr("255.255.255.0/24"))).toBe(true);
  });

  it("knows overlap, including nesting and touching edges", () => {
    expect(cidrsOverlap(cidr("10.0.0.0/16"), cidr("10.0.128.0/17"))).toBe(true);
    expect(cidrsOverlap(cidr("10.0.0.0/8"), cidr("10.200.0.0/16"))).toBe(true);
    expect(cidrsOverlap(cidr("10.0.0.0/16"), cidr("10.1.0.0/16"))).toBe(false);
    expect(cidrsOverlap(cidr("10.0.0.0/16"), cidr("172.18.0.0/16"))).toBe(false);
  });

  it("recognises dotted-quad addresses only", () => {
    expect(isIpv4Address("203.0.113.10")).toBe(true);
    expect(isIpv4Address("203.0.113.256")).toBe(false);
    expect(isIpv4Address("203.0.113.10\n")).toBe(false);
    expect(isIpv4Address("<html>")).toBe(false);
  });
});

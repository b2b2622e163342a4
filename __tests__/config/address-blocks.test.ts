import { describe, expect, it } from "vitest";
import { addressBlock, coverEveryAddress, strictlyInside } from "../../src/config/address-blocks";

describe("address blocks of either family", () => {
  it("reads IPv4 and IPv6 blocks, with or without ::, and refuses what is neither", () => {
    expect(addressBlock("10.0.0.0/8")).toEqual({ family: "IPv4", first: 0x0a000000n, last: 0x0affffffn, prefixLength: 8 });
    expect(addressBlock("2001:db8::/32")).toMatchObject({ family: "IPv6", first: 0x20010db8n << 96n, prefixLength: 32 });
    expect(addressBlock("2001:0db8:0:0:0:0:0:0/32")).toEqual(addressBlock("2001:db8::/32"));
    expect(addressBlock("::/0")).toEqual({ family: "IPv6", first: 0n, last: (1n << 128n) - 1n, prefixLength: 0 });
    for (const bad of ["2001:db8::1::/64", "2001:db8/32", "::/129", "1:2:3:4:5:6:7:8:9/64", "g::/8", "10.0.0.0/33"]) {
      expect(addressBlock(bad), bad).toBeUndefined();
    }
  });

  it("says when blocks together hold every address, and when one lies inside another", () => {
    const blocks = (...cidrs: string[]) => cidrs.map((cidr) => addressBlock(cidr)!);
    expect(coverEveryAddress(blocks("::/1", "8000::/1"), "IPv6")).toBe(true);
    expect(coverEveryAddress(blocks("::/1", "8000::/2"), "IPv6")).toBe(false);
    expect(coverEveryAddress(blocks("0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/2"), "IPv4")).toBe(true);
    expect(coverEveryAddress(blocks("0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"), "IPv4")).toBe(false);
    expect(strictlyInside(addressBlock("0.0.0.0/1")!, addressBlock("10.0.0.0/8")!)).toBe(true);
    expect(strictlyInside(addressBlock("10.0.0.0/8")!, addressBlock("10.0.0.0/8")!)).toBe(false);
  });
});

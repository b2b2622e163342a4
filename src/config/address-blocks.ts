import { parseCidr } from "./cidr";

/** An IPv4 or IPv6 CIDR block as the range of addresses it holds. */
export interface AddressBlock {
  readonly family: "IPv4" | "IPv6";
  readonly first: bigint;
  readonly last: bigint;
  readonly prefixLength: number;
}

const BITS = { IPv4: 32n, IPv6: 128n } as const;

/** The eight 16-bit groups of an IPv6 address written with or without `::`; undefined when it is not one. */
function ipv6Groups(address: string): number[] | undefined {
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  return groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group)) ? groups.map((group) => parseInt(group, 16)) : undefined;
}

/** `10.0.0.0/8` or `2001:db8::/32` as a block; undefined for anything else, which the caller leaves unjudged. */
export function addressBlock(cidr: string): AddressBlock | undefined {
  if (!cidr.includes(":")) {
    const parsed = parseCidr(cidr);
    if (!parsed.ok) return undefined;
    const first = BigInt(parsed.cidr.network);
    return { family: "IPv4", first, last: first + (1n << (32n - BigInt(parsed.cidr.prefixLength))) - 1n, prefixLength: parsed.cidr.prefixLength };
  }
  const match = /^([0-9a-f:]+)\/(\d{1,3})$/i.exec(cidr);
  const groups = match ? ipv6Groups(match[1]!) : undefined;
  const prefixLength = Number(match?.[2]);
  if (!groups || prefixLength > 128) return undefined;
  const size = 1n << (128n - BigInt(prefixLength));
  const address = groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
  const first = address - (address % size);
  return { family: "IPv6", first, last: first + size - 1n, prefixLength };
}

/** Whether the blocks, all of one family, together hold every address of it. */
export function coverEveryAddress(blocks: readonly AddressBlock[], family: AddressBlock["family"]): boolean {
  let next = 0n;
  for (const block of [...blocks].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
    if (block.first > next) return false;
    if (block.last + 1n > next) next = block.last + 1n;
  }
  return next >= 1n << BITS[family];
}

/** Whether `inner` lies inside `outer` and is smaller. */
export function strictlyInside(outer: AddressBlock, inner: AddressBlock): boolean {
  return outer.prefixLength < inner.prefixLength && outer.first <= inner.first && inner.last <= outer.last;
}

/**
 * IPv4 address and CIDR arithmetic for validating configuration before any construct
 * is built. Terraform's own `cidrsubnet` family only runs at plan time, far too late
 * to stop a bad synth.
 */

export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly network: number;
  readonly prefixLength: number;
  /** Canonical text form, e.g. `10.0.0.0/16`. */
  readonly text: string;
}

const OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
const IPV4_PATTERN = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

export function isIpv4Address(text: string): boolean {
  return IPV4_PATTERN.test(text);
}

function addressToNumber(address: string): number {
  return address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function numberToAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export type CidrParseResult =
  | { readonly ok: true; readonly cidr: Ipv4Cidr }
  | { readonly ok: false; readonly reason: string };

/**
 * Parses `a.b.c.d/n`. Host bits must be zero: AWS rejects `10.0.1.5/24` for a subnet,
 * and silently normalising it would hide a typo.
 */
export function parseCidr(text: string): CidrParseResult {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match || !isIpv4Address(match[1]!)) {
    return { ok: false, reason: "must be an IPv4 CIDR block such as 10.0.0.0/16" };
  }
  const prefixLength = Number(match[2]);
  if (prefixLength > 32) {
    return { ok: false, reason: "must have a prefix length between 0 and 32" };
  }
  const address = addressToNumber(match[1]!);
  const network = (address & maskOf(prefixLength)) >>> 0;
  if (network !== address) {
    return {
      ok: false,
      reason: `has host bits set; the network address is ${numberToAddress(network)}/${prefixLength}`,
    };
  }
  return { ok: true, cidr: { network, prefixLength, text } };
}

function lastAddress(cidr: Ipv4Cidr): number {
  return cidr.network + 2 ** (32 - cidr.prefixLength) - 1;
}

export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return (
    inner.prefixLength >= outer.prefixLength &&
    inner.network >= outer.network &&
    lastAddress(inner) <= lastAddress(outer)
  );
}

export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.network <= lastAddress(b) && b.network <= lastAddress(a);
}


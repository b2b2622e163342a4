/** A protocol and port range that a flow between two parties uses. */
export class Port {
  /** One TCP port, e.g. 22 for SSH through Instance Connect. */
  static tcp(port: number): Port {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`Port.tcp(${port}): a TCP port is an integer from 0 to 65535`);
    }
    return new Port("tcp", port, port, `tcp${port}`, `tcp/${port}`);
  }

  /** Every ICMP type and code, which ping needs (echo request out, echo reply back). */
  static allIcmp(): Port {
    return new Port("icmp", -1, -1, "icmp", "icmp (all types)");
  }

  private constructor(
    /** `ip_protocol` of the security group rule. */
    readonly protocol: string,
    readonly fromPort: number,
    readonly toPort: number,
    /** Part of rule construct ids: changing it renames, and so replaces, the rule. */
    readonly slug: string,
    /** Human-readable form for rule descriptions. */
    readonly label: string,
  ) {}
}

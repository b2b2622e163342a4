/**
 * The provider releases every stack requires, each chosen on purpose
 * (docs/provider-lock.md, "Which releases, and why"; a test holds the two equal).
 * The prebuilt bindings only type the arguments; Terraform installs the release
 * named here, and the committed lock vouches for its builds.
 */
export const PROVIDER_PINS = {
  /**
   * The bindings (@cdktf/provider-aws 21.22.1) were generated from 6.25.0, whose
   * aws_ec2_transit_gateway crashes on apply (terraform-provider-aws #45460, fixed in
   * 6.26.0); 6.28.0 is the nearest later release whose checksums two independent public
   * lock files agree on. A newer 6.x also reads what the bindings write.
   */
  aws: "6.28.0",
  /** The release its bindings (@cdktf/provider-http 10.0.1) were generated from. */
  http: "3.5.0",
} as const satisfies Readonly<Record<string, string>>;

type RequiredProviders = Record<string, { source?: string; version?: string }>;

/**
 * Sets each required provider's version to its pin. A provider without a pin is a
 * bug, not a default: its release would be whatever the bindings' generator used.
 */
export function pinRequiredProviders(requiredProviders: RequiredProviders | undefined, stackName: string): void {
  for (const [name, requirement] of Object.entries(requiredProviders ?? {})) {
    const pin = Object.hasOwn(PROVIDER_PINS, name) ? PROVIDER_PINS[name as keyof typeof PROVIDER_PINS] : undefined;
    if (pin === undefined) {
      throw new Error(`stack ${stackName} requires the provider "${name}", which src/constructs/provider-pins.ts does not pin; add it there and to docs/provider-lock.md`);
    }
    requirement.version = pin;
  }
}

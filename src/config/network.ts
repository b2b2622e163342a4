/** Configuration shapes of networks that several topologies build. */

export interface SubnetConfig {
  /** Subnet name; becomes its construct id and Name tag. */
  readonly name: string;
  /** The subnet's IPv4 block, inside its VPC's and apart from its other subnets'. */
  readonly cidr: string;
  /**
   * A zone letter (`a`: the zone named ap-northeast-1a in the account that creates the
   * subnet) or an Availability Zone ID (`apne1-az4`: the same physical zone in every
   * account). A letter names different zones in different accounts, so a VPC in another
   * account that must meet this one zone by zone needs IDs on both sides.
   */
  readonly availabilityZone: string;
}

/** A VPC with one subnet and one instance in it. */
export interface VpcWithInstanceConfig {
  /** VPC name; becomes its construct id and Name tag. */
  readonly name: string;
  /** The VPC's IPv4 block, /16 to /28. */
  readonly cidr: string;
  readonly subnet: SubnetConfig;
  /** Name of the instance in the subnet. */
  readonly instanceName: string;
}

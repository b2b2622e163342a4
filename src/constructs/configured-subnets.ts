import type { SubnetConfig } from "../config/network";
import { isZoneId } from "../config/regions";
import type { PrivateSubnetProps } from "./private-network";

/**
 * Subnets as the configuration gives them, placed in their zones: a letter becomes the
 * zone of that name in `region` (in the account that creates the subnet), a zone ID
 * the same physical zone in every account.
 */
export function configuredSubnets(subnets: readonly SubnetConfig[], region: string): PrivateSubnetProps[] {
  return subnets.map(({ name, cidr, availabilityZone }) => ({
    name,
    cidr,
    ...(isZoneId(availabilityZone) ? { availabilityZoneId: availabilityZone } : { availabilityZone: `${region}${availabilityZone}` }),
  }));
}

import {
  checkHttpsUrl,
  checkIpv4AddressOrCidr,
  checkName,
  checkNoOverlap,
  checkNotReserved,
  checkSubnetInside,
  checkUniqueNames,
  checkVpcCidr,
  checkZoneLetter,
  type Issues,
} from "./checks";
import { PEERING_STACK_IDS, PRIVATE_NETWORK_IDS } from "./reserved-names";
import type { PeeredVpcConfig, PeeringConfig } from "./types";

function checkSide(issues: Issues, key: string, side: PeeredVpcConfig, region: string) {
  checkName(issues, `${key}.name`, side.name);
  checkName(issues, `${key}.subnet.name`, side.subnet.name);
  checkName(issues, `${key}.instanceName`, side.instanceName);
  checkNotReserved(issues, `${key}.name`, side.name, PEERING_STACK_IDS);
  checkNotReserved(issues, `${key}.instanceName`, side.instanceName, PEERING_STACK_IDS);
  checkNotReserved(issues, `${key}.subnet.name`, side.subnet.name, PRIVATE_NETWORK_IDS);
  const cidr = checkVpcCidr(issues, `${key}.cidr`, side.cidr);
  checkSubnetInside(issues, `${key}.subnet.cidr`, side.subnet.cidr, { key: `${key}.cidr`, cidr });
  checkZoneLetter(issues, `${key}.subnet.availabilityZone`, side.subnet.availabilityZone, region);
  return { key: `${key}.cidr`, cidr };
}

export function validatePeering(issues: Issues, peering: PeeringConfig, region: string): void {
  const requester = checkSide(issues, "peering.requester", peering.requester, region);
  const accepter = checkSide(issues, "peering.accepter", peering.accepter, region);
  checkNoOverlap(issues, requester, accepter, "peered VPCs must not overlap (AWS refuses the peering)");

  const sides = [
    ["peering.requester", peering.requester],
    ["peering.accepter", peering.accepter],
  ] as const;
  checkUniqueNames(
    issues,
    sides.flatMap(([key, side]) => [
      { key: `${key}.name`, value: side.name },
      { key: `${key}.subnet.name`, value: side.subnet.name },
      { key: `${key}.instanceName`, value: side.instanceName },
    ]),
  );

  if (peering.operator.cidr !== undefined) {
    checkIpv4AddressOrCidr(issues, "peering.operator.cidr", peering.operator.cidr);
  }
  checkHttpsUrl(issues, "peering.operator.addressUrl", peering.operator.addressUrl);
  if (peering.keyName !== undefined && peering.keyName.trim() === "") {
    issues.push({ key: "peering.keyName", value: peering.keyName, rule: "must be a key pair name, or left unset for none" });
  }
}

import { checkHttpsUrl, checkIpv4AddressOrCidr, checkNoOverlap, checkUniqueNames, checkVpcWithInstance, type Issues } from "../../config/checks";
import { PEERING_STACK_IDS, type PeeringConfig } from "./config";

export function validatePeering(issues: Issues, peering: PeeringConfig, region: string): void {
  const requester = checkVpcWithInstance(issues, "peering.requester", peering.requester, region, PEERING_STACK_IDS);
  const accepter = checkVpcWithInstance(issues, "peering.accepter", peering.accepter, region, PEERING_STACK_IDS);
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

import { checkDerivedIdsApart, checkHttpsUrl, checkOneIpv4Address, checkNoOverlap, checkUniqueNames, checkVpcWithInstance, type Issues } from "../../config/checks";
import { routeIdOf } from "../../constructs/private-network";
import { instanceOutputIds } from "./stack";
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
  checkDerivedIdsApart(
    issues,
    "the peering stack",
    sides.flatMap(([key, side]) => [
      { id: side.name, key: `${key}.name`, value: side.name },
      { id: side.instanceName, key: `${key}.instanceName`, value: side.instanceName },
      ...Object.values(instanceOutputIds(side.instanceName)).map((id) => ({ id, key: `${key}.instanceName`, value: side.instanceName })),
    ]),
  );
  checkDerivedIdsApart(
    issues,
    "the peering's routes",
    sides.map(([key, side]) => ({ id: routeIdOf(side.name, side.subnet.name), key: `${key}.subnet.name`, value: side.subnet.name })),
  );

  if (peering.operator.cidr !== undefined) {
    checkOneIpv4Address(issues, "peering.operator.cidr", peering.operator.cidr);
  }
  checkHttpsUrl(issues, "peering.operator.addressUrl", peering.operator.addressUrl);
  if (peering.keyName !== undefined && peering.keyName.trim() === "") {
    issues.push({ key: "peering.keyName", value: peering.keyName, rule: "must be a key pair name, or left unset for none" });
  }
}

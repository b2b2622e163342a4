import { sectionTopology } from "../topology";
import { PEERING_DEFAULTS } from "./config";
import { peeringFlows } from "./flows";
import { PeeringStack } from "./stack";
import { validatePeering } from "./validate";

export const peeringTopology = sectionTopology({
  stackName: "peering",
  section: "peering",
  defaults: PEERING_DEFAULTS,
  validateSection: validatePeering,
  Stack: PeeringStack,
  flows: peeringFlows,
});

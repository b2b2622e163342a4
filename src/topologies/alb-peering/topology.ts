import { sectionTopology } from "../topology";
import { ALB_PEERING_DEFAULTS } from "./config";
import { albPeeringFlows } from "./flows";
import { AlbPeeringStack } from "./stack";
import { validateAlbPeering } from "./validate";

export const albPeeringTopology = sectionTopology({
  stackName: "alb-peering",
  section: "albPeering",
  defaults: ALB_PEERING_DEFAULTS,
  validateSection: validateAlbPeering,
  Stack: AlbPeeringStack,
  flows: albPeeringFlows,
});

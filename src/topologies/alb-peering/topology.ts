import { validateFlowLogs } from "../../config/flow-logs";
import type { SectionTopology } from "../topology";
import { ALB_PEERING_DEFAULTS, type AlbPeeringConfig } from "./config";
import { albPeeringFlows } from "./flows";
import { AlbPeeringStack } from "./stack";
import { validateAlbPeering } from "./validate";

export const albPeeringTopology: SectionTopology<"alb-peering", "albPeering", AlbPeeringConfig> = {
  stackName: "alb-peering",
  section: "albPeering",
  defaults: ALB_PEERING_DEFAULTS,
  validate(issues, config) {
    validateAlbPeering(issues, config.albPeering, config.region);
    validateFlowLogs(issues, "albPeering.flowLogs", config.albPeering.flowLogs);
  },
  build(scope, config) {
    return new AlbPeeringStack(scope, this.stackName, { config });
  },
  flows: albPeeringFlows,
};

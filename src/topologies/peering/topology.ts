import { validateFlowLogs } from "../../config/flow-logs";
import type { SectionTopology } from "../topology";
import { PEERING_DEFAULTS, type PeeringConfig } from "./config";
import { peeringFlows } from "./flows";
import { PeeringStack } from "./stack";
import { validatePeering } from "./validate";

export const peeringTopology: SectionTopology<"peering", "peering", PeeringConfig> = {
  stackName: "peering",
  section: "peering",
  defaults: PEERING_DEFAULTS,
  validate(issues, config) {
    validatePeering(issues, config.peering, config.region);
    validateFlowLogs(issues, "peering.flowLogs", config.peering.flowLogs);
  },
  build(scope, config) {
    return new PeeringStack(scope, this.stackName, { config });
  },
  flows: peeringFlows,
};

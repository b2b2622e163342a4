import { validateFlowLogs } from "../../config/flow-logs";
import type { SectionTopology } from "../topology";
import { ENDPOINT_SHARING_DEFAULTS, type EndpointSharingConfig } from "./config";
import { endpointSharingFlows } from "./flows";
import { EndpointSharingStack } from "./stack";
import { validateEndpointSharing } from "./validate";

export const endpointSharingTopology: SectionTopology<"endpoint-sharing", "endpointSharing", EndpointSharingConfig> = {
  stackName: "endpoint-sharing",
  section: "endpointSharing",
  defaults: ENDPOINT_SHARING_DEFAULTS,
  validate(issues, config) {
    validateEndpointSharing(issues, config.endpointSharing, config.region);
    validateFlowLogs(issues, "endpointSharing.flowLogs", config.endpointSharing.flowLogs);
  },
  build(scope, config) {
    return new EndpointSharingStack(scope, this.stackName, { config });
  },
  flows: endpointSharingFlows,
};

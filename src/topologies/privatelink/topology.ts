import { validateFlowLogs } from "../../config/flow-logs";
import type { SectionTopology } from "../topology";
import { PRIVATELINK_DEFAULTS, PRIVATELINK_EMPTY_LIST_ELEMENTS, type PrivateLinkConfig } from "./config";
import { privateLinkFlows } from "./flows";
import { PrivateLinkStack } from "./stack";
import { validatePrivateLink } from "./validate";

export const privateLinkTopology: SectionTopology<"privatelink", "privatelink", PrivateLinkConfig> = {
  stackName: "privatelink",
  section: "privatelink",
  defaults: PRIVATELINK_DEFAULTS,
  emptyListElements: PRIVATELINK_EMPTY_LIST_ELEMENTS,
  validate(issues, config) {
    validatePrivateLink(issues, config.privatelink, config.region);
    validateFlowLogs(issues, "privatelink.flowLogs", config.privatelink.flowLogs);
  },
  build(scope, config) {
    return new PrivateLinkStack(scope, this.stackName, { config });
  },
  flows: privateLinkFlows,
};

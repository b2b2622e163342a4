import { sectionTopology } from "../topology";
import { PRIVATELINK_DEFAULTS, PRIVATELINK_EMPTY_LIST_ELEMENTS } from "./config";
import { privateLinkFlows } from "./flows";
import { PrivateLinkStack } from "./stack";
import { validatePrivateLink } from "./validate";

export const privateLinkTopology = sectionTopology({
  stackName: "privatelink",
  section: "privatelink",
  defaults: PRIVATELINK_DEFAULTS,
  emptyListElements: PRIVATELINK_EMPTY_LIST_ELEMENTS,
  validateSection: validatePrivateLink,
  Stack: PrivateLinkStack,
  flows: privateLinkFlows,
});

import { sectionTopology } from "../topology";
import { ENDPOINT_SHARING_DEFAULTS } from "./config";
import { endpointSharingFlows } from "./flows";
import { EndpointSharingStack } from "./stack";
import { validateEndpointSharing } from "./validate";

export const endpointSharingTopology = sectionTopology({
  stackName: "endpoint-sharing",
  section: "endpointSharing",
  defaults: ENDPOINT_SHARING_DEFAULTS,
  validateSection: validateEndpointSharing,
  Stack: EndpointSharingStack,
  flows: endpointSharingFlows,
});

import type { STACK_NAMES } from "../app";
import type { ProjectConfig } from "../config/types";
import type { StackFlows } from "../reachability/flows";
import { albPeeringFlows } from "./alb-peering-flows";
import { endpointSharingFlows } from "./endpoint-sharing-flows";
import { peeringFlows } from "./peering-flows";
import { privateLinkFlows } from "./privatelink-flows";

/** Every stack of the app states its flows; the compiler refuses a stack without an entry. */
const STACK_FLOWS: Record<(typeof STACK_NAMES)[number], (config: ProjectConfig) => StackFlows> = {
  state: () => ({
    intended: [],
    mustNot: [],
    exclusive: [],
    noNetwork: "the state bucket has no VPC; Terraform reaches it through the S3 API over TLS",
  }),
  peering: peeringFlows,
  "endpoint-sharing": endpointSharingFlows,
  "alb-peering": albPeeringFlows,
  privatelink: privateLinkFlows,
};

export function hasDeclaredFlows(stackName: string): stackName is keyof typeof STACK_FLOWS {
  return Object.hasOwn(STACK_FLOWS, stackName);
}

/** The flows a stack declares, derived from the configuration (names follow it). */
export function flowsFor(stackName: keyof typeof STACK_FLOWS, config: ProjectConfig): StackFlows {
  return STACK_FLOWS[stackName](config);
}

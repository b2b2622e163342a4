import { albPeeringTopology } from "./alb-peering/topology";
import { endpointSharingTopology } from "./endpoint-sharing/topology";
import { peeringTopology } from "./peering/topology";
import { privateLinkTopology } from "./privatelink/topology";
import { stateTopology } from "./state/topology";

/**
 * Every stack of the app, in the order a first deployment needs them (the state bucket
 * first) and the reports follow. A new topology is its folder plus one line here.
 */
export const TOPOLOGIES = [stateTopology, peeringTopology, endpointSharingTopology, privateLinkTopology, albPeeringTopology] as const;

export type StackName = (typeof TOPOLOGIES)[number]["stackName"];

/** The stacks' names, in registry order. */
export const STACK_NAMES: readonly StackName[] = TOPOLOGIES.map((topology) => topology.stackName);

export type AnyTopology = (typeof TOPOLOGIES)[number];

export function topologyOf(stackName: string): AnyTopology | undefined {
  return TOPOLOGIES.find((topology) => topology.stackName === stackName);
}

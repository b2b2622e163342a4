import type { Topology } from "../topology";
import { StateStack } from "./stack";

/** The bootstrap stack: configured by the common `state` keys, which every stack's backend reads too. */
export const stateTopology: Topology<never, never> = {
  stackName: "state",
  validate: () => undefined,
  build: (scope, config) => new StateStack(scope, "state", { config }),
  flows: () => ({
    intended: [],
    exclusive: [],
    noNetwork: "the state bucket has no VPC; Terraform reaches it through the S3 API over TLS",
  }),
};

import type { Topology } from "../topology";
import { StateStack } from "./stack";

/** The bootstrap stack: configured by the common `state` keys, which every stack's backend reads too. */
export const stateTopology: Topology<"state", never, never> = {
  stackName: "state",
  validate: () => undefined,
  build(scope, config) {
    return new StateStack(scope, this.stackName, { config });
  },
  flows: () => ({
    intended: [],
    exclusive: [],
    noNetwork: "the state bucket has no VPC; Terraform reaches it through the S3 API over TLS",
  }),
};

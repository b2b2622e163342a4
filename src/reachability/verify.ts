import { evaluateFlow, type FlowResult } from "./evaluate/evaluate-flow";
import { expandFlows, type ExpandedFlow, type StackFlows } from "./flows";
import type { NetworkModel } from "./model";

export interface FlowVerdict {
  readonly flow: ExpandedFlow;
  /** The verdict and its reason; the paths behind it are left behind, since a stack at scale has tens of thousands of flows. */
  readonly result: Pick<FlowResult, "status" | "reason">;
  /** The flow behaves as declared: reachable when intended, blocked when it must not be. */
  readonly ok: boolean;
}

export interface StackVerdict {
  readonly stackName: string;
  readonly resourceCount: number;
  readonly verdicts: FlowVerdict[];
  readonly noNetwork?: string;
  readonly ok: boolean;
}

/** Evaluates every declared flow of a stack. Unknown answers never count as proof. */
export function verifyStack(stackName: string, model: NetworkModel, flows: StackFlows): StackVerdict {
  const verdicts = expandFlows(model, flows).map((flow) => {
    const { status, reason } = evaluateFlow(model, flow);
    return { flow, result: { status, reason }, ok: status === flow.expect };
  });
  return {
    stackName,
    resourceCount: model.resourceCount,
    verdicts,
    noNetwork: flows.noNetwork,
    ok: verdicts.every((verdict) => verdict.ok),
  };
}

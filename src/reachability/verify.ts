import { evaluateFlow, type FlowResult } from "./evaluate/evaluate-flow";
import { expandFlows, type ExpandedFlow, type StackFlows } from "./flows";
import type { NetworkModel } from "./model";

export interface FlowVerdict {
  readonly flow: ExpandedFlow;
  readonly result: FlowResult;
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
    const result = evaluateFlow(model, flow);
    return { flow, result, ok: result.status === flow.expect };
  });
  return {
    stackName,
    resourceCount: model.resourceCount,
    verdicts,
    noNetwork: flows.noNetwork,
    ok: verdicts.every((verdict) => verdict.ok),
  };
}

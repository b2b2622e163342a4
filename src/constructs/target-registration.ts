import { LbTargetGroupAttachment } from "@cdktf/provider-aws/lib/lb-target-group-attachment";
import type { TerraformProvider } from "cdktf";
import type { Construct } from "constructs";
import type { HardenedInstance } from "./hardened-instance";

/**
 * Registers instances in a target group, one attachment each, created in `scope` with the
 * id `<instance id>-attachment` (stable: the instance's construct id, not its position).
 */
export function registerInstances(
  scope: Construct,
  target: { readonly targetGroupArn: string; readonly port: number; readonly provider?: TerraformProvider },
  instances: readonly HardenedInstance[],
): LbTargetGroupAttachment[] {
  return instances.map(
    (instance) =>
      new LbTargetGroupAttachment(scope, `${instance.node.id}-attachment`, {
        provider: target.provider,
        targetGroupArn: target.targetGroupArn,
        targetId: instance.id,
        port: target.port,
      }),
  );
}

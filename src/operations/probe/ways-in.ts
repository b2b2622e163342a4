import { awsServiceEndpointName } from "../../config/service-names";
import { evaluateFlow } from "../../reachability/evaluate/evaluate-flow";
import type { Instance, InstanceConnectEndpoint, NetworkModel } from "../../reachability/model";
import type { TerraformJson } from "../../terraform-json/read";
import { arnParts, deployedBody, deployedString } from "./deployed-values";

/** The endpoints the SSM Agent calls: Run Command is delivered through ssm and ec2messages, sessions through ssmmessages. */
export const SSM_AGENT_SERVICES = ["ssm", "ec2messages", "ssmmessages"] as const;

interface Entered {
  readonly instance: Instance;
  readonly instanceId: string;
  readonly region: string;
  /** How the deployed model lets the probe in, for the report. */
  readonly via: string;
}

/**
 * How the probe enters an instance: Run Command where its SSM Agent has a path to
 * Systems Manager, else SSH through an Instance Connect endpoint that reaches it, else
 * not at all, with why.
 */
export type WayIn =
  | (Entered & { readonly kind: "run-command" })
  | (Entered & { readonly kind: "instance-connect"; readonly endpoint: InstanceConnectEndpoint; readonly endpointId: string })
  | { readonly kind: "none"; readonly instance: Instance; readonly instanceId?: string; readonly reason: string };

export interface WayInContext {
  readonly model: NetworkModel;
  /** The deployed configuration the model was built from. */
  readonly json: TerraformJson;
  /** The stack's region, where an instance's ARN does not say. */
  readonly region: string;
  /** The account the probe's credentials are in; instances of another account cannot be entered with them. */
  readonly callerAccount?: string;
}

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
const ENDPOINT_ID = /^eice-[0-9a-f]{8,17}$/;

/** Whether the agent reaches every SSM endpoint on the deployed model, or the first reason it does not. */
function ssmPath(context: WayInContext, instance: Instance, region: string): { readonly ok: true; readonly via: string } | { readonly ok: false; readonly reason: string } {
  // A profile of the stack reads back as a reference to it; one made elsewhere as its name.
  const profile = deployedBody(context.json, instance.address)["iam_instance_profile"];
  if (typeof profile !== "string" || profile === "") {
    return { ok: false, reason: "it has no instance profile, which Run Command needs" };
  }
  const paths: string[] = [];
  for (const service of SSM_AGENT_SERVICES) {
    const name = awsServiceEndpointName(service, region).zoneName;
    const result = evaluateFlow(context.model, { from: { instance: instance.address }, to: { dnsName: name }, traffic: { protocol: "tcp", port: 443 } });
    if (result.status !== "reachable") return { ok: false, reason: `no path to Systems Manager: ${name} tcp/443 is ${result.status} (${result.reason})` };
    paths.push(name.split(".")[0]!);
  }
  return { ok: true, via: `Run Command: its SSM Agent reaches ${paths.join(", ")} on tcp/443 on the deployed model` };
}

/** The first Instance Connect endpoint that reaches the instance on tcp/22, or why none does. */
function instanceConnectPath(context: WayInContext, instance: Instance): { readonly endpoint: InstanceConnectEndpoint; readonly endpointId: string } | { readonly reason: string } {
  const reasons: string[] = [];
  for (const endpoint of context.model.instanceConnectEndpoints.values()) {
    const result = evaluateFlow(context.model, { from: { instanceConnectEndpoint: endpoint.address }, to: { instance: instance.address }, traffic: { protocol: "tcp", port: 22 } });
    if (result.status !== "reachable") {
      reasons.push(`${endpoint.label}: tcp/22 is ${result.status} (${result.reason})`);
      continue;
    }
    const endpointId = deployedString(context.json, endpoint.address, "id");
    if (endpointId === undefined || !ENDPOINT_ID.test(endpointId)) {
      reasons.push(`${endpoint.label} has no endpoint id in the state as AWS writes one (${String(endpointId)})`);
      continue;
    }
    return { endpoint, endpointId };
  }
  return { reason: reasons.length === 0 ? "the stack has no Instance Connect endpoint" : reasons.join("; ") };
}

export function wayIntoInstance(context: WayInContext, instance: Instance): WayIn {
  const instanceId = deployedString(context.json, instance.address, "id");
  if (instanceId === undefined || !INSTANCE_ID.test(instanceId)) {
    return { kind: "none", instance, reason: `the state holds no instance id for it as AWS writes one (${String(deployedBody(context.json, instance.address)["id"])})` };
  }
  const arn = arnParts(deployedString(context.json, instance.address, "arn"));
  const region = arn?.region ?? context.region;
  if (arn !== undefined && context.callerAccount !== undefined && arn.account !== context.callerAccount) {
    return {
      kind: "none",
      instance,
      instanceId,
      reason: `it is in account ${arn.account}, and the probe's credentials are in ${context.callerAccount}: run the probe again with credentials of ${arn.account}`,
    };
  }
  const ssm = ssmPath(context, instance, region);
  if (ssm.ok) return { kind: "run-command", instance, instanceId, region, via: ssm.via };
  const connect = instanceConnectPath(context, instance);
  if ("endpoint" in connect) {
    return { kind: "instance-connect", instance, instanceId, region, ...connect, via: `SSH through the Instance Connect endpoint ${connect.endpoint.label} (${connect.endpointId})` };
  }
  return { kind: "none", instance, instanceId, reason: `Run Command: ${ssm.reason}; Instance Connect: ${connect.reason}` };
}

/** The way into every instance of the deployed stack, by model address. */
export function waysIn(context: WayInContext): Map<string, WayIn> {
  return new Map([...context.model.instances.values()].map((instance) => [instance.address, wayIntoInstance(context, instance)]));
}

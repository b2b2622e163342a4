import type { NetworkModel } from "../model";
import { attachmentIn } from "./attachments";
import { decidingCheck, fail, statusOf, unknown, type Check, type PathResult } from "./checks";
import { resolveName } from "./dns";
import { loadBalancerPaths } from "./load-balancer";
import { findElement, resolveSource, type DestinationSpec, type ResolvedSource, type SourceSpec } from "./parties";
import { segmentChecks } from "./segment";
import type { Traffic } from "./traffic";
import { vpcEndpointPaths } from "./vpc-endpoint";

export interface Flow {
  readonly from: SourceSpec;
  readonly to: DestinationSpec;
  readonly traffic: Traffic;
}

/**
 * `reachable`: every path a client may take works. `blocked`: none does. `partial`:
 * some do (a connection fails depending on the address DNS hands out). `unknown`: the
 * answer depends on values known only after apply, or the flow names something the
 * stack does not have.
 */
export type FlowStatus = "reachable" | "blocked" | "partial" | "unknown";

export interface FlowResult {
  readonly status: FlowStatus;
  /** For a reachable flow the components it passes; otherwise the first that blocks, and why. */
  readonly reason: string;
  readonly paths: PathResult[];
}

function destinationPaths(model: NetworkModel, source: ResolvedSource, to: DestinationSpec, traffic: Traffic): PathResult[] {
  const only = (check: Check): PathResult[] => [{ name: "", checks: [check] }];
  if ("instance" in to) {
    const found = findElement(model, model.instances, "instance", to.instance);
    if (!found.ok) {
      return only(found.check);
    }
    const instance = found.value;
    const target = attachmentIn(model, instance.label, instance.subnet, instance.securityGroups, instance.privateIp);
    if (!target.ok) {
      return only(target.check);
    }
    if (!source.attachment) {
      return only(
        instance.publicIp === false
          ? fail(instance.label, `${instance.label} has no public IP address, and ${source.outside}`)
          : unknown(instance.label, `${source.outside}; paths through internet gateways are not modelled`),
      );
    }
    return [{ name: instance.label, checks: segmentChecks(model, source.attachment, target.value, traffic, { seenAs: source.seenAs }) }];
  }
  if ("loadBalancer" in to) {
    const found = findElement(model, model.loadBalancers, "load balancer", to.loadBalancer);
    return found.ok ? loadBalancerPaths(model, source, found.value, traffic) : only(found.check);
  }
  if ("vpcEndpoint" in to) {
    const found = findElement(model, model.vpcEndpoints, "VPC endpoint", to.vpcEndpoint);
    return found.ok ? vpcEndpointPaths(model, source, found.value, traffic) : only(found.check);
  }
  if (!source.attachment) {
    return only(fail(to.dnsName, `${source.outside}; it does not use the Route 53 Resolver of any VPC here`));
  }
  const resolution = resolveName(model, source.attachment.vpc, to.dnsName);
  if (!resolution.target) {
    return [{ name: to.dnsName, checks: resolution.checks }];
  }
  const target = resolution.target;
  const onward =
    target.kind === "load-balancer"
      ? loadBalancerPaths(model, source, model.loadBalancers.get(target.address)!, traffic)
      : target.kind === "vpc-endpoint"
        ? vpcEndpointPaths(model, source, model.vpcEndpoints.get(target.address)!, traffic)
        : destinationPaths(model, source, { instance: target.address }, traffic);
  return onward.map((path) => ({ name: path.name, checks: [...resolution.checks, ...path.checks] }));
}

function summaryOf(checks: readonly Check[]): string {
  const components = checks.filter((check) => check.outcome === "pass" && !check.quiet).map((check) => check.component);
  return components.filter((component, index) => components.indexOf(component) === index).join(" -> ");
}

/** Evaluates one flow on the model: every path, and the verdict over all of them. */
export function evaluateFlow(model: NetworkModel, flow: Flow): FlowResult {
  const source = resolveSource(model, flow.from);
  if (!source.ok) {
    return { status: "unknown", reason: source.check.detail, paths: [] };
  }
  const paths = destinationPaths(model, source.value, flow.to, flow.traffic);
  if (paths.length === 0) {
    return { status: "unknown", reason: "no path to evaluate (the destination has no subnet this stack describes)", paths };
  }
  const statuses = paths.map((path) => statusOf(path.checks));
  const firstWith = (status: (typeof statuses)[number]) => paths[statuses.indexOf(status)]!;
  if (statuses.every((status) => status === "reachable")) {
    return { status: "reachable", reason: `via ${summaryOf(paths[0]!.checks)}`, paths };
  }
  if (statuses.every((status) => status === "blocked")) {
    return { status: "blocked", reason: decidingCheck(paths[0]!.checks)!.detail, paths };
  }
  if (statuses.includes("reachable") && statuses.includes("blocked")) {
    const blocked = firstWith("blocked");
    return { status: "partial", reason: `${blocked.name}: ${decidingCheck(blocked.checks)!.detail} (other paths work)`, paths };
  }
  const undecided = firstWith("unknown");
  return { status: "unknown", reason: decidingCheck(undecided.checks)!.detail, paths };
}

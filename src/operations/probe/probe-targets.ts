import { cidrsOverlap, parseCidr } from "../../config/cidr";
import { resolveName } from "../../reachability/evaluate/dns";
import { findElement, type DestinationSpec } from "../../reachability/evaluate/parties";
import type { Traffic } from "../../reachability/evaluate/traffic";
import type { NetworkModel, Vpc } from "../../reachability/model";
import { normalizeDnsName } from "../../reachability/read-dns";
import type { TerraformJson } from "../../terraform-json/read";
import { deployedString, endpointDnsName } from "./deployed-values";
import { targetProblem, type ProbeKind, type ProbeTarget } from "./probe-commands";

/** Ports the articles served plain HTTP on (httpd on 80, the web servers on 8080): curl shows what answered. */
const HTTP_PORTS: ReadonlySet<number> = new Set([80, 8080]);

/** What a flow's traffic is probed with; undefined for UDP, where silence tells blocked from ignored apart no better than a guess. */
export function probeKindOf(model: NetworkModel, to: DestinationSpec, traffic: Traffic): Exclude<ProbeKind, "dns"> | undefined {
  if (traffic.protocol === "icmp") return "ping";
  if (traffic.protocol === "udp") return undefined;
  if (HTTP_PORTS.has(traffic.port)) return "http";
  if ("loadBalancer" in to) {
    const found = findElement(model, model.loadBalancers, "load balancer", to.loadBalancer);
    const http = found.ok && [...model.listeners.values()].some((listener) => listener.loadBalancer === found.value.address && listener.port === traffic.port && /^HTTPS?$/i.test(String(listener.protocol)));
    if (http) return "http";
  }
  return "tcp";
}

export type Found<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Where a probe sends the flow's traffic: the deployed address or DNS name of its destination, as the article used it. */
export function probeTargetOf(model: NetworkModel, json: TerraformJson, to: DestinationSpec, traffic: Traffic): Found<ProbeTarget> {
  const port = traffic.protocol === "icmp" ? {} : { port: traffic.port };
  let host: string | undefined;
  let what: string;
  if ("instance" in to) {
    const found = findElement(model, model.instances, "instance", to.instance);
    if (!found.ok) return { ok: false, problem: found.check.detail };
    host = typeof found.value.privateIp === "string" ? found.value.privateIp : undefined;
    what = `${found.value.label}'s private address`;
  } else if ("loadBalancer" in to) {
    const found = findElement(model, model.loadBalancers, "load balancer", to.loadBalancer);
    if (!found.ok) return { ok: false, problem: found.check.detail };
    host = deployedString(json, found.value.address, "dns_name");
    what = `${found.value.label}'s DNS name`;
  } else if ("vpcEndpoint" in to) {
    const found = findElement(model, model.vpcEndpoints, "VPC endpoint", to.vpcEndpoint);
    if (!found.ok) return { ok: false, problem: found.check.detail };
    host = endpointDnsName(json, found.value.address);
    what = `${found.value.label}'s DNS name`;
  } else {
    host = normalizeDnsName(to.dnsName);
    what = to.dnsName;
  }
  if (host === undefined) return { ok: false, problem: `the state holds no ${what}` };
  const target = { host, ...port };
  const problem = targetProblem(target);
  return problem === undefined ? { ok: true, value: target } : { ok: false, problem: `${what}: ${problem}` };
}

/** The VPC of a destination, as the source's VPC would reach it (a name resolved through the zones it sees). */
export function destinationVpc(model: NetworkModel, sourceVpc: Vpc, to: DestinationSpec): Vpc | undefined {
  const vpcOfSubnet = (subnet: unknown) => (typeof subnet === "string" ? model.subnets.get(subnet)?.vpc : undefined);
  const vpc = (address: unknown) => (typeof address === "string" ? model.vpcs.get(address) : undefined);
  if ("instance" in to) {
    const found = findElement(model, model.instances, "instance", to.instance);
    return found.ok ? vpc(vpcOfSubnet(found.value.subnet)) : undefined;
  }
  if ("loadBalancer" in to) {
    const found = findElement(model, model.loadBalancers, "load balancer", to.loadBalancer);
    return found.ok ? vpc(vpcOfSubnet(found.value.subnets[0])) : undefined;
  }
  if ("vpcEndpoint" in to) {
    const found = findElement(model, model.vpcEndpoints, "VPC endpoint", to.vpcEndpoint);
    return found.ok ? vpc(found.value.vpc) : undefined;
  }
  const target = resolveName(model, sourceVpc, to.dnsName).target;
  if (target === undefined) return undefined;
  const next: DestinationSpec =
    target.kind === "vpc-endpoint" ? { vpcEndpoint: target.address } : target.kind === "load-balancer" ? { loadBalancer: target.address } : { instance: target.address };
  return destinationVpc(model, sourceVpc, next);
}

/** A block of `inner` that overlaps a block of `outer`, if any. */
export function overlappingBlock(outer: Vpc, inner: Vpc): string | undefined {
  const blocks = (vpc: Vpc) => vpc.cidrs.flatMap((cidr) => (typeof cidr === "string" ? [cidr] : []));
  for (const a of blocks(outer)) {
    const left = parseCidr(a);
    for (const b of blocks(inner)) {
      const right = parseCidr(b);
      if (left.ok && right.ok && cidrsOverlap(left.cidr, right.cidr)) return a;
    }
  }
  return undefined;
}

import { zoneNameOfServiceName } from "../../config/service-names";
import type { DnsRecord, HostedZone, NetworkModel, Vpc } from "../model";
import { normalizeDnsName } from "../read-dns";
import { referenceIn, Unknown } from "../values";
import { fail, pass, unknown, type Check } from "./checks";

/** What a name leads to, as far as the stack says. */
export type NameTarget =
  | { readonly kind: "load-balancer"; readonly address: string }
  | { readonly kind: "vpc-endpoint"; readonly address: string }
  | { readonly kind: "instance"; readonly address: string };

export interface Resolution {
  readonly checks: Check[];
  readonly target?: NameTarget;
}

function zonesSeenBy(model: NetworkModel, vpc: Vpc): { zone: HostedZone; via: string }[] {
  return [...model.hostedZones.values()].flatMap((zone) =>
    zone.associations.filter((association) => association.vpc === vpc.address).map((association) => ({ zone, via: association.via })),
  );
}

/**
 * An expression that picks one of an interface endpoint's DNS entries (`[for entry in
 * aws_vpc_endpoint.x.dns_entry : entry if ...][0].dns_name`) names that endpoint, as a
 * plain `dns_entry[0]` reference does.
 */
const ENDPOINT_DNS_ENTRY = /^\$\{\[for \w+ in (aws_vpc_endpoint\.[A-Za-z0-9_-]+)\.dns_entry : [^$]*\]\[0\]\.dns_name\}$/;

function targetOfValue(model: NetworkModel, value: string): NameTarget | undefined {
  const picked = ENDPOINT_DNS_ENTRY.exec(value)?.[1];
  if (picked !== undefined) {
    return { kind: "vpc-endpoint", address: picked };
  }
  const reference = referenceIn(value);
  if (reference?.address.startsWith("aws_lb.") || reference?.address.startsWith("aws_alb.")) {
    return { kind: "load-balancer", address: reference.address };
  }
  if (reference?.address.startsWith("aws_vpc_endpoint.")) {
    return { kind: "vpc-endpoint", address: reference.address };
  }
  if (reference?.address.startsWith("aws_instance.")) {
    return { kind: "instance", address: reference.address };
  }
  const instance = [...model.instances.values()].find((candidate) => candidate.privateIp === value);
  return instance ? { kind: "instance", address: instance.address } : undefined;
}

function followRecord(model: NetworkModel, vpc: Vpc, record: DnsRecord, depth: number): Resolution {
  const value = record.alias ?? record.values[0];
  if (value === undefined) {
    return { checks: [fail(record.label, `${record.label} has no value`)] };
  }
  const target = targetOfValue(model, value);
  if (target) {
    return {
      checks: [pass(record.label, `${record.alias ? "alias" : record.type} to ${model.loadBalancers.get(target.address)?.label ?? model.vpcEndpoints.get(target.address)?.label ?? model.instances.get(target.address)?.label ?? target.address}`, [record.address])],
      target,
    };
  }
  const reference = referenceIn(value);
  if (reference?.address.startsWith("aws_route53_record.")) {
    const next = model.dnsRecords.get(reference.address);
    if (next && typeof next.name === "string") {
      const onward = resolveName(model, vpc, next.name, depth + 1);
      return { checks: [pass(record.label, `alias to ${next.name}`, [record.address]), ...onward.checks], target: onward.target };
    }
  }
  if (record.type === "CNAME" && !value.includes("${")) {
    const onward = resolveName(model, vpc, value, depth + 1);
    return { checks: [pass(record.label, `CNAME to ${value}`, [record.address]), ...onward.checks], target: onward.target };
  }
  return { checks: [unknown(record.label, `${record.label} points at ${value}, which this stack does not describe`)] };
}

/**
 * Resolves `name` the way the Route 53 Resolver in `vpc` would: the most specific
 * private hosted zone associated with the VPC (directly or through a Route 53 profile)
 * answers, and a name under such a zone without a record is not looked up publicly;
 * otherwise an interface endpoint of the VPC with private DNS answers for its service;
 * otherwise public DNS answers, which a private network cannot use.
 */
export function resolveName(model: NetworkModel, vpc: Vpc, name: string, depth = 0): Resolution {
  const wanted = normalizeDnsName(name);
  if (depth > 5) {
    return { checks: [fail(wanted, "the name's records loop")] };
  }
  if (vpc.dnsSupport === false) {
    return { checks: [fail(vpc.label, `${vpc.label} has DNS resolution off (enable_dns_support = false), so nothing in it resolves ${wanted}`)] };
  }
  if (vpc.dnsSupport instanceof Unknown) {
    return { checks: [unknown(vpc.label, `whether DNS resolution is on: ${vpc.dnsSupport.toString()}`)] };
  }
  const candidates = zonesSeenBy(model, vpc)
    .filter(({ zone }) => zone.isPrivate && (wanted === zone.name || wanted.endsWith(`.${zone.name}`)))
    .sort((a, b) => b.zone.name.length - a.zone.name.length);
  const best = candidates[0];
  if (best) {
    if (vpc.dnsHostnames !== true) {
      return {
        checks: [fail(vpc.label, `${vpc.label} has DNS hostnames off (enable_dns_hostnames = false); private hosted zones such as ${best.zone.name} answer only in VPCs with DNS support and DNS hostnames on`)],
      };
    }
    const records = [...model.dnsRecords.values()].filter(
      (record) => record.zone === best.zone.address && record.name === wanted && ["A", "AAAA", "CNAME"].includes(record.type),
    );
    const record = records.find((candidate) => candidate.type === "A") ?? records[0];
    const unnamed = [...model.dnsRecords.values()].find((candidate) => candidate.zone === best.zone.address && candidate.name instanceof Unknown);
    if (!record && unnamed) {
      return { checks: [unknown(best.zone.label, `no record ${wanted} is known in ${best.zone.name}, and ${unnamed.address} has a name known only after apply`)] };
    }
    if (!record) {
      return { checks: [fail(best.zone.label, `private zone ${best.zone.name} (seen by ${vpc.label} through ${best.via}) has no record ${wanted}; names under it are not looked up in public DNS`, [best.zone.address])] };
    }
    const followed = followRecord(model, vpc, record, depth);
    return {
      checks: [pass(best.zone.label, `${wanted} is in private zone ${best.zone.name}, associated with ${vpc.label} through ${best.via}`, [best.zone.address, best.via.split(" ")[0]!]), ...followed.checks],
      target: followed.target,
    };
  }
  for (const endpoint of model.vpcEndpoints.values()) {
    if (endpoint.vpc !== vpc.address || endpoint.privateDns !== true) {
      continue;
    }
    const serviceName = typeof endpoint.serviceName === "string" ? zoneNameOfServiceName(endpoint.serviceName) : undefined;
    const service = endpoint.endpointService ? model.endpointServices.get(endpoint.endpointService) : undefined;
    if (serviceName === wanted || (typeof service?.privateDnsName === "string" && normalizeDnsName(service.privateDnsName) === wanted)) {
      return {
        checks: [pass(endpoint.label, `${wanted} answers with ${endpoint.label}'s addresses (private DNS of the endpoint, inside ${vpc.label} only)`, [endpoint.address, ...(endpoint.privateDnsSetBy ? [endpoint.privateDnsSetBy] : [])])],
        target: { kind: "vpc-endpoint", address: endpoint.address },
      };
    }
  }
  const serviceHint = /\.amazonaws\.com$/.test(wanted)
    ? `it resolves to the public ${wanted.split(".")[0]} endpoint: no private hosted zone for ${wanted} is associated with ${vpc.label}, and no interface endpoint with private DNS is in ${vpc.label}`
    : `no private hosted zone associated with ${vpc.label} holds ${wanted}, so it resolves through public DNS, if at all`;
  return { checks: [fail(vpc.label, serviceHint, [vpc.address])] };
}

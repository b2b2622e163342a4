import type { Element, NetworkModel, Subnet } from "../model";
import { attachmentIn, type Attachment, type Lookup, type SeenAs, seenAs } from "./attachments";
import { unknown } from "./checks";
import { relate } from "./ranges";

/** Where a flow starts. Names are Name tags with or without the stack prefix, or addresses. */
export type SourceSpec =
  | { readonly instance: string }
  | { readonly instanceConnectEndpoint: string }
  /**
   * An address range not described by the stack (no known security groups), e.g. another
   * host in a subnet. `subnet` (a model address) says which subnet when VPCs overlap;
   * otherwise the first subnet containing the range is meant.
   */
  | { readonly cidr: string; readonly label: string; readonly subnet?: string };

/** Where a flow goes. A DNS name is resolved through the zones the source's VPC sees. */
export type DestinationSpec =
  | { readonly instance: string }
  | { readonly loadBalancer: string }
  | { readonly vpcEndpoint: string }
  | { readonly dnsName: string };

export function describeParty(party: SourceSpec | DestinationSpec): string {
  if ("cidr" in party) {
    return party.label;
  }
  return Object.values(party)[0] as string;
}

/** Each element map's elements by every name that designates them, built once per map. */
const byName = new WeakMap<Map<string, Element>, Map<string, Element[]>>();

/** The names `element` answers to: its label, its label without the stack prefix, its address. */
function namesOf(model: NetworkModel, element: Element): Set<string> {
  const prefix = `${model.stackName}-`;
  return new Set([element.label, element.address, ...(element.label.startsWith(prefix) ? [element.label.slice(prefix.length)] : [])]);
}

function elementsNamed<T extends Element>(model: NetworkModel, elements: Map<string, T>, name: string): T[] {
  let index = byName.get(elements);
  if (index === undefined) {
    index = new Map();
    for (const element of elements.values()) {
      for (const key of namesOf(model, element)) index.set(key, [...(index.get(key) ?? []), element]);
    }
    byName.set(elements, index);
  }
  return (index.get(name) ?? []) as T[];
}

/** The element of `elements` that `name` designates; naming none or several is unknown, never a verdict. */
export function findElement<T extends Element>(model: NetworkModel, elements: Map<string, T>, kind: string, name: string): Lookup<T> {
  const matches = elementsNamed(model, elements, name);
  if (matches.length === 1) {
    return { ok: true, value: matches[0]! };
  }
  const known = [...elements.values()].map((element) => element.label).join(", ") || "none";
  return {
    ok: false,
    check: unknown(
      name,
      matches.length === 0 ? `the stack has no ${kind} named ${name} (its ${kind}s: ${known})` : `${matches.length} ${kind}s are named ${name}; name one by its address`,
    ),
  };
}

/** The subnet an address-range source sits in: the one it names, else the first that contains it. */
export function subnetOfRange(model: NetworkModel, spec: { readonly cidr: string; readonly subnet?: string }): Subnet | undefined {
  if (spec.subnet !== undefined) {
    return model.subnets.get(spec.subnet);
  }
  return [...model.subnets.values()].find((candidate) => typeof candidate.cidr === "string" && relate(candidate.cidr, spec.cidr) === "contains");
}

/** A flow's sender: where its packets leave from, and how receivers see it. */
export interface ResolvedSource {
  readonly attachment?: Attachment;
  readonly seenAs: SeenAs;
  /** Why the source is outside every VPC of the stack, when it is. */
  readonly outside?: string;
}

export function resolveSource(model: NetworkModel, spec: SourceSpec): Lookup<ResolvedSource> {
  if ("instance" in spec) {
    const found = findElement(model, model.instances, "instance", spec.instance);
    if (!found.ok) {
      return found;
    }
    const instance = found.value;
    const attachment = attachmentIn(model, instance.label, instance.subnet, instance.securityGroups, instance.privateIp);
    return attachment.ok ? { ok: true, value: { attachment: attachment.value, seenAs: seenAs(attachment.value) } } : attachment;
  }
  if ("instanceConnectEndpoint" in spec) {
    const found = findElement(model, model.instanceConnectEndpoints, "Instance Connect endpoint", spec.instanceConnectEndpoint);
    if (!found.ok) {
      return found;
    }
    const endpoint = found.value;
    const attachment = attachmentIn(model, endpoint.label, endpoint.subnet, endpoint.securityGroups);
    if (!attachment.ok) {
      return attachment;
    }
    const preserved = endpoint.preserveClientIp !== false;
    return {
      ok: true,
      value: {
        attachment: attachment.value,
        seenAs: preserved
          ? {
              description: `the operator's address (${endpoint.label} has preserve_client_ip = true, so targets see the client, not the endpoint)`,
              groups: [],
            }
          : seenAs(attachment.value),
      },
    };
  }
  const subnet = subnetOfRange(model, spec);
  if (!subnet) {
    return { ok: true, value: { seenAs: { description: `${spec.label} (${spec.cidr})`, range: spec.cidr, groups: [] }, outside: `${spec.cidr} is in no subnet of this stack` } };
  }
  const attachment = attachmentIn(model, spec.label, subnet.address, undefined, undefined);
  if (!attachment.ok) {
    return attachment;
  }
  const located: Attachment = { ...attachment.value, range: spec.cidr };
  return { ok: true, value: { attachment: located, seenAs: seenAs(located) } };
}

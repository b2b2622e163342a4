import { isPlainObject } from "../config/json-object";
import type { TerraformJson } from "../terraform-json/read";
import type { StateResource } from "../terraform-json/state";
import { managedEntries, withoutManagedEntries } from "./managed-elsewhere";

/**
 * Attributes besides `id` and `arn` whose value stands for a resource when another one
 * holds it, as the configuration refers to them (`${aws_vpc.x.default_security_group_id}`).
 * `dns` ones are compared as DNS names: Route 53 stores alias targets in lower case.
 */
const STANDS_FOR: Readonly<Record<string, readonly { readonly path: string; readonly dns?: boolean }[]>> = {
  aws_vpc: [{ path: "default_security_group_id" }, { path: "default_network_acl_id" }, { path: "default_route_table_id" }, { path: "main_route_table_id" }],
  aws_ec2_transit_gateway: [{ path: "association_default_route_table_id" }, { path: "propagation_default_route_table_id" }],
  aws_route53_zone: [{ path: "zone_id" }],
  aws_lb: [{ path: "dns_name", dns: true }],
  aws_alb: [{ path: "dns_name", dns: true }],
  aws_vpc_endpoint_service: [{ path: "service_name" }],
  aws_vpc_endpoint: [{ path: "dns_entry[*].dns_name", dns: true }],
  aws_route53_record: [{ path: "fqdn", dns: true }],
};

/**
 * Resources that take over or configure another one and so share its id: a value both
 * hold stands for the other (a route names the peering connection, not its accepter).
 */
const SHARES_ANOTHERS_ID = /_(accepter|options|private_dns)$/;

interface Owner {
  readonly reference: string;
  readonly address: string;
  /** Lower is the better claim: an id before another attribute, a resource before what adopts it. */
  readonly rank: number;
}

function normalizedDnsName(value: string): string {
  return value.toLowerCase().replace(/\.$/, "").replace(/^dualstack\./, "");
}

/** Values at `path` (`a`, `a[*].b`) of a resource's attributes, with the concrete path of each. */
function valuesAt(values: Readonly<Record<string, unknown>>, path: string): { readonly path: string; readonly value: string }[] {
  const [head, rest] = path.split("[*].") as [string, string | undefined];
  const value = values[head];
  if (rest === undefined) return typeof value === "string" && value !== "" ? [{ path: head, value }] : [];
  return (Array.isArray(value) ? value : []).flatMap((item, index) =>
    isPlainObject(item) && typeof item[rest] === "string" && item[rest] !== "" ? [{ path: `${head}[${index}].${rest}`, value: item[rest] as string }] : [],
  );
}

class OwnerIndex {
  private readonly exact = new Map<string, Owner>();
  private readonly dnsNames = new Map<string, Owner>();

  constructor(resources: readonly StateResource[]) {
    for (const resource of resources) {
      const adopts = SHARES_ANOTHERS_ID.test(resource.type) ? 1 : 0;
      for (const attribute of ["id", "arn"]) {
        for (const { path, value } of valuesAt(resource.values, attribute)) this.claim(this.exact, value, { reference: `\${${resource.address}.${path}}`, address: resource.address, rank: adopts });
      }
      for (const { path, dns } of STANDS_FOR[resource.type] ?? []) {
        for (const found of valuesAt(resource.values, path)) {
          const owner = { reference: `\${${resource.address}.${found.path}}`, address: resource.address, rank: 2 + adopts };
          if (dns) this.claim(this.dnsNames, normalizedDnsName(found.value), owner);
          else this.claim(this.exact, found.value, owner);
        }
      }
    }
  }

  private claim(index: Map<string, Owner>, value: string, owner: Owner): void {
    const current = index.get(value);
    if (current === undefined || owner.rank < current.rank) index.set(value, owner);
  }

  /** The reference a value stands for, unless the value is `self`'s own. */
  referenceFor(value: string, self: string): string | undefined {
    const owner = this.exact.get(value) ?? (value.includes(".") ? this.dnsNames.get(normalizedDnsName(value)) : undefined);
    return owner === undefined || owner.address === self ? undefined : owner.reference;
  }
}

/**
 * The attributes of a resource as configuration: every value that another resource of
 * the state stands for becomes a reference to it, so that the model links what the
 * configuration linked; the empty strings with which the provider records an unset
 * argument are left out, as an unset argument is. Tags stay as they are.
 */
function asArguments(value: unknown, index: OwnerIndex, self: string, key?: string): unknown {
  if (typeof value === "string") return index.referenceFor(value, self) ?? value;
  if (Array.isArray(value)) return value.map((item) => asArguments(item, index, self));
  if (isPlainObject(value)) {
    if (key === "tags" || key === "tags_all") return value;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== "" && item !== null)
        .map(([name, item]) => [name, asArguments(item, index, self, name)]),
    );
  }
  return value;
}

export interface StateAsConfigOptions {
  readonly stackName: string;
  /** The stack as synthesized: its providers and construct paths where the state does not say. */
  readonly synthesized?: TerraformJson;
}

/**
 * A stack's state in the shape of its synthesized configuration, for the model to read
 * deployed values (resolved ids, addresses, names) exactly as it reads a synth: one
 * reader, one model. What the provider found on refresh counts, also what no resource
 * of the stack manages (a rule added by hand shows in its group's `ingress`).
 */
export function stateAsConfig(resources: readonly StateResource[], options: StateAsConfigOptions): TerraformJson {
  const index = new OwnerIndex(resources);
  const managed = managedEntries(resources);
  const synthesized = options.synthesized?.resource ?? {};
  const resource: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const entry of resources) {
    const configured = synthesized[entry.type]?.[entry.name];
    const provider = entry.provider ?? (typeof configured?.["provider"] === "string" ? configured["provider"] : undefined);
    const body = asArguments(withoutManagedEntries(entry.type, entry.values, managed), index, entry.address) as Record<string, unknown>;
    if (entry.type === "aws_instance" && typeof entry.values["public_ip"] === "string") {
      // Deployed, an instance is reachable from outside by the address it has, whatever
      // was asked at launch (the flag reads back as the interface's association).
      body["associate_public_ip_address"] = entry.values["public_ip"] !== "";
    }
    resource[entry.type] ??= {};
    resource[entry.type]![entry.name] = {
      ...body,
      ...(provider === undefined || provider === "aws" ? {} : { provider }),
      ...(configured?.["//"] === undefined ? {} : { "//": configured["//"] }),
    };
  }
  return { "//": { metadata: { stackName: options.stackName } }, resource };
}

import type { DnsRecord, HostedZone } from "./model";
import type { ReadContext } from "./read-context";
import { blocksOf, listOf, Unknown } from "./values";

export function normalizeDnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}

/**
 * Hosted zones and which VPCs see them: `vpc` blocks on the zone,
 * `aws_route53_zone_association`, and Route 53 Profiles (zone in a profile, profile
 * associated with a VPC).
 */
export function readHostedZones(context: ReadContext): Map<string, HostedZone> {
  const zones = new Map<string, HostedZone>();
  for (const block of context.blocks("aws_route53_zone")) {
    const name = context.literal(block.body["name"]);
    const inline = blocksOf(block.body["vpc"]);
    zones.set(block.address, {
      address: block.address,
      label: typeof name === "string" ? normalizeDnsName(name) : block.address,
      name: typeof name === "string" ? normalizeDnsName(name) : "",
      isPrivate: inline.length > 0,
      associations: inline.map((vpc) => ({ vpc: context.idOf(vpc["vpc_id"], "aws_vpc"), via: `${block.address} (vpc block)` })),
    });
  }
  const zoneFor = (value: unknown) => zones.get(String(context.idOf(value, "aws_route53_zone")));
  for (const block of context.blocks("aws_route53_zone_association")) {
    zoneFor(block.body["zone_id"])?.associations.push({ vpc: context.idOf(block.body["vpc_id"], "aws_vpc"), via: block.address });
  }
  const vpcsOfProfile = new Map<string, { vpc: ReturnType<ReadContext["idOf"]>; via: string }[]>();
  for (const block of context.blocks("aws_route53profiles_association")) {
    const profile = String(context.idOf(block.body["profile_id"], "aws_route53profiles_profile"));
    vpcsOfProfile.set(profile, [
      ...(vpcsOfProfile.get(profile) ?? []),
      { vpc: context.idOf(block.body["resource_id"], "aws_vpc"), via: `${profile} (Route 53 profile, ${block.address})` },
    ]);
  }
  for (const block of context.blocks("aws_route53profiles_resource_association")) {
    const zone = zoneFor(block.body["resource_arn"]);
    const profile = String(context.idOf(block.body["profile_id"], "aws_route53profiles_profile"));
    zone?.associations.push(...(vpcsOfProfile.get(profile) ?? []));
  }
  return zones;
}

/** Records, with names made fully qualified the way the provider does it. */
export function readDnsRecords(context: ReadContext, zones: Map<string, HostedZone>): Map<string, DnsRecord> {
  const records = new Map<string, DnsRecord>();
  for (const block of context.blocks("aws_route53_record")) {
    const zone = context.idOf(block.body["zone_id"], "aws_route53_zone");
    const zoneName = typeof zone === "string" ? zones.get(zone)?.name : undefined;
    const written = context.literal(block.body["name"]);
    let name: DnsRecord["name"] = written ?? new Unknown("no name");
    if (typeof written === "string" && zoneName) {
      const normalized = normalizeDnsName(written);
      name = normalized === "" || normalized === zoneName || normalized.endsWith(`.${zoneName}`) ? normalized || zoneName : `${normalized}.${zoneName}`;
    }
    const alias = blocksOf(block.body["alias"])[0];
    records.set(block.address, {
      address: block.address,
      label: typeof name === "string" ? `${name} ${String(block.body["type"])}` : block.address,
      zone,
      name,
      type: String(block.body["type"] ?? "A"),
      alias: alias === undefined ? undefined : String(alias["name"]),
      values: listOf(block.body["records"]).map(String),
    });
  }
  return records;
}

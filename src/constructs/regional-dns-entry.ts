import type { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";

/**
 * The regional entry among an interface endpoint's DNS names. AWS lists it beside one
 * entry per zone (and the private DNS name, when there is one) and documents no order,
 * so it is picked by its form: its first label is `vpce-<id>-<suffix>`, where a zonal
 * one goes on with the zone (`...-ap-northeast-1a`) and a private name has no `vpce-`.
 * S3's entries are wildcards (`*.vpce-...`), and keep the `*.`.
 */
export function regionalDnsEntry(endpoint: VpcEndpoint): { readonly dnsName: string; readonly hostedZoneId: string } {
  const entry = `[for entry in ${endpoint.fqn}.dns_entry : entry if length(regexall("^(\\\\*\\\\.)?vpce-[0-9a-z]+-[0-9a-z]+\\\\.", entry.dns_name)) > 0][0]`;
  return { dnsName: `\${${entry}.dns_name}`, hostedZoneId: `\${${entry}.hosted_zone_id}` };
}

import { cidrsOverlap, parseCidr } from "./cidr";
import {
  checkDnsLabel,
  checkDnsName,
  checkName,
  checkNoOverlap,
  checkNotReserved,
  checkPort,
  checkRoleArn,
  checkSubnetInside,
  checkUniqueNames,
  checkVpcCidr,
  checkZoneLetter,
  type Issues,
} from "./checks";
import { ALB_PEERING_STACK_IDS, PRIVATE_NETWORK_IDS } from "./reserved-names";
import type { AlbPeeringConfig, SubnetConfig } from "./types";

/** An ALB needs 8 free addresses in each of its subnets, so AWS refuses subnets smaller than /27. */
const ALB_SMALLEST_SUBNET_PREFIX = 27;

function checkSubnets(issues: Issues, key: string, subnets: readonly SubnetConfig[], vpc: Parameters<typeof checkSubnetInside>[3], region: string) {
  subnets.forEach((subnet, index) => {
    const subnetKey = `${key}[${index}]`;
    checkName(issues, `${subnetKey}.name`, subnet.name);
    checkNotReserved(issues, `${subnetKey}.name`, subnet.name, PRIVATE_NETWORK_IDS);
    checkSubnetInside(issues, `${subnetKey}.cidr`, subnet.cidr, vpc);
    checkZoneLetter(issues, `${subnetKey}.availabilityZone`, subnet.availabilityZone, region);
    const parsed = parseCidr(subnet.cidr);
    if (parsed.ok && parsed.cidr.prefixLength > ALB_SMALLEST_SUBNET_PREFIX) {
      issues.push({
        key: `${subnetKey}.cidr`,
        value: subnet.cidr,
        rule: `must be /${ALB_SMALLEST_SUBNET_PREFIX} or larger: the ALB needs at least 8 free addresses in each of its subnets`,
      });
    }
  });
  subnets.forEach((subnet, index) => {
    const earlier = subnets.slice(0, index).findIndex((other) => {
      const a = parseCidr(other.cidr);
      const b = parseCidr(subnet.cidr);
      return a.ok && b.ok && cidrsOverlap(a.cidr, b.cidr);
    });
    if (earlier >= 0) {
      issues.push({ key: `${key}[${index}].cidr`, value: subnet.cidr, rule: `overlaps ${key}[${earlier}].cidr (${subnets[earlier]!.cidr}); subnets of a VPC must not overlap` });
    }
  });
  const zones = new Set(subnets.map((subnet) => subnet.availabilityZone));
  if (zones.size < 2) {
    issues.push({
      key,
      value: subnets.map((subnet) => `${subnet.name} (${region}${subnet.availabilityZone})`).join(", ") || "none",
      rule: "must place subnets in at least two Availability Zones: an ALB refuses fewer",
    });
  }
}

export function validateAlbPeering(issues: Issues, config: AlbPeeringConfig, region: string): void {
  const { foo, bar, alb, dns } = config;

  checkName(issues, "albPeering.foo.name", foo.name);
  checkNotReserved(issues, "albPeering.foo.name", foo.name, ALB_PEERING_STACK_IDS);
  const fooCidr = { key: "albPeering.foo.cidr", cidr: checkVpcCidr(issues, "albPeering.foo.cidr", foo.cidr) };
  checkSubnets(issues, "albPeering.foo.subnets", foo.subnets, fooCidr, region);
  if (foo.webServerNames.length === 0) {
    issues.push({ key: "albPeering.foo.webServerNames", value: [], rule: "must name at least one web server: the ALB needs a target" });
  }
  foo.webServerNames.forEach((name, index) => {
    checkName(issues, `albPeering.foo.webServerNames[${index}]`, name);
    checkNotReserved(issues, `albPeering.foo.webServerNames[${index}]`, name, ALB_PEERING_STACK_IDS);
  });
  if (foo.assumeRoleArn !== undefined) {
    checkRoleArn(issues, "albPeering.foo.assumeRoleArn", foo.assumeRoleArn);
  }

  checkName(issues, "albPeering.bar.name", bar.name);
  checkNotReserved(issues, "albPeering.bar.name", bar.name, ALB_PEERING_STACK_IDS);
  checkName(issues, "albPeering.bar.subnet.name", bar.subnet.name);
  checkNotReserved(issues, "albPeering.bar.subnet.name", bar.subnet.name, PRIVATE_NETWORK_IDS);
  checkName(issues, "albPeering.bar.instanceName", bar.instanceName);
  checkNotReserved(issues, "albPeering.bar.instanceName", bar.instanceName, ALB_PEERING_STACK_IDS);
  const barCidr = { key: "albPeering.bar.cidr", cidr: checkVpcCidr(issues, "albPeering.bar.cidr", bar.cidr) };
  checkSubnetInside(issues, "albPeering.bar.subnet.cidr", bar.subnet.cidr, barCidr);
  checkZoneLetter(issues, "albPeering.bar.subnet.availabilityZone", bar.subnet.availabilityZone, region);
  checkNoOverlap(issues, fooCidr, barCidr, "peered VPCs must not overlap (AWS refuses the peering)");

  checkUniqueNames(issues, [
    { key: "albPeering.foo.name", value: foo.name },
    { key: "albPeering.bar.name", value: bar.name },
    ...foo.subnets.map((subnet, index) => ({ key: `albPeering.foo.subnets[${index}].name`, value: subnet.name })),
    { key: "albPeering.bar.subnet.name", value: bar.subnet.name },
    ...foo.webServerNames.map((name, index) => ({ key: `albPeering.foo.webServerNames[${index}]`, value: name })),
    { key: "albPeering.bar.instanceName", value: bar.instanceName },
  ]);

  checkPort(issues, "albPeering.alb.listenerPort", alb.listenerPort);
  checkPort(issues, "albPeering.alb.targetPort", alb.targetPort);
  if (!alb.healthCheckPath.startsWith("/") || /\s/.test(alb.healthCheckPath) || alb.healthCheckPath.length > 1024) {
    issues.push({ key: "albPeering.alb.healthCheckPath", value: alb.healthCheckPath, rule: "must be a URL path starting with / without spaces, at most 1024 characters" });
  }
  alb.additionalClientCidrs.forEach((cidr, index) => {
    const key = `albPeering.alb.additionalClientCidrs[${index}]`;
    const parsed = parseCidr(cidr);
    if (!parsed.ok) {
      issues.push({ key, value: cidr, rule: parsed.reason });
    } else if (parsed.cidr.prefixLength === 0) {
      issues.push({ key, value: cidr, rule: "must not be 0.0.0.0/0: the article's allow-all was a stopgap; name the ranges clients are in" });
    }
  });

  checkDnsName(issues, "albPeering.dns.zoneName", dns.zoneName);
  checkDnsLabel(issues, "albPeering.dns.recordName", dns.recordName);
}

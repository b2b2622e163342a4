import { addressBlock, coverEveryAddress } from "../../config/address-blocks";
import { parseCidr, type Ipv4Cidr } from "../../config/cidr";
import {
  checkDerivedIdsApart,
  checkDnsLabel,
  checkDnsName,
  checkName,
  checkNoOverlap,
  checkOneSubnetPerZone,
  checkNotReserved,
  checkPort,
  checkRoleArn,
  checkSubnetInside,
  checkSubnetsApart,
  checkSubnetName,
  checkUniqueNames,
  checkVpcCidr,
  checkVpcWithInstance,
  checkZoneLetterOrId,
  checkOneZoneForm,
  type Issues,
} from "../../config/checks";
import { ALB_PEERING_STACK_IDS, type AlbPeeringConfig } from "./config";
import type { SubnetConfig } from "../../config/network";
import { isZoneId } from "../../config/regions";
import { routeIdOf } from "../../constructs/private-network";

/** An ALB needs 8 free addresses in each of its subnets, so AWS refuses subnets smaller than /27. */
const ALB_SMALLEST_SUBNET_PREFIX = 27;

function checkSubnets(issues: Issues, key: string, subnets: readonly SubnetConfig[], vpc: { key: string; cidr: Ipv4Cidr | undefined }, region: string) {
  const parsed = subnets.map((subnet, index) => {
    const subnetKey = `${key}[${index}]`;
    checkSubnetName(issues, `${subnetKey}.name`, subnet.name);
    checkSubnetInside(issues, `${subnetKey}.cidr`, subnet.cidr, vpc);
    checkZoneLetterOrId(issues, `${subnetKey}.availabilityZone`, subnet.availabilityZone, region);
    const block = parseCidr(subnet.cidr);
    if (block.ok && block.cidr.prefixLength > ALB_SMALLEST_SUBNET_PREFIX) {
      issues.push({
        key: `${subnetKey}.cidr`,
        value: subnet.cidr,
        rule: `must be /${ALB_SMALLEST_SUBNET_PREFIX} or larger: the ALB needs at least 8 free addresses in each of its subnets`,
      });
    }
    return { key: `${subnetKey}.cidr`, cidr: block.ok ? block.cidr : undefined };
  });
  checkSubnetsApart(issues, parsed);
  checkOneZoneForm(issues, key, subnets);
  const zones = new Set(subnets.map((subnet) => subnet.availabilityZone));
  if (zones.size >= 2) {
    checkOneSubnetPerZone(issues, key, subnets, "an ALB");
  } else {
    issues.push({
      key,
      value: subnets.map((subnet) => `${subnet.name} (${isZoneId(subnet.availabilityZone) ? subnet.availabilityZone : `${region}${subnet.availabilityZone}`})`).join(", ") || "none",
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
    checkRoleArn(issues, "albPeering.foo.assumeRoleArn", foo.assumeRoleArn, region);
  }

  const barCidr = checkVpcWithInstance(issues, "albPeering.bar", bar, region, ALB_PEERING_STACK_IDS);
  checkNoOverlap(issues, fooCidr, barCidr, "peered VPCs must not overlap (AWS refuses the peering)");

  checkUniqueNames(issues, [
    { key: "albPeering.foo.name", value: foo.name },
    { key: "albPeering.bar.name", value: bar.name },
    ...foo.subnets.map((subnet, index) => ({ key: `albPeering.foo.subnets[${index}].name`, value: subnet.name })),
    { key: "albPeering.bar.subnet.name", value: bar.subnet.name },
    ...foo.webServerNames.map((name, index) => ({ key: `albPeering.foo.webServerNames[${index}]`, value: name })),
    { key: "albPeering.bar.instanceName", value: bar.instanceName },
  ]);

  checkDerivedIdsApart(issues, "the peering's routes", [
    ...foo.subnets.map((subnet, index) => ({ id: routeIdOf(foo.name, subnet.name), key: `albPeering.foo.subnets[${index}].name`, value: subnet.name })),
    { id: routeIdOf(bar.name, bar.subnet.name), key: "albPeering.bar.subnet.name", value: bar.subnet.name },
  ]);

  checkPort(issues, "albPeering.alb.listenerPort", alb.listenerPort);
  checkPort(issues, "albPeering.alb.targetPort", alb.targetPort);
  if (!alb.healthCheckPath.startsWith("/") || /\s/.test(alb.healthCheckPath) || alb.healthCheckPath.length > 1024) {
    issues.push({ key: "albPeering.alb.healthCheckPath", value: alb.healthCheckPath, rule: "must be a URL path starting with / without spaces, at most 1024 characters" });
  }
  const canonicalClientCidrs = alb.additionalClientCidrs.map((cidr) => {
    const parsed = parseCidr(cidr);
    return parsed.ok ? parsed.cidr.text : undefined;
  });
  alb.additionalClientCidrs.forEach((cidr, index) => {
    const key = `albPeering.alb.additionalClientCidrs[${index}]`;
    const parsed = parseCidr(cidr);
    if (!parsed.ok) {
      issues.push({ key, value: cidr, rule: parsed.reason });
    } else if (parsed.cidr.prefixLength === 0) {
      issues.push({ key, value: cidr, rule: "must not be 0.0.0.0/0: the article's allow-all was a stopgap; name the ranges clients are in" });
    } else if (parsed.cidr.text === barCidr.cidr?.text) {
      issues.push({ key, value: cidr, rule: "is albPeering.bar.cidr, which the listener admits already" });
    } else if (canonicalClientCidrs.indexOf(parsed.cidr.text) < index) {
      issues.push({ key, value: cidr, rule: "is listed twice; list each range once" });
    }
  });

  const clientBlocks = alb.additionalClientCidrs.flatMap((cidr) => addressBlock(cidr) ?? []).filter((block) => block.family === "IPv4");
  if (!clientBlocks.some((block) => block.prefixLength === 0) && coverEveryAddress(clientBlocks, "IPv4")) {
    issues.push({
      key: "albPeering.alb.additionalClientCidrs",
      value: alb.additionalClientCidrs,
      rule: "together cover every IPv4 address, which opens the listener to the world as 0.0.0.0/0 would; name the ranges clients are in",
    });
  }

  checkDnsName(issues, "albPeering.dns.zoneName", dns.zoneName);
  checkDnsLabel(issues, "albPeering.dns.recordName", dns.recordName);
  const fqdn = `${dns.recordName}.${dns.zoneName}`;
  if (fqdn.length > 253) {
    issues.push({ key: "albPeering.dns.recordName", value: dns.recordName, rule: `makes ${fqdn.length} characters with the zone name; a DNS name has at most 253` });
  }
}

import { parseCidr, type Ipv4Cidr } from "../../config/cidr";
import {
  checkDnsName,
  checkName,
  checkOneSubnetPerZone,
  checkNotReserved,
  checkPort,
  checkRoleArn,
  checkSubnetInside,
  checkSubnetsApart,
  checkSubnetName,
  checkUniqueNames,
  checkVpcCidr,
  checkZoneLetterOrId,
  checkOneZoneForm,
  type Issues,
} from "../../config/checks";
import { isZoneId } from "../../config/regions";
import { consumerPartNames } from "./consumer-names";
import { NAT_EGRESS_IDS, PRIVATELINK_STACK_IDS, type ConsumerVpcConfig, type InternetEgressConfig, type PrivateLinkConfig } from "./config";
import type { SubnetConfig } from "../../config/network";

/** Suffixes of the route ids the NAT egress derives from subnet names, beside the public subnets. */
const NAT_ROUTE_SUFFIXES = ["-nat-route", "-internet-route"];

/** sshd listens there on Amazon Linux, so httpd could not. */
const SSH_PORT = 22;

interface VpcBlock {
  readonly key: string;
  readonly cidr: Ipv4Cidr | undefined;
}

/** Checks a VPC's private and public subnets: names, blocks inside the VPC and apart, zones. */
function checkSubnets(issues: Issues, key: string, vpc: VpcBlock & InternetEgressConfig & { subnets: readonly SubnetConfig[] }, region: string): void {
  const all = [
    ...vpc.subnets.map((subnet, index) => ({ subnet, key: `${key}.subnets[${index}]` })),
    ...vpc.publicSubnets.map((subnet, index) => ({ subnet, key: `${key}.publicSubnets[${index}]` })),
  ];
  vpc.publicSubnets.forEach((subnet, index) => {
    const nameKey = `${key}.publicSubnets[${index}].name`;
    checkNotReserved(issues, nameKey, subnet.name, NAT_EGRESS_IDS);
    const suffix = NAT_ROUTE_SUFFIXES.find((candidate) => subnet.name.endsWith(candidate));
    if (suffix !== undefined) {
      issues.push({ key: nameKey, value: subnet.name, rule: `must not end with ${suffix}: the NAT egress names its routes <subnet>${suffix}` });
    }
  });
  const blocks = all.map(({ subnet, key: subnetKey }) => {
    checkSubnetName(issues, `${subnetKey}.name`, subnet.name);
    checkSubnetInside(issues, `${subnetKey}.cidr`, subnet.cidr, vpc);
    checkZoneLetterOrId(issues, `${subnetKey}.availabilityZone`, subnet.availabilityZone, region);
    const parsed = parseCidr(subnet.cidr);
    return { key: `${subnetKey}.cidr`, cidr: parsed.ok ? parsed.cidr : undefined };
  });
  checkSubnetsApart(issues, blocks);
  checkOneZoneForm(issues, `${key}.subnets`, vpc.subnets);
  checkUniqueNames(
    issues,
    all.map(({ subnet, key: subnetKey }) => ({ key: `${subnetKey}.name`, value: subnet.name })),
  );
  if (vpc.subnets.length === 0) {
    issues.push({ key: `${key}.subnets`, value: [], rule: "must list at least one private subnet" });
  }
  if (vpc.natGateway && vpc.publicSubnets.length === 0) {
    issues.push({ key: `${key}.publicSubnets`, value: [], rule: `must list a public subnet for the NAT gateway, since ${key}.natGateway is true` });
  }
  if (!vpc.natGateway && vpc.publicSubnets.length > 0) {
    issues.push({
      key: `${key}.publicSubnets`,
      value: vpc.publicSubnets.map((subnet) => subnet.name),
      rule: `hold only the NAT gateway, and ${key}.natGateway is false; set it to true or remove them (nothing public the topology does not need)`,
    });
  }
}

/** The subnet `name` of a VPC's private subnets, or an issue at `key`. */
function privateSubnetNamed(issues: Issues, key: string, name: string, vpcKey: string, subnets: readonly SubnetConfig[]): SubnetConfig | undefined {
  const found = subnets.find((subnet) => subnet.name === name);
  if (!found) {
    issues.push({ key, value: name, rule: `must name one of ${vpcKey}.subnets (${subnets.map((subnet) => subnet.name).join(", ") || "none"})` });
  }
  return found;
}

/** Zones are comparable only in one form: letters within one account, IDs across accounts. */
function zoneForm(zone: string): "id" | "letter" {
  return isZoneId(zone) ? "id" : "letter";
}

function checkEndpointZones(issues: Issues, key: string, consumer: ConsumerVpcConfig, serviceSubnets: readonly SubnetConfig[]): void {
  const serviceZones = serviceSubnets.map((subnet) => subnet.availabilityZone);
  const serviceForm = serviceZones.length > 0 ? zoneForm(serviceZones[0]!) : undefined;
  const seenZones = new Map<string, number>();
  consumer.endpointSubnets.forEach((subnetName, index) => {
    const subnetKey = `${key}.endpointSubnets[${index}]`;
    const subnet = privateSubnetNamed(issues, subnetKey, subnetName, key, consumer.subnets);
    if (!subnet) {
      return;
    }
    const zone = subnet.availabilityZone;
    const earlier = seenZones.get(zone);
    if (earlier !== undefined) {
      issues.push({ key: subnetKey, value: subnetName, rule: `is in zone ${zone} like ${key}.endpointSubnets[${earlier}]: an endpoint takes one subnet per zone` });
      return;
    }
    seenZones.set(zone, index);
    if (consumer.assumeRoleArn !== undefined && zoneForm(zone) === "letter") {
      issues.push({
        key: subnetKey,
        value: subnetName,
        rule: `is placed by the zone letter "${zone}", but ${consumer.name} is another account (assumeRoleArn), where the letter names a different zone; give Availability Zone IDs (e.g. apne1-az4) here and in privatelink.service.subnets`,
      });
      return;
    }
    if (serviceForm === undefined || zoneForm(zone) !== serviceForm) {
      issues.push({
        key: subnetKey,
        value: subnetName,
        rule: `is in zone "${zone}" but privatelink.service.subnets give their zones as ${serviceForm === "id" ? "IDs" : "letters"}; write both sides in one form so the zones can be compared (IDs when any consumer is another account)`,
      });
      return;
    }
    if (!serviceZones.includes(zone)) {
      issues.push({
        key: subnetKey,
        value: subnetName,
        rule: `is in zone ${zone}, where the service's NLB has no node (it serves ${serviceZones.join(", ")}); PrivateLink connects an endpoint only to the NLB node in its own zone`,
      });
    }
  });
  if (consumer.endpointSubnets.length === 0) {
    issues.push({ key: `${key}.endpointSubnets`, value: [], rule: "must name at least one subnet for the interface endpoint" });
  }
}

export function validatePrivateLink(issues: Issues, config: PrivateLinkConfig, region: string): void {
  const { service, endpointService, consumers } = config;

  checkName(issues, "privatelink.service.name", service.name);
  checkNotReserved(issues, "privatelink.service.name", service.name, PRIVATELINK_STACK_IDS);
  const serviceBlock = { key: "privatelink.service.cidr", cidr: checkVpcCidr(issues, "privatelink.service.cidr", service.cidr) };
  checkSubnets(issues, "privatelink.service", { ...service, ...serviceBlock }, region);
  checkOneSubnetPerZone(issues, "privatelink.service.subnets", service.subnets, "an NLB");
  checkName(issues, "privatelink.service.serverName", service.serverName);
  checkNotReserved(issues, "privatelink.service.serverName", service.serverName, PRIVATELINK_STACK_IDS);
  privateSubnetNamed(issues, "privatelink.service.serverSubnet", service.serverSubnet, "privatelink.service", service.subnets);
  if (!service.s3GatewayEndpoint && !service.natGateway) {
    issues.push({
      key: "privatelink.service.s3GatewayEndpoint",
      value: false,
      rule: "leaves the web server no way to install httpd at boot; keep the S3 gateway endpoint (free) or set privatelink.service.natGateway",
    });
  }

  checkPort(issues, "privatelink.endpointService.port", endpointService.port);
  if (endpointService.port === SSH_PORT) {
    issues.push({ key: "privatelink.endpointService.port", value: SSH_PORT, rule: "is where sshd listens on the web server, so httpd cannot serve there; choose another port" });
  }
  const path = endpointService.healthCheckPath;
  if (!path.startsWith("/") || /\s/.test(path) || path.length > 1024) {
    issues.push({ key: "privatelink.endpointService.healthCheckPath", value: path, rule: "must be a URL path starting with / without spaces, at most 1024 characters" });
  }
  const { privateDnsName, privateDnsPublicZoneId } = endpointService;
  if (privateDnsName !== undefined) {
    checkDnsName(issues, "privatelink.endpointService.privateDnsName", privateDnsName);
    if (!privateDnsName.includes(".")) {
      issues.push({ key: "privatelink.endpointService.privateDnsName", value: privateDnsName, rule: "must be a name in a public domain you own, such as hello.example.com: AWS verifies the domain" });
    }
    if (privateDnsPublicZoneId === undefined) {
      issues.push({
        key: "privatelink.endpointService.privateDnsPublicZoneId",
        value: undefined,
        rule: "must name the Route 53 public zone of privateDnsName's domain: AWS lets endpoints use the name only after a TXT record there proves the domain is yours",
      });
    }
  }
  if (privateDnsPublicZoneId !== undefined) {
    if (!/^Z[A-Z0-9]{1,31}$/.test(privateDnsPublicZoneId)) {
      issues.push({ key: "privatelink.endpointService.privateDnsPublicZoneId", value: privateDnsPublicZoneId, rule: "must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ" });
    }
    if (privateDnsName === undefined) {
      issues.push({ key: "privatelink.endpointService.privateDnsPublicZoneId", value: privateDnsPublicZoneId, rule: "is used only with privatelink.endpointService.privateDnsName; set both or neither" });
    }
  }

  if (consumers.length === 0) {
    issues.push({ key: "privatelink.consumers", value: [], rule: "must list at least one consumer: an endpoint service nobody may connect to serves nobody" });
  }
  consumers.forEach((consumer, index) => {
    const key = `privatelink.consumers[${index}]`;
    checkName(issues, `${key}.name`, consumer.name);
    checkNotReserved(issues, `${key}.name`, consumer.name, PRIVATELINK_STACK_IDS);
    // Consumer blocks may overlap each other and the service's: PrivateLink does not route between VPCs.
    const block = { key: `${key}.cidr`, cidr: checkVpcCidr(issues, `${key}.cidr`, consumer.cidr) };
    checkSubnets(issues, key, { ...consumer, ...block }, region);
    privateSubnetNamed(issues, `${key}.clientSubnet`, consumer.clientSubnet, key, consumer.subnets);
    checkEndpointZones(issues, key, consumer, service.subnets);
    if (consumer.assumeRoleArn !== undefined) {
      checkRoleArn(issues, `${key}.assumeRoleArn`, consumer.assumeRoleArn, region);
    }
  });
  const clientOf = consumers.find((entry) => consumerPartNames(entry.name).client === service.serverName);
  if (clientOf !== undefined) {
    issues.push({
      key: "privatelink.service.serverName",
      value: service.serverName,
      rule: `is the name of consumer ${clientOf.name}'s client instance; names must be unique within a stack`,
    });
  }
  checkUniqueNames(issues, [
    { key: "privatelink.service.name", value: service.name },
    { key: "privatelink.service.serverName", value: service.serverName },
    ...consumers.map((consumer, index) => ({ key: `privatelink.consumers[${index}].name`, value: consumer.name })),
  ]);
}

import { AWS_LIMITS } from "../../limits/aws-limits";
import {
  checkName,
  checkNoOverlap,
  checkNotReserved,
  checkOneOf,
  checkOneSubnetPerZone,
  checkRoleArn,
  checkSubnetList,
  checkUniqueNames,
  checkVpcCidr,
  firstOverlapping,
  type Issues,
} from "../../config/checks";
import { accountOfRoleArn } from "../../config/role-arn";
import { awsServiceNameProblem, serviceSlug } from "../../config/service-names";
import { ENDPOINT_SHARING_HUB_GROUP_NAMES, ENDPOINT_SHARING_STACK_IDS, SHARED_ENDPOINTS_IDS, type EndpointSharingConfig, type SharedDnsStrategy, type SharedTransport } from "./config";

export const SHARED_DNS_STRATEGIES: readonly SharedDnsStrategy[] = ["zone-associations", "route53-profile"];
export const SHARED_TRANSPORTS: readonly SharedTransport[] = ["peering", "transit-gateway"];

/** What Session Manager needs; the stack's instances are reached no other way. */
export const SESSION_MANAGER_SERVICES: readonly string[] = ["ssm", "ssmmessages", "ec2messages"];

/** AWS's hard limit of active peering connections per VPC (the default quota is 50). */
export const MAX_PEERINGS_PER_VPC = 125;

function checkServices(issues: Issues, services: readonly string[]): void {
  services.forEach((service, index) => {
    const key = `endpointSharing.services[${index}]`;
    const problem = awsServiceNameProblem(service);
    if (problem !== undefined) {
      issues.push({ key, value: service, rule: problem });
      return;
    }
    const earlier = services.findIndex((other) => serviceSlug(other) === serviceSlug(service));
    if (earlier < index) {
      issues.push({ key, value: service, rule: `repeats endpointSharing.services[${earlier}] (${services[earlier]}): one endpoint and one zone per service` });
    }
    if (SHARED_ENDPOINTS_IDS.includes(serviceSlug(service))) {
      issues.push({ key, value: service, rule: `is not an AWS service, and is an id the shared endpoints use themselves` });
    }
  });
  const missing = SESSION_MANAGER_SERVICES.filter((service) => !services.includes(service));
  if (services.length > 0 && missing.length > 0) {
    issues.push({
      key: "endpointSharing.services",
      value: services,
      rule: `must include ${missing.join(", ")}: the stack's instances are reached only through Session Manager, which needs ${SESSION_MANAGER_SERVICES.join(", ")}`,
    });
  }
}

/** One provider per account: spokes of one account must assume one role. */
function checkOneRolePerAccount(issues: Issues, config: EndpointSharingConfig): void {
  const firstRoleOfAccount = new Map<string, { key: string; role: string }>();
  config.spokes.forEach((spoke, index) => {
    const key = `endpointSharing.spokes[${index}].assumeRoleArn`;
    const account = spoke.assumeRoleArn === undefined ? undefined : accountOfRoleArn(spoke.assumeRoleArn);
    if (account === undefined) {
      return;
    }
    const first = firstRoleOfAccount.get(account);
    if (first === undefined) {
      firstRoleOfAccount.set(account, { key, role: spoke.assumeRoleArn! });
    } else if (first.role !== spoke.assumeRoleArn) {
      issues.push({
        key,
        value: spoke.assumeRoleArn,
        rule: `is another role in account ${account} than ${first.key} (${first.role}); spokes of one account share one provider, so give them the same role`,
      });
    }
  });
}

/**
 * The routes between the hub and a spoke live in the spoke's scope, named
 * `<vpc>-<subnet>-route` for both sides, so the two sides' names must differ.
 */
function checkRouteIdsApart(issues: Issues, config: EndpointSharingConfig): void {
  const hubIds = new Map(config.hub.subnets.map((subnet) => [`${config.hub.name}-${subnet.name}`, subnet.name]));
  config.spokes.forEach((spoke, spokeIndex) => {
    spoke.subnets.forEach((subnet, index) => {
      const hubSubnet = hubIds.get(`${spoke.name}-${subnet.name}`);
      if (hubSubnet !== undefined) {
        issues.push({
          key: `endpointSharing.spokes[${spokeIndex}].subnets[${index}].name`,
          value: subnet.name,
          rule: `gives the route id ${spoke.name}-${subnet.name}-route, which the hub's subnet ${hubSubnet} has too; rename the subnet or the spoke`,
        });
      }
    });
  });
}

export function validateEndpointSharing(issues: Issues, config: EndpointSharingConfig, region: string): void {
  const { hub, services, spokes } = config;
  checkName(issues, "endpointSharing.hub.name", hub.name);
  checkNotReserved(issues, "endpointSharing.hub.name", hub.name, ENDPOINT_SHARING_STACK_IDS);
  const hubBlock = { key: "endpointSharing.hub.cidr", cidr: checkVpcCidr(issues, "endpointSharing.hub.cidr", hub.cidr) };
  checkSubnetList(issues, "endpointSharing.hub.subnets", hub.subnets, hubBlock, region);
  checkOneSubnetPerZone(issues, "endpointSharing.hub.subnets", hub.subnets, "an interface endpoint");
  checkName(issues, "endpointSharing.hub.instanceName", hub.instanceName);
  checkNotReserved(issues, "endpointSharing.hub.instanceName", hub.instanceName, [...ENDPOINT_SHARING_STACK_IDS, ...ENDPOINT_SHARING_HUB_GROUP_NAMES]);

  if (services.length === 0) {
    issues.push({ key: "endpointSharing.services", value: [], rule: `must list the services to share, at least ${SESSION_MANAGER_SERVICES.join(", ")}` });
  }
  checkServices(issues, services);
  checkOneOf(issues, "endpointSharing.dns", config.dns, SHARED_DNS_STRATEGIES);
  checkOneOf(issues, "endpointSharing.transport", config.transport, SHARED_TRANSPORTS);

  if (spokes.length === 0) {
    issues.push({ key: "endpointSharing.spokes", value: [], rule: "must list at least one spoke: endpoints that no other VPC uses are the per-VPC cost this stack exists to avoid" });
  }
  if (config.transport === "peering" && spokes.length > MAX_PEERINGS_PER_VPC) {
    issues.push({
      key: "endpointSharing.spokes",
      value: `${spokes.length} spokes`,
      rule: `need one peering each with the hub, and a VPC has at most ${MAX_PEERINGS_PER_VPC} active peerings; set endpointSharing.transport to "transit-gateway"`,
    });
  }
  // Checked before any spoke: thousands would take minutes to build only to be refused.
  const endpointRules = spokes.length + 1;
  if (endpointRules > AWS_LIMITS.rulesPerSecurityGroup.maximum) {
    issues.push({
      key: "endpointSharing.spokes",
      value: `${spokes.length} spokes`,
      rule: `give the endpoints' security group ${endpointRules} inbound rules (one per spoke and the hub's), and AWS allows at most ${AWS_LIMITS.rulesPerSecurityGroup.maximum} even with quota ${AWS_LIMITS.rulesPerSecurityGroup.quota.code} raised; at most ${AWS_LIMITS.rulesPerSecurityGroup.maximum - 1} spokes`,
    });
    return;
  }
  const blocks = [hubBlock];
  spokes.forEach((spoke, index) => {
    const key = `endpointSharing.spokes[${index}]`;
    checkName(issues, `${key}.name`, spoke.name);
    checkNotReserved(issues, `${key}.name`, spoke.name, ENDPOINT_SHARING_STACK_IDS);
    const block = { key: `${key}.cidr`, cidr: checkVpcCidr(issues, `${key}.cidr`, spoke.cidr) };
    checkSubnetList(issues, `${key}.subnets`, spoke.subnets, block, region);
    checkName(issues, `${key}.instanceName`, spoke.instanceName);
    if (spoke.assumeRoleArn !== undefined) {
      checkRoleArn(issues, `${key}.assumeRoleArn`, spoke.assumeRoleArn, region);
    }
    const earlier = firstOverlapping(blocks, block);
    if (earlier !== undefined) {
      checkNoOverlap(issues, earlier, block, "the hub routes to each spoke by its block, so blocks of the hub and its spokes must be apart");
    }
    blocks.push(block);
  });
  checkOneRolePerAccount(issues, config);
  checkRouteIdsApart(issues, config);
  checkUniqueNames(issues, [
    { key: "endpointSharing.hub.name", value: hub.name },
    { key: "endpointSharing.hub.instanceName", value: hub.instanceName },
    ...spokes.flatMap((spoke, index) => [
      { key: `endpointSharing.spokes[${index}].name`, value: spoke.name },
      { key: `endpointSharing.spokes[${index}].instanceName`, value: spoke.instanceName },
    ]),
  ]);
}

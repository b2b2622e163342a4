import type { ResourceDrift } from "../../src/operations/deployed-state";
import { resourcesOfStateFile, type StateResource } from "../../src/terraform-json/state";
import { deployedFixture, type DeployedCase } from "./deployed";

/** The resources of a deployed fixture's state, as the state pull reads them. */
export function deployedResources(name: DeployedCase): StateResource[] {
  return [...resourcesOfStateFile(JSON.parse(deployedFixture(name).stateText), name).resources];
}

type Values = Record<string, unknown>;

const byType = (resources: readonly StateResource[], type: string) => resources.filter((resource) => resource.type === type);

/**
 * What a refresh reads right after a deploy: every security group, route table,
 * private zone and role lists what the stack's own rule, route, association and
 * attachment resources put into it, as AWS reports it (inline entries with every field
 * the provider writes).
 */
export function refreshedAfterDeploy(recorded: readonly StateResource[]): StateResource[] {
  const entriesFor = (holder: string, attribute: string): Values[] => {
    const rules = [
      ...byType(recorded, `aws_vpc_security_group_${attribute === "ingress" ? "ingress" : "egress"}_rule`).filter((rule) => rule.values["security_group_id"] === holder),
    ];
    return rules.map((rule) => ({
      cidr_blocks: rule.values["cidr_ipv4"] ? [rule.values["cidr_ipv4"]] : [],
      description: rule.values["description"] ?? "",
      from_port: rule.values["ip_protocol"] === "-1" ? 0 : rule.values["from_port"],
      ipv6_cidr_blocks: [],
      prefix_list_ids: rule.values["prefix_list_id"] ? [rule.values["prefix_list_id"]] : [],
      protocol: rule.values["ip_protocol"],
      security_groups: rule.values["referenced_security_group_id"] ? [rule.values["referenced_security_group_id"]] : [],
      self: false,
      to_port: rule.values["ip_protocol"] === "-1" ? 0 : rule.values["to_port"],
    }));
  };
  return recorded.map((resource) => {
    const id = resource.values["id"];
    if (resource.type === "aws_security_group") {
      return { ...resource, values: { ...resource.values, ingress: entriesFor(String(id), "ingress"), egress: entriesFor(String(id), "egress") } };
    }
    if (resource.type === "aws_route_table") {
      const route = byType(recorded, "aws_route")
        .filter((entry) => entry.values["route_table_id"] === id)
        .map((entry) => ({
          carrier_gateway_id: "",
          cidr_block: entry.values["destination_cidr_block"] ?? "",
          core_network_arn: "",
          destination_prefix_list_id: "",
          egress_only_gateway_id: "",
          gateway_id: entry.values["gateway_id"] ?? "",
          ipv6_cidr_block: "",
          local_gateway_id: "",
          nat_gateway_id: "",
          network_interface_id: "",
          transit_gateway_id: entry.values["transit_gateway_id"] ?? "",
          vpc_endpoint_id: "",
          vpc_peering_connection_id: entry.values["vpc_peering_connection_id"] ?? "",
        }));
      return { ...resource, values: { ...resource.values, route } };
    }
    if (resource.type === "aws_route53_zone") {
      const associated = byType(recorded, "aws_route53_zone_association")
        .filter((association) => association.values["zone_id"] === id)
        .map((association) => ({ vpc_id: association.values["vpc_id"], vpc_region: "ap-northeast-1" }));
      const own = Array.isArray(resource.values["vpc"]) ? (resource.values["vpc"] as Values[]) : [];
      return { ...resource, values: { ...resource.values, vpc: [...own, ...associated] } };
    }
    if (resource.type === "aws_iam_role") {
      const attached = byType(recorded, "aws_iam_role_policy_attachment").filter((attachment) => attachment.values["role"] === id);
      return { ...resource, values: { ...resource.values, managed_policy_arns: attached.map((attachment) => attachment.values["policy_arn"]) } };
    }
    // An alias record reads back with an empty list of values where the apply recorded none.
    if (resource.type === "aws_route53_record" && resource.values["records"] === null) {
      return { ...resource, values: { ...resource.values, records: [] } };
    }
    return resource;
  });
}

/** What a refresh-only plan reports: each resource whose values differ, or that is gone. */
export function driftBetween(recorded: readonly StateResource[], refreshed: readonly StateResource[]): ResourceDrift[] {
  const now = new Map(refreshed.map((resource) => [resource.address, resource]));
  return recorded.flatMap((resource): ResourceDrift[] => {
    const after = now.get(resource.address);
    if (after === undefined) return [{ address: resource.address, type: resource.type, name: resource.name, action: "delete", before: resource.values, sensitive: [] }];
    if (JSON.stringify(after.values) === JSON.stringify(resource.values)) return [];
    return [{ address: resource.address, type: resource.type, name: resource.name, action: "update", before: resource.values, after: after.values, sensitive: [] }];
  });
}

/** The resource of `type` whose address contains `part`; throws when there is not exactly one. */
export function resourceNamed(resources: readonly StateResource[], type: string, part: string): StateResource {
  const found = resources.filter((resource) => resource.type === type && resource.name.includes(part));
  if (found.length !== 1) throw new Error(`${found.length} ${type} resources named like ${part}: ${resources.filter((resource) => resource.type === type).map((resource) => resource.name).join(", ")}`);
  return found[0]!;
}

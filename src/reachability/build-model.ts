import type { NetworkModel } from "./model";
import { ReadContext } from "./read-context";
import { readDnsRecords, readHostedZones } from "./read-dns";
import { readNetworkAcls, readSecurityGroups } from "./read-filters";
import { readInstanceConnectEndpoints, readInstances, readVpcEndpoints } from "./read-interfaces";
import {
  readEndpointAcceptances,
  readEndpointServices,
  readListeners,
  readLoadBalancers,
  readTargetAttachments,
  readTargetGroups,
} from "./read-load-balancing";
import { readPeerings, readRouteTables, readSubnets, readTransitGateways, readVpcs } from "./read-network";
import { resourceCount, stackNameOf, type TerraformJson } from "../terraform-json/read";

/**
 * The network model of one synthesized stack; nothing is read from anywhere else.
 * `stackName` (else cdktf's metadata) lets flows name resources without the stack prefix;
 * a caller that also reads the blocks (guardrails) passes its `context` so the JSON is indexed once.
 */
export function buildNetworkModel(json: TerraformJson, stackName?: string, context: ReadContext = new ReadContext(json)): NetworkModel {
  const vpcs = readVpcs(context);
  const hostedZones = readHostedZones(context);
  return {
    stackName: stackName ?? stackNameOf(json),
    resourceCount: resourceCount(json),
    vpcs,
    subnets: readSubnets(context),
    ...readRouteTables(context),
    peerings: readPeerings(context),
    ...readTransitGateways(context),
    ...readSecurityGroups(context, vpcs),
    networkAcls: readNetworkAcls(context),
    instances: readInstances(context),
    vpcEndpoints: readVpcEndpoints(context),
    instanceConnectEndpoints: readInstanceConnectEndpoints(context),
    loadBalancers: readLoadBalancers(context),
    listeners: readListeners(context),
    targetGroups: readTargetGroups(context),
    targetAttachments: readTargetAttachments(context),
    endpointServices: readEndpointServices(context),
    endpointAcceptances: readEndpointAcceptances(context),
    hostedZones,
    dnsRecords: readDnsRecords(context, hostedZones),
  };
}

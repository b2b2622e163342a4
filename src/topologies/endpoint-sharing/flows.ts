import { awsServiceEndpointName } from "../../config/service-names";
import { sharedEndpointName } from "./shared-service-endpoints";
import type { ExclusiveAccess, FlowDeclaration, StackFlows } from "../../reachability/flows";
import type { SourceSpec } from "../../reachability/evaluate/parties";
import type { EndpointSharingStackConfig } from "./config";

/**
 * What the `endpoint-sharing` stack is for: the hub's instance and every spoke's reach
 * each shared service by its public name, which resolves to the hub's endpoint; the
 * endpoints answer the hub and the spokes only; the hub's instance takes no
 * connections, and a spoke's instance takes SSH from the hub only.
 */
export function endpointSharingFlows(config: EndpointSharingStackConfig): StackFlows {
  const { hub, services, spokes, transport } = config.endpointSharing;
  const names = services.map((service) => awsServiceEndpointName(service, config.region));
  const hubInstance = { instance: hub.instanceName };
  const hubHosts: SourceSpec[] = hub.subnets.map((subnet) => ({ cidr: subnet.cidr, label: `any other host in ${subnet.name}` }));
  const via = transport === "peering" ? "its peering" : "the transit gateway";
  const intended: FlowDeclaration[] = [];
  const exclusive: ExclusiveAccess[] = [
    { to: hubInstance, traffic: "tcp/22", onlyFrom: [], why: `${hub.instanceName} has no inbound rule: Session Manager is the way in` },
  ];
  for (const name of names) {
    intended.push({
      from: hubInstance,
      to: { dnsName: name.zoneName },
      traffic: "tcp/443",
      why: `article 001: ssm-cli on ${hub.instanceName} finds ${name.zoneName} reachable, through the zone the hub sees too (the endpoint's private DNS is off)`,
    });
  }
  const everyVpcHost: SourceSpec[] = [hubInstance, ...hubHosts];
  for (const spoke of spokes) {
    const spokeInstance = { instance: spoke.instanceName };
    everyVpcHost.push(spokeInstance, ...spoke.subnets.map((subnet) => ({ cidr: subnet.cidr, label: `any other host in ${subnet.name}` })));
    for (const name of names) {
      intended.push({
        from: spokeInstance,
        to: { dnsName: name.zoneName },
        traffic: "tcp/443",
        why: `article 001: ssm-cli on ${spoke.instanceName} finds ${name.zoneName} reachable at the hub's private addresses, over ${via}`,
      });
    }
    intended.push({ from: hubInstance, to: spokeInstance, traffic: "tcp/22", why: `article 001: SSH from ${hub.instanceName} to ${spoke.instanceName} proves ${via} routes both ways` });
    exclusive.push({
      to: spokeInstance,
      traffic: "tcp/22",
      onlyFrom: [hubInstance, ...hubHosts],
      why: `${spoke.instanceName} admits SSH from the hub only (the article's rule), never from another spoke or outside`,
    });
  }
  for (const name of names) {
    exclusive.push({
      to: { vpcEndpoint: sharedEndpointName(name.service) },
      traffic: "tcp/443",
      onlyFrom: everyVpcHost,
      why: `the shared ${name.service} endpoint answers the hub and the spokes, nothing else`,
    });
  }
  return { intended, exclusive };
}

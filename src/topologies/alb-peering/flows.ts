import type { StackFlows } from "../../reachability/flows";
import { ALB_PEERING_ALB_NAME, ALB_PEERING_EIC_ENDPOINT_NAME } from "./stack";
import type { AlbPeeringStackConfig } from "./config";

/**
 * What the `alb-peering` stack is for: bar's client reaches foo's web servers through
 * the internal ALB, by its private name and by the ALB itself; only bar's hosts reach
 * the listener, only the ALB reaches the web servers, and SSH reaches the client only
 * through the Instance Connect endpoint.
 */
export function albPeeringFlows(config: AlbPeeringStackConfig): StackFlows {
  const { foo, bar, alb, dns } = config.albPeering;
  const client = { instance: bar.instanceName };
  const endpoint = { instanceConnectEndpoint: ALB_PEERING_EIC_ENDPOINT_NAME };
  const loadBalancer = { loadBalancer: ALB_PEERING_ALB_NAME };
  const listener = `tcp/${alb.listenerPort}`;
  const privateName = `${dns.recordName}.${dns.zoneName}`;
  const barHosts = { cidr: bar.subnet.cidr, label: `any other host in ${bar.subnet.name}` };
  return {
    intended: [
      { from: client, to: { dnsName: privateName }, traffic: listener, why: `article 004: curl http://${privateName} from ${bar.name} reaches the web servers in ${foo.name}` },
      { from: client, to: loadBalancer, traffic: listener, why: `the ALB's own internal DNS name works over the peering too` },
      { from: endpoint, to: client, traffic: "tcp/22", why: `the way in: SSH to ${bar.instanceName} through the Instance Connect endpoint, no bastion` },
    ],
    exclusive: [
      {
        to: loadBalancer,
        traffic: listener,
        onlyFrom: [client, barHosts, ...alb.additionalClientCidrs.map((cidr) => ({ cidr, label: cidr }))],
        why: `the listener admits only where clients are (${bar.name}'s CIDR), not the article's allow-all`,
      },
      ...foo.webServerNames.map((serverName) => ({
        to: { instance: serverName },
        traffic: `tcp/${alb.targetPort}`,
        onlyFrom: [],
        why: `${serverName} serves only the ALB, which no host can impersonate`,
      })),
      { to: client, traffic: "tcp/22", onlyFrom: [endpoint], why: `SSH reaches ${bar.instanceName} only through the Instance Connect endpoint` },
    ],
  };
}

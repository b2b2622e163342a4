import type { ExclusiveAccess, FlowDeclaration, StackFlows } from "../../reachability/flows";
import { consumerPartNames } from "./consumer-names";
import { PRIVATELINK_NLB_NAME } from "./stack";
import type { PrivateLinkStackConfig } from "./config";

/**
 * What the `privatelink` stack is for: each consumer's client reaches the web server
 * through its own interface endpoint, though every consumer has the same block; the
 * endpoint admits that client only; the NLB and the server take nothing but
 * PrivateLink traffic; SSH reaches each client only through its Instance Connect
 * endpoint.
 */
export function privateLinkFlows(config: PrivateLinkStackConfig): StackFlows {
  const { service, endpointService, consumers } = config.privatelink;
  const port = `tcp/${endpointService.port}`;
  const intended: FlowDeclaration[] = [];
  const exclusive: ExclusiveAccess[] = [
    { to: { loadBalancer: PRIVATELINK_NLB_NAME }, traffic: port, onlyFrom: [], why: "the NLB's group admits nothing: consumers come through PrivateLink, judged at their endpoints" },
    { to: { instance: service.serverName }, traffic: port, onlyFrom: [], why: `${service.serverName} serves only the NLB, which no host can impersonate` },
  ];
  for (const consumer of consumers) {
    const names = consumerPartNames(consumer.name);
    const client = { instance: names.client };
    const endpoint = { vpcEndpoint: names.endpoint };
    const instanceConnect = { instanceConnectEndpoint: names.instanceConnect };
    intended.push(
      {
        from: client,
        to: endpoint,
        traffic: port,
        why: `article 002: curl from ${consumer.name}'s client reaches ${service.serverName} through ${consumer.name}'s endpoint, whatever the blocks overlap`,
      },
      { from: instanceConnect, to: client, traffic: "tcp/22", why: `the way in: SSH to ${names.client} through ${consumer.name}'s Instance Connect endpoint, no bastion` },
    );
    exclusive.push(
      { to: endpoint, traffic: port, onlyFrom: [client], why: `${consumer.name}'s endpoint admits ${consumer.name}'s client only, not every host of its VPC` },
      { to: client, traffic: "tcp/22", onlyFrom: [instanceConnect], why: `SSH reaches ${names.client} only through its Instance Connect endpoint` },
    );
  }
  return { intended, exclusive };
}

import type { StackFlows } from "../../reachability/flows";
import { PEERING_EIC_ENDPOINT_NAME } from "./stack";
import type { PeeringStackConfig } from "./config";

/**
 * What the `peering` stack is for, checked on its synthesized JSON by `npm test` and
 * `npm run verify`: ping both ways across the peering, SSH to the first instance only
 * through the Instance Connect endpoint, and no other way in on tcp/22.
 */
export function peeringFlows(config: PeeringStackConfig): StackFlows {
  const { requester, accepter } = config.peering;
  const first = { instance: requester.instanceName };
  const second = { instance: accepter.instanceName };
  const endpoint = { instanceConnectEndpoint: PEERING_EIC_ENDPOINT_NAME };
  return {
    intended: [
      { from: first, to: second, traffic: "icmp", why: `article 000: ping ${accepter.instanceName} from ${requester.instanceName} across the peering` },
      { from: second, to: first, traffic: "icmp", why: `${accepter.name}'s group allows ICMP to ${requester.name} as well: ping works both ways` },
      { from: endpoint, to: first, traffic: "tcp/22", why: `the way in: SSH to ${requester.instanceName} through the Instance Connect endpoint` },
    ],
    exclusive: [
      { to: first, traffic: "tcp/22", onlyFrom: [endpoint], why: `SSH reaches ${requester.instanceName} only through the Instance Connect endpoint` },
      { to: second, traffic: "tcp/22", onlyFrom: [], why: `nothing reaches ${accepter.instanceName} by SSH; it is only pinged` },
    ],
  };
}

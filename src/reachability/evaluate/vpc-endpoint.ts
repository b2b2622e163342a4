import type { EndpointService, NetworkModel, VpcEndpoint } from "../model";
import { attachmentIn, seenAs, type Attachment } from "./attachments";
import { fail, pass, unknown, type Check, type PathResult } from "./checks";
import { loadBalancerPaths } from "./load-balancer";
import type { ResolvedSource } from "./parties";
import { segmentChecks } from "./segment";
import type { Traffic } from "./traffic";

/** Whether the service lets this endpoint's connection through: principals, then acceptance. */
function handshakeChecks(model: NetworkModel, service: EndpointService, endpoint: VpcEndpoint): Check[] {
  const checks: Check[] = [];
  if (endpoint.provider !== service.provider && service.allowedPrincipals.length === 0) {
    checks.push(fail(service.label, `${service.label} allows no principals, so ${endpoint.label} (provider ${endpoint.provider}) cannot connect to it`));
  }
  const accepted = [...model.endpointAcceptances.values()].find(
    (acceptance) => acceptance.service === service.address && acceptance.endpoint === endpoint.address,
  );
  if (service.acceptanceRequired === false) {
    checks.push(pass(service.label, "does not require acceptance", [service.address]));
  } else if (accepted) {
    checks.push(pass(service.label, `accepts ${endpoint.label}'s connection in code (aws_vpc_endpoint_connection_accepter)`, [accepted.address]));
  } else if (endpoint.autoAccept === true && endpoint.provider === service.provider) {
    checks.push(pass(service.label, `${endpoint.label} is accepted on creation (auto_accept, same account)`, [endpoint.address]));
  } else {
    checks.push(
      fail(
        service.label,
        `${service.label} requires acceptance and nothing accepts ${endpoint.label}'s connection, so it stays pending: add an aws_vpc_endpoint_connection_accepter`,
        [service.address, endpoint.address],
      ),
    );
  }
  return checks;
}

/**
 * Paths to an interface endpoint: one per endpoint network interface (a client using
 * the endpoint's regional name may get any of them). For an endpoint service of this
 * stack, each path continues through PrivateLink to the service's load balancer.
 */
export function vpcEndpointPaths(model: NetworkModel, source: ResolvedSource, endpoint: VpcEndpoint, traffic: Traffic): PathResult[] {
  if (endpoint.endpointType !== "Interface") {
    return [{ name: endpoint.label, checks: [unknown(endpoint.label, `a ${endpoint.endpointType} endpoint is reached through routes, not as a destination; not modelled`)] }];
  }
  const interfaces: Attachment[] = [];
  for (const subnetId of endpoint.subnets) {
    const found = attachmentIn(model, endpoint.label, subnetId, endpoint.securityGroups);
    if (!found.ok) {
      return [{ name: endpoint.label, checks: [found.check] }];
    }
    interfaces.push({ ...found.value, label: `${endpoint.label} in ${found.value.subnet.label}` });
  }
  if (interfaces.length === 0) {
    return [{ name: endpoint.label, checks: [fail(endpoint.label, `${endpoint.label} has no subnet, so it has no network interface`)] }];
  }
  const service = endpoint.endpointService ? model.endpointServices.get(endpoint.endpointService) : undefined;
  return interfaces.map((endpointInterface) => {
    const entry = source.attachment
      ? segmentChecks(model, source.attachment, endpointInterface, traffic, { seenAs: source.seenAs })
      : [fail(endpoint.label, `${source.outside}; interface endpoints are reachable only from networks routed to their VPC`)];
    if (!service) {
      return { name: `via ${endpointInterface.label}`, checks: [...entry, pass(endpoint.label, `delivers to ${String(endpoint.serviceName)}`)] };
    }
    const handshake = handshakeChecks(model, service, endpoint);
    const lbId = service.loadBalancers[0];
    const lb = typeof lbId === "string" ? model.loadBalancers.get(lbId) : undefined;
    if (!lb) {
      return { name: `via ${endpointInterface.label}`, checks: [...entry, ...handshake, unknown(service.label, `its load balancer ${String(lbId)} is not in this stack`)] };
    }
    const onward = loadBalancerPaths(model, { attachment: endpointInterface, seenAs: seenAs(endpointInterface) }, lb, traffic, { endpointInterface });
    return { name: `via ${endpointInterface.label}`, checks: [...entry, ...handshake, ...onward[0]!.checks] };
  });
}

import type { GuardrailRule } from "../rule";

export const endpointServiceAcceptance: GuardrailRule = {
  id: "endpoint-service-acceptance",
  title: "Endpoint services require acceptance of each endpoint",
  controls: ["checkov CKV_AWS_123"],
  rationale: "Without acceptance any allowed principal connects at will; with it, each consumer is an accept that a reviewer sees (article 002's handshake).",
  fix: "set acceptance_required = true and accept each consumer with an aws_vpc_endpoint_connection_accepter (EndpointService.accept)",
  countJudged({ model }) {
    return model.endpointServices.size;
  },
  check({ model }) {
    return [...model.endpointServices.values()]
      .filter((service) => service.acceptanceRequired !== true)
      .map((service) => ({ address: service.address, problem: `acceptance_required is ${String(service.acceptanceRequired)}` }));
  },
};

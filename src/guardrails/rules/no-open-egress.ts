import type { GuardrailRule } from "../rule";
import { isWholeInternet, rulesOutsideDefaultGroups } from "./world";

export const noOpenEgress: GuardrailRule = {
  id: "no-open-egress",
  title: "No security group sends all protocols to 0.0.0.0/0 or ::/0",
  controls: ["checkov CKV_AWS_382"],
  rationale: "Every flow here is written as a rule with its protocol and port (article 000's lesson); all-traffic egress to the internet hides what a host really needs and opens every channel out.",
  fix: "write the egress the flow needs (protocol, port, peer), e.g. tcp/443 to the endpoints' group, or declare an exception with the reason",
  countJudged({ model }) {
    return rulesOutsideDefaultGroups(model).filter((rule) => rule.direction === "egress").length;
  },
  check({ model }) {
    return rulesOutsideDefaultGroups(model)
      .flatMap((rule) => (rule.direction === "egress" && String(rule.protocol) === "-1" && isWholeInternet(rule.peer) ? [{ address: rule.declaredIn, problem: `sends all traffic to ${rule.peer.cidr}` }] : []));
  },
};

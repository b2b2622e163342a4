import type { SecurityGroupRule } from "../../reachability/model";
import type { GuardrailRule } from "../rule";
import { describePorts, isWholeInternet, rulesOutsideDefaultGroups, worldByUnion } from "./world";

export const noWorldIngress: GuardrailRule = {
  id: "no-world-ingress",
  title: "No security group admits traffic from 0.0.0.0/0 or ::/0, in one rule or in rules that together cover every IPv4 or IPv6 address on some traffic",
  controls: ["checkov CKV_AWS_24", "checkov CKV_AWS_25", "checkov CKV_AWS_277", "AWS FSBP EC2.18", "AWS FSBP EC2.19", "CIS AWS v3.0.0 5.2", "CIS AWS v3.0.0 5.3"],
  rationale: "Every flow in these topologies comes from a known VPC, group or operator address; an open inbound rule admits the whole internet the moment a route exists.",
  fix: "name the peer: another group (FlowSecurityGroup.allowFrom), a VPC's CIDR, or the operator's /32",
  countJudged({ model }) {
    return rulesOutsideDefaultGroups(model).filter((rule) => rule.direction === "ingress").length;
  },
  check({ model }) {
    const single = rulesOutsideDefaultGroups(model).flatMap((rule) =>
      rule.direction === "ingress" && isWholeInternet(rule.peer) ? [{ address: rule.declaredIn, problem: `admits ${describePorts(rule)} from ${rule.peer.cidr}` }] : [],
    );
    const named = new Set<SecurityGroupRule>();
    const together = worldByUnion(model, "ingress").flatMap(({ rules, ports, family }) =>
      rules.flatMap((rule) => {
        if (named.has(rule)) return [];
        named.add(rule);
        const from = rule.peer.kind === "cidr" || rule.peer.kind === "ipv6" ? rule.peer.cidr : "";
        return [{ address: rule.declaredIn, problem: `admits ${ports} from ${from}, and with ${rules.length - 1} other rule(s) of its group from every ${family} address` }];
      }),
    );
    return [...single, ...together];
  },
};

import type { Finding, GuardrailRule } from "../rule";

export const defaultSecurityGroupClosed: GuardrailRule = {
  id: "default-security-group-closed",
  title: "Every VPC's default security group is adopted and has no rules",
  controls: ["checkov CKV2_AWS_12", "AWS FSBP EC2.2", "CIS AWS v1.4.0 5.3"],
  rationale: "Anything launched without a group lands in the default one, which AWS creates open to its members and to all egress.",
  fix: "adopt it with an aws_default_security_group that has no ingress and no egress blocks (PrivateNetwork does)",
  countJudged({ model }) {
    return new Set([...model.defaultSecurityGroupOfVpc.values(), ...[...model.securityGroups.values()].filter((group) => group.isDefault).map((group) => group.address)]).size;
  },
  check({ model }) {
    const findings: Finding[] = [];
    for (const [vpc, groupAddress] of model.defaultSecurityGroupOfVpc) {
      if (groupAddress.includes("#")) {
        findings.push({ address: vpc, problem: "its default security group is not adopted, so AWS's rules (all traffic from members, all egress) stay" });
      }
    }
    // Every adopted default group, also of a VPC this stack does not create (a data source, the default VPC).
    for (const group of model.securityGroups.values()) {
      if (group.isDefault && !group.address.includes("#") && group.rules.length > 0) {
        const rules = [...new Set(group.rules.map((rule) => rule.declaredIn))];
        findings.push({ address: group.address, problem: `has ${group.rules.length} rule(s), written in ${rules.join(", ")}` });
      }
    }
    return findings;
  },
};

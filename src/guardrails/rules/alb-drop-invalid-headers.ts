import { booleanOf } from "../../reachability/values";
import type { Finding, GuardrailRule } from "../rule";

export const albDropInvalidHeaders: GuardrailRule = {
  id: "alb-drop-invalid-headers",
  title: "Application Load Balancers drop HTTP headers with invalid fields",
  controls: ["checkov CKV_AWS_131", "AWS FSBP ELB.4"],
  rationale: "Headers the ALB would pass on malformed are the raw material of request smuggling against the servers behind it.",
  fix: "set drop_invalid_header_fields = true (InternalAlb does)",
  countJudged({ context }) {
    return context.blocks("aws_lb", "aws_alb").filter((block) => (block.body["load_balancer_type"] ?? "application") === "application").length;
  },
  check({ context }) {
    const findings: Finding[] = [];
    for (const block of context.blocks("aws_lb", "aws_alb")) {
      const type = block.body["load_balancer_type"] ?? "application";
      if (type !== "application") {
        continue;
      }
      const value = block.body["drop_invalid_header_fields"];
      if (booleanOf(value, false) !== true) {
        findings.push({ address: block.address, problem: value === undefined ? "drop_invalid_header_fields is unset (AWS's default is false)" : `drop_invalid_header_fields is ${JSON.stringify(value)}` });
      }
    }
    return findings;
  },
};

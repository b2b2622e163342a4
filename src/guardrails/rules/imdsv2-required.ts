import { blocksOf } from "../../reachability/values";
import type { Finding, GuardrailRule } from "../rule";

/** `http_tokens` as written, or why it is not good enough. */
function tokensProblem(metadataOptions: unknown): string | undefined {
  const options = blocksOf(metadataOptions)[0];
  if (options?.["http_endpoint"] === "disabled") {
    return undefined;
  }
  const tokens = options?.["http_tokens"];
  if (tokens === "required") {
    return undefined;
  }
  return tokens === undefined
    ? "metadata_options.http_tokens is unset, so the AMI's setting decides and IMDSv1 may answer"
    : `metadata_options.http_tokens is ${JSON.stringify(tokens)}, not "required"`;
}

export const imdsv2Required: GuardrailRule = {
  id: "imdsv2-required",
  title: "Instances and launch templates require IMDSv2 session tokens",
  controls: ["checkov CKV_AWS_79", "AWS FSBP EC2.8", "CIS AWS v3.0.0 5.6"],
  rationale: "IMDSv1 answers any request from the instance, so one server-side request forgery leaks the instance role's credentials.",
  fix: 'set metadata_options { http_tokens = "required" } (HardenedInstance does)',
  countJudged({ context }) {
    return context.blocks("aws_instance", "aws_launch_template").length;
  },
  check({ context }) {
    const findings: Finding[] = [];
    for (const block of context.blocks("aws_instance", "aws_launch_template")) {
      if (block.body["metadata_options"] === undefined && block.body["launch_template"] !== undefined) {
        continue; // the template's own options apply, and the template is judged itself
      }
      const problem = tokensProblem(block.body["metadata_options"]);
      if (problem) {
        findings.push({ address: block.address, problem });
      }
    }
    return findings;
  },
};

import type { ResourceBlock } from "../../terraform-json/read";
import { blocksOf, booleanOf } from "../../reachability/values";
import type { Finding, GuardrailRule } from "../rule";

function unencrypted(block: ResourceBlock, what: string, volume: Record<string, unknown> | undefined): Finding[] {
  const encrypted = booleanOf(volume?.["encrypted"], false);
  if (encrypted === true) {
    return [];
  }
  const written = volume?.["encrypted"];
  const problem =
    written === undefined
      ? `${what} sets no encrypted = true, so the account's default (often unencrypted) decides`
      : `${what} has encrypted = ${JSON.stringify(written)}`;
  return [{ address: block.address, problem }];
}

export const encryptedVolumes: GuardrailRule = {
  id: "encrypted-volumes",
  title: "Every EBS volume, root or data, is encrypted",
  controls: ["checkov CKV_AWS_8", "checkov CKV_AWS_3", "AWS FSBP EC2.3"],
  rationale: "An unencrypted volume leaves its data and every snapshot of it readable to whoever gets hold of a copy.",
  fix: "set encrypted = true on root_block_device, each ebs_block_device, aws_ebs_volume and launch template ebs blocks (HardenedInstance does for its root volume)",
  countJudged({ context }) {
    return context.blocks("aws_instance", "aws_ebs_volume", "aws_launch_template").length;
  },
  check({ context }) {
    const findings: Finding[] = [];
    for (const block of context.blocks("aws_instance")) {
      // Without a root_block_device of its own, an instance from a template takes the template's, judged below.
      if (block.body["root_block_device"] !== undefined || block.body["launch_template"] === undefined) {
        findings.push(...unencrypted(block, "root_block_device", blocksOf(block.body["root_block_device"])[0]));
      }
      for (const [index, device] of blocksOf(block.body["ebs_block_device"]).entries()) {
        findings.push(...unencrypted(block, `ebs_block_device[${index}] (${String(device["device_name"] ?? "?")})`, device));
      }
    }
    for (const block of context.blocks("aws_ebs_volume")) {
      findings.push(...unencrypted(block, "the volume", block.body));
    }
    for (const block of context.blocks("aws_launch_template")) {
      for (const [index, mapping] of blocksOf(block.body["block_device_mappings"]).entries()) {
        const ebs = blocksOf(mapping["ebs"])[0];
        if (ebs) {
          findings.push(...unencrypted(block, `block_device_mappings[${index}].ebs`, ebs));
        }
      }
    }
    return findings;
  },
};
